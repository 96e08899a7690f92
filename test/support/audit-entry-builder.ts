// Builds audit entries for tests: an approval vote on chg-7k3m9q2x by alice, unless overridden.
import type { NewAuditEntry } from '../../src/core/audit/audit-entry.js';

export function anAuditEntry(overrides: Partial<NewAuditEntry> = {}): NewAuditEntry {
  return {
    action: 'change.vote',
    actor: { kind: 'user', userId: 'U0APPROVE1', teamId: 'T0SANDBOX', displayName: 'alice' },
    subject: { changeId: 'chg-7k3m9q2x' },
    at: '2025-06-02T01:00:00.000Z',
    summary: 'alice approved chg-7k3m9q2x at SRE leads (1 of 2)',
    runbook: 'AWS-RestartEC2Instance',
    template: 'prod-change',
    level: { index: 0, name: 'SRE leads' },
    votes: { count: 1, required: 2 },
    outcome: 'pending',
    ...overrides,
  };
}
