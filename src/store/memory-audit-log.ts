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
import type { AuditLog, AuditQuery } from '../ports.js';
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

  constructor(options: MemoryAuditLogOptions) {
    this.logger = options.logger;
    this.now = options.now ?? (() => new Date());
  }

  async append(entry: NewAuditEntry): Promise<AuditEntry> {
    const problem = auditEntryProblem(entry);
    if (problem) throw new Error(`audit log: cannot append the entry: ${problem}`);
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
