// The audit log in memory: for use-case tests and the demo; same contract as Redis, no persistence.
import type { Logger } from 'pino';
import {
  type AuditEntry,
  auditEntryProblem,
  auditRecord,
  auditSubjectIds,
  compareAuditIds,
  type NewAuditEntry,
} from '../core/audit/audit-entry.js';
import { AUDIT_IDEMPOTENCY_TTL_MS, type AuditAppendOnce, type AuditLog, type AuditQuery } from '../ports.js';
import { auditIdRange } from './audit-range.js';

export interface MemoryAuditLogOptions {
  /** Every appended entry is logged here at info (`{ audit: entry }`, message = its summary). */
  logger: Logger;
  /** The clock of the ids (`<ms>-<seq>`, as Redis makes them); default the system clock. */
  now?: () => Date;
}

/** Copies entries on the way in and out, as Redis stores JSON, so no caller can change what was recorded. */
export class MemoryAuditLog implements AuditLog {
  private readonly entries: AuditEntry[] = [];
  private readonly bySubject = new Map<string, AuditEntry[]>();
  private readonly logger: Logger;
  private readonly now: () => Date;
  private last = { ms: -1, seq: 0 };
  /** Idempotency key → the id of the entry that used it, and when the key is forgotten (ms). */
  private readonly keys = new Map<string, { id: string; expiresAt: number }>();

  constructor(options: MemoryAuditLogOptions) {
    this.logger = options.logger;
    this.now = options.now ?? (() => new Date());
  }

  append(entry: NewAuditEntry): Promise<AuditEntry>;
  append(entry: NewAuditEntry, once: { idempotencyKey: string }): Promise<AuditAppendOnce>;
  async append(
    entry: NewAuditEntry,
    once?: { idempotencyKey: string },
  ): Promise<AuditEntry | AuditAppendOnce> {
    const problem = auditEntryProblem(entry);
    if (problem) throw new Error(`audit log: cannot append the entry: ${problem}`);
    if (!once) return this.record(entry);
    const nowMs = this.now().getTime();
    this.forgetExpiredKeys(nowMs);
    const held = this.keys.get(once.idempotencyKey);
    if (held) return { kind: 'already-appended', idempotencyKey: once.idempotencyKey, id: held.id };
    const appended = this.record(entry);
    this.keys.set(once.idempotencyKey, { id: appended.id, expiresAt: nowMs + AUDIT_IDEMPOTENCY_TTL_MS });
    return { kind: 'appended', entry: appended };
  }

  /** Keys are kept in insertion order with one TTL, so the expired ones are at the front. */
  private forgetExpiredKeys(nowMs: number): void {
    for (const [key, { expiresAt }] of this.keys) {
      if (expiresAt > nowMs) break;
      this.keys.delete(key);
    }
  }

  private record(entry: NewAuditEntry): AuditEntry {
    const stored: AuditEntry = { id: this.nextId(), ...structuredClone(auditRecord(entry)) };
    this.entries.push(stored);
    for (const subjectId of auditSubjectIds(stored)) {
      const timeline = this.bySubject.get(subjectId) ?? [];
      timeline.push(stored);
      this.bySubject.set(subjectId, timeline);
    }
    const appended = structuredClone(stored);
    this.logger.info({ audit: appended }, appended.summary);
    return appended;
  }

  async timeline(subjectId: string): Promise<AuditEntry[]> {
    return structuredClone(this.bySubject.get(subjectId) ?? []);
  }

  async list(query: AuditQuery): Promise<AuditEntry[]> {
    const range = auditIdRange(query);
    if (!range) return [];
    const selected = this.entries.filter(
      (entry) => compareAuditIds(entry.id, range.start) >= 0 && compareAuditIds(entry.id, range.end) <= 0,
    );
    return structuredClone(selected.slice(0, range.limit));
  }

  /** Like XADD `*`: the clock's ms, never going back, with a sequence within one ms. */
  private nextId(): string {
    const ms = Math.max(this.now().getTime(), this.last.ms);
    this.last = { ms, seq: ms === this.last.ms ? this.last.seq + 1 : 0 };
    return `${this.last.ms}-${this.last.seq}`;
  }
}
