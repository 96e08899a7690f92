// The Redis key layout of the audit log, in one place so tests and ad-hoc readers can find it.

/** Every key of the audit log under `prefix` (default `ssm-chatops:`). */
export interface AuditKeys {
  /**
   * Stream, append-only, never trimmed by the bot. Each entry has the fields `entry` (the entry as JSON, without
   * its id, which is the stream id), `action`, `actor` (`user:U0…` or `system:<name>`) and, when the entry names
   * them, `changeId` and `runId`, so `XRANGE` can be read by hand.
   */
  stream: string;
  /** List: the stream ids of the entries naming a change or run id, in append order (the timeline index). */
  subject(subjectId: string): string;
}

export function auditKeys(prefix: string): AuditKeys {
  return {
    stream: `${prefix}audit`,
    subject: (subjectId) => `${prefix}audit:subject:${subjectId}`,
  };
}
