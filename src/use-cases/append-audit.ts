// One entry in the audit trail, stamped by the injected clock, its sentence written from its fields.
import type { NewAuditEntry } from '../core/audit/audit-entry.js';
import { summarizeAuditEntry } from '../core/audit/summarize-audit-entry.js';
import type { RunContext } from './run-context.js';

export async function appendAudit(
  context: Pick<RunContext, 'audit' | 'now'>,
  entry: Omit<NewAuditEntry, 'at' | 'summary'>,
): Promise<void> {
  const stamped = { ...entry, at: context.now().toISOString() };
  await context.audit.append({ ...stamped, summary: summarizeAuditEntry(stamped) });
}
