// One entry in the audit trail, stamped by the injected clock.
import type { NewAuditEntry } from '../core/audit/audit-entry.js';
import type { RunContext } from './run-context.js';

export async function appendAudit(
  context: Pick<RunContext, 'audit' | 'now'>,
  entry: Omit<NewAuditEntry, 'at'>,
): Promise<void> {
  await context.audit.append({ ...entry, at: context.now().toISOString() });
}
