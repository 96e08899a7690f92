// runModeFor: which mode a runbook runs in, for the command, the run modal's default and the plan alike.
import { describe, expect, it } from 'vitest';
import type { RunMode } from '../../src/core/command/ssm-command.js';
import { type ModeSettings, runModeFor } from '../../src/core/run/run-mode-for.js';

const settings: ModeSettings = {
  defaultMode: 'multi-account',
  modeByRunbook: { 'Platform-RollingRestartService': 'fan-out', 'AWS-RestartEC2Instance': 'multi-account' },
};

describe('runModeFor', () => {
  it.each<[string, string, RunMode | undefined, RunMode]>([
    ['the request names a mode', 'Platform-RollingRestartService', 'multi-account', 'multi-account'],
    ['the runbook has a configured mode', 'Platform-RollingRestartService', undefined, 'fan-out'],
    ['the runbook is configured as the default', 'AWS-RestartEC2Instance', undefined, 'multi-account'],
    ['the runbook is not configured', 'AWS-StopEC2Instance', undefined, 'multi-account'],
    [
      'the name matches a configured one but for case',
      'platform-rollingrestartservice',
      undefined,
      'multi-account',
    ],
  ])('when %s, then it runs %s as %s', (_case, runbook, requested, expected) => {
    expect(runModeFor(runbook, settings, requested)).toBe(expected);
  });

  it('when the default is fan-out, then an unconfigured runbook fans out', () => {
    expect(runModeFor('AWS-StopEC2Instance', { defaultMode: 'fan-out', modeByRunbook: {} })).toBe('fan-out');
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    'when a runbook is named %s, then it takes the default, not what objects inherit',
    (runbook) => {
      expect(runModeFor(runbook, settings)).toBe('multi-account');
    },
  );
});
