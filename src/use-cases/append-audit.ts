// One entry in the audit trail, stamped by the injected clock, its sentence written from its fields.
import type { NewAuditEntry } from '../core/audit/audit-entry.js';
import { summarizeAuditEntry } from '../core/audit/summarize-audit-entry.js';
import type { RunContext } from './run-context.js';

type UnstampedEntry = Omit<NewAuditEntry, 'at' | 'summary'>;

export async function appendAudit(
  context: Pick<RunContext, 'audit' | 'now'>,
  entry: UnstampedEntry,
): Promise<void> {
  await context.audit.append(stamp(context, entry));
}

/**
 * For a step that happens once to a run but that a flow can reach twice (two resumes of one change at once, a
 * retried job): the entry is appended under `<action>:<runId>`, and only the first append records it.
 * Resolves to whether this call recorded it.
 */
export async function appendAuditOncePerRun(
  context: Pick<RunContext, 'audit' | 'now'>,
  runId: string,
  entry: UnstampedEntry,
): Promise<'appended' | 'already-appended'> {
  const idempotencyKey = `${entry.action}:${runId}`;
  const result = await context.audit.append(stamp(context, entry), { idempotencyKey });
  return result.kind;
}

function stamp(context: Pick<RunContext, 'now'>, entry: UnstampedEntry): NewAuditEntry {
  const stamped = { ...entry, at: context.now().toISOString() };
  return { ...stamped, summary: summarizeAuditEntry(stamped) };
}
