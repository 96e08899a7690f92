// An AuditQuery as a closed range of entry ids: what XRANGE takes, and what the memory log filters by.
import { parseAuditId } from '../core/audit/audit-entry.js';
import type { AuditQuery } from '../ports.js';

/** The largest sequence number of a stream id (unsigned 64-bit). */
const MAX_SEQ = 18_446_744_073_709_551_615n;

/** Both ends inclusive, as `<ms>-<seq>`. */
export interface AuditIdRange {
  start: string;
  end: string;
  limit: number;
}

/**
 * The ids `query` selects, or undefined when it selects nothing (an `until` at or before `since`, or before
 * every possible id). Throws on a malformed query: callers build it, so it is a bug, not an input to answer.
 */
export function auditIdRange(query: AuditQuery): AuditIdRange | undefined {
  const { since, until, afterId, limit } = query;
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`audit log: limit must be a positive integer`);
  let start = { ms: 0n, seq: 0n };
  if (since !== undefined) start = later(start, { ms: BigInt(Math.max(timeOf('since', since), 0)), seq: 0n });
  if (afterId !== undefined) {
    const after = parseAuditId(afterId);
    if (!after) throw new Error(`audit log: afterId "${afterId}" is not an entry id (<ms>-<seq>)`);
    const next =
      after.seq === MAX_SEQ ? { ms: after.ms + 1n, seq: 0n } : { ms: after.ms, seq: after.seq + 1n };
    start = later(start, next);
  }
  let end = { ms: 2n ** 64n - 1n, seq: MAX_SEQ };
  if (until !== undefined) {
    const untilMs = timeOf('until', until);
    if (untilMs <= 0) return undefined;
    end = { ms: BigInt(untilMs - 1), seq: MAX_SEQ };
  }
  if (start.ms > end.ms || (start.ms === end.ms && start.seq > end.seq)) return undefined;
  return { start: `${start.ms}-${start.seq}`, end: `${end.ms}-${end.seq}`, limit };
}

function timeOf(name: string, date: Date): number {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new Error(`audit log: ${name} is an invalid date`);
  return ms;
}

function later(a: { ms: bigint; seq: bigint }, b: { ms: bigint; seq: bigint }) {
  return a.ms > b.ms || (a.ms === b.ms && a.seq >= b.seq) ? a : b;
}
