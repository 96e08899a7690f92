// One entry in the audit trail, stamped by the injected clock. Without approval services (some tests) no trail.
import type { NewAuditEntry } from '../core/audit/audit-entry.js';
import type { RunContext } from './run-context.js';

export async function appendAudit(
  context: Pick<RunContext, 'approvals' | 'now'>,
  entry: Omit<NewAuditEntry, 'at'>,
): Promise<void> {
  await context.approvals?.audit.append({ ...entry, at: context.now().toISOString() });
}
