// Which mode a runbook runs in: the one rule behind the command, the run modal's default and the plan.
import type { RunMode } from '../command/ssm-command.js';

/** The configured modes: `runs.defaultMode` and `runs.modeByRunbook`. */
export interface ModeSettings {
  defaultMode: RunMode;
  /** Runbook name → mode; a name missing here takes `defaultMode`. */
  modeByRunbook: Readonly<Record<string, RunMode>>;
}

/**
 * What the request asked for, else the runbook's configured mode, else the default. Only the map's own
 * entries count: a runbook named `constructor` or `__proto__` must not pick up what objects inherit.
 */
export function runModeFor(runbook: string, settings: ModeSettings, requested?: RunMode): RunMode {
  if (requested) return requested;
  return Object.hasOwn(settings.modeByRunbook, runbook)
    ? settings.modeByRunbook[runbook]!
    : settings.defaultMode;
}
