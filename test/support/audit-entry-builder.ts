// Builds audit entries for tests: an approval vote on chg-7k3m9q2x by alice, unless overridden.
import type { NewAuditEntry } from '../../src/core/audit/audit-entry.js';

export function anAuditEntry(overrides: Partial<NewAuditEntry> = {}): NewAuditEntry {
  return {
    action: 'change.vote',
    actor: { kind: 'user', userId: 'U0APPROVE1' },
    subject: { changeId: 'chg-7k3m9q2x' },
    at: '2025-06-02T01:00:00.000Z',
    summary: 'alice approved level 1 of chg-7k3m9q2x (1 of 2)',
    details: { level: 1, approvals: 1, required: 2 },
    ...overrides,
  };
}
