// A run as someone asked for it, from the command line or the modal, before it is checked.
import type { AskedWindow } from '../approval/change-window.js';
import type { RateLimit, RunMode, RunTargets } from '../command/ssm-command.js';

export interface RunRequest {
  runbook?: string;
  /** Raw values: text from the command line, lists from multi-selects; typed against the schema later. */
  parameters: Record<string, string | string[]>;
  targets: RunTargets;
  mode?: RunMode;
  concurrency?: RateLimit;
  maxErrors?: RateLimit;
  reason?: string;
  /** Raised as an emergency change (see RunCommand.emergency). */
  emergency?: boolean;
  /** When a change may start (see RunCommand.window); only a governed run can be scheduled. */
  window?: AskedWindow;
}
