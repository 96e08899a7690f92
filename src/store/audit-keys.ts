// The Redis key layout of the audit log, in one place so tests and ad-hoc readers can find it.
import { checkedKeyPrefix } from './key-slot.js';

/**
 * Every key of the audit log under `prefix` (default `ssm-chatops:`), all with the one hash tag `{audit}`: an
 * append writes the stream entry and its place in each subject's timeline as one script (an entry is never in
 * the stream without its timeline entries, and a retried append would duplicate it), so on Redis Cluster they
 * share a slot. The stream is one key anyway; its timeline lists are small beside it.
 */
export interface AuditKeys {
  /**
   * Stream `{prefix}{audit}`, append-only, never trimmed by the bot. Each entry has the fields `entry` (the entry
   * as JSON, without its id, which is the stream id), `action`, `actor` (`user:U0…` or `system:<name>`) and, when
   * the entry names them, `changeId` and `runId`, so `XRANGE` can be read by hand.
   */
  stream: string;
  /** List `{prefix}{audit}:subject:<id>`: the stream ids of the entries naming a change or run id, in order. */
  subject(subjectId: string): string;
  /**
   * String `{prefix}{audit}:once:<idempotency key>`: the stream id of the entry appended with that key. It
   * expires (AUDIT_IDEMPOTENCY_TTL_MS), so these keys are bounded by the idempotent appends of that window.
   */
  once(idempotencyKey: string): string;
}

export function auditKeys(prefix: string): AuditKeys {
  const stream = `${checkedKeyPrefix(prefix)}{audit}`;
  return {
    stream,
    subject: (subjectId) => `${stream}:subject:${subjectId}`,
    once: (idempotencyKey) => `${stream}:once:${idempotencyKey}`,
  };
}
