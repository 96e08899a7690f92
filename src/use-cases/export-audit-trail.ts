// Exports the audit trail as JSON Lines for a SIEM: oldest first, a page at a time, so no trail is read whole.
import { exportedAuditLine } from '../core/audit/audit-entry.js';
import type { AuditLog } from '../ports.js';

export interface AuditExportRange {
  /** Inclusive, by the time the log recorded each entry. */
  since?: Date;
  /** Exclusive. */
  until?: Date;
}

export interface AuditExportResult {
  count: number;
  /** The id of the last entry written: a later export can start after it. */
  lastId?: string;
}

/** Entries read per `list` call, and so per `write`. */
export const EXPORT_PAGE_SIZE = 500;

/**
 * Writes each entry in `range` as one line of JSON (`{"schemaVersion":1,"id":…,"action":…}`), oldest first. Each page is written
 * (and its write awaited) before the next is read. Entries appended meanwhile are included when they fall in
 * the range, so an export without `until` ends at whatever was last when it got there.
 */
export async function exportAuditTrail(
  audit: Pick<AuditLog, 'list'>,
  range: AuditExportRange,
  write: (lines: string) => Promise<void> | void,
  pageSize = EXPORT_PAGE_SIZE,
): Promise<AuditExportResult> {
  let count = 0;
  let lastId: string | undefined;
  for (;;) {
    const page = await audit.list({ ...range, afterId: lastId, limit: pageSize });
    if (page.length === 0) break;
    await write(page.map((entry) => `${exportedAuditLine(entry)}\n`).join(''));
    count += page.length;
    lastId = page.at(-1)!.id;
    if (page.length < pageSize) break;
  }
  return { count, lastId };
}
