// appendAudit: one entry stamped by the injected clock, its plain-text summary written from its fields.
import { describe, expect, it } from 'vitest';
import { appendAudit } from '../../src/use-cases/append-audit.js';
import { aRunContext } from '../support/run-context-builder.js';

describe('appendAudit', () => {
  it('when a cancel is appended, then it carries the clock’s time and a summary naming the person, not a mention', async () => {
    const context = aRunContext({ start: new Date('2026-06-02T03:00:00.000Z') });

    await appendAudit(context, {
      action: 'run.cancelled',
      actor: { kind: 'user', userId: 'U0REQUEST1', teamId: 'T0TEAM0001', displayName: 'alice' },
      subject: { runId: 'run-7k3m9q2x' },
      runbook: 'AWS-RestartEC2Instance',
      outcome: 'cancelling',
    });

    expect(await context.audit.timeline('run-7k3m9q2x')).toEqual([
      expect.objectContaining({
        at: '2026-06-02T03:00:00.000Z',
        summary: 'alice cancelled run-7k3m9q2x',
        outcome: 'cancelling',
      }),
    ]);
  });
});
