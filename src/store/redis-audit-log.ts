// The audit log in Redis: one append-only stream, and a list of stream ids per change or run for timelines.
import type { Logger } from 'pino';
import {
  type AuditActor,
  type AuditEntry,
  auditEntryProblem,
  auditRecord,
  auditSubjectIds,
  type NewAuditEntry,
} from '../core/audit/audit-entry.js';
import { ErrorCode, StoreError } from '../errors.js';
import { AUDIT_IDEMPOTENCY_TTL_MS, type AuditAppendOnce, type AuditLog, type AuditQuery } from '../ports.js';
import { type AuditKeys, auditKeys } from './audit-keys.js';
import { auditIdRange } from './audit-range.js';
import { parseStoredJson } from './parse-stored-json.js';
import { positiveInteger } from './positive-integer.js';
import type { RedisClient } from './redis-connection.js';
import { DEFAULT_KEY_PREFIX } from './redis-run-store.js';
import { appendAuditEntryScript } from './scripts/append-audit-entry.js';
import { readAuditTimelineScript } from './scripts/read-audit-timeline.js';

export interface RedisAuditLogOptions {
  /** Every appended entry is logged here at info (`{ audit: entry }`, message = its summary). */
  logger: Logger;
  /** Put before every key; default `ssm-chatops:`. Tests use a random one each. */
  prefix?: string;
  /**
   * Keep about this many newest entries (XADD MAXLEN ~, so a little more). Unset: the stream is never trimmed.
   * The only setting that trims the audit trail (AUDIT_MAX_ENTRIES).
   */
  maxEntries?: number;
}

/** A stream entry as XRANGE returns it: its id and its flat field-value list. */
type StreamEntry = [id: string, fields: string[]];

/**
 * Keys (see audit-keys.ts), all in the hash slot of `{audit}`: the stream `{prefix}{audit}`, the lists
 * `{prefix}{audit}:subject:<id>` and the expiring idempotency keys `{prefix}{audit}:once:<key>`. An append is
 * one script, so an entry is never in the stream without its index entries (nor a key without its entry).
 * Nothing trims or deletes unless `maxEntries` is set: retention is the operator's (export with
 * `ssm-chatops audit export`, then XTRIM MINID); a timeline skips ids whose entries were trimmed.
 */
export class RedisAuditLog implements AuditLog {
  private readonly keys: AuditKeys;
  private readonly logger: Logger;
  private readonly maxEntries: string;

  constructor(
    private readonly client: RedisClient,
    options: RedisAuditLogOptions,
  ) {
    this.keys = auditKeys(options.prefix ?? DEFAULT_KEY_PREFIX);
    this.logger = options.logger;
    this.maxEntries =
      options.maxEntries === undefined
        ? ''
        : String(positiveInteger('RedisAuditLog', 'maxEntries', options.maxEntries));
  }

  append(entry: NewAuditEntry): Promise<AuditEntry>;
  append(entry: NewAuditEntry, once: { idempotencyKey: string }): Promise<AuditAppendOnce>;
  async append(
    entry: NewAuditEntry,
    once?: { idempotencyKey: string },
  ): Promise<AuditEntry | AuditAppendOnce> {
    const problem = auditEntryProblem(entry);
    if (problem) throw new Error(`audit log: cannot append the entry: ${problem}`);
    const record = auditRecord(entry);
    const json = JSON.stringify(record);
    const onceKeys = once ? [this.keys.once(once.idempotencyKey)] : [];
    const answer = await appendAuditEntryScript.run(
      this.client,
      [this.keys.stream, ...onceKeys, ...auditSubjectIds(record).map(this.keys.subject)],
      [this.maxEntries, once ? String(AUDIT_IDEMPOTENCY_TTL_MS) : '', ...streamFields(record, json)],
    );
    if (once && Array.isArray(answer) && typeof answer[0] === 'string')
      return { kind: 'already-appended', idempotencyKey: once.idempotencyKey, id: answer[0] };
    if (typeof answer !== 'string')
      throw new Error(`audit log: XADD answered ${JSON.stringify(answer)}, not an id`);
    // Parsed back from what was written, so the caller gets exactly what timeline and list will return.
    const appended = parseStoredAuditEntry([answer, ['entry', json]], this.keys.stream);
    this.logger.info({ audit: appended }, appended.summary);
    return once ? { kind: 'appended', entry: appended } : appended;
  }

  async timeline(subjectId: string): Promise<AuditEntry[]> {
    const found = await readAuditTimelineScript.run(
      this.client,
      [this.keys.subject(subjectId), this.keys.stream],
      [],
    );
    if (!Array.isArray(found)) {
      throw new Error(
        `audit log: the timeline of ${subjectId} answered ${JSON.stringify(found)}, not a list`,
      );
    }
    return (found as StreamEntry[]).map((entry) => parseStoredAuditEntry(entry, this.keys.stream));
  }

  async list(query: AuditQuery): Promise<AuditEntry[]> {
    const range = auditIdRange(query);
    if (!range) return [];
    const found = (await this.client.xrange(
      this.keys.stream,
      range.start,
      range.end,
      'COUNT',
      range.limit,
    )) as StreamEntry[];
    return found.map((entry) => parseStoredAuditEntry(entry, this.keys.stream));
  }
}

/** `entry` first; the rest are copies for people reading the stream with XRANGE. */
function streamFields(entry: NewAuditEntry, json: string): string[] {
  const { changeId, runId } = entry.subject;
  return [
    ...['entry', json, 'action', entry.action, 'actor', actorLabel(entry.actor)],
    ...(changeId === undefined ? [] : ['changeId', changeId]),
    ...(runId === undefined ? [] : ['runId', runId]),
  ];
}

const actorLabel = (actor: AuditActor) =>
  actor.kind === 'user' ? `user:${actor.userId}` : `system:${actor.name}`;

/** We wrote it, so it is trusted as an entry, but a corrupt or foreign stream entry fails loudly. */
function parseStoredAuditEntry([id, fields]: StreamEntry, key: string): AuditEntry {
  const where = `the entry ${id} of ${key}`;
  const jsonIndex = fields.findIndex((field, index) => index % 2 === 0 && field === 'entry');
  const json = jsonIndex === -1 ? undefined : fields[jsonIndex + 1];
  if (json === undefined)
    throw new StoreError(
      ErrorCode.StoreCorruptRecord,
      `audit log: ${where} has no "entry" field (corrupt record)`,
    );
  const value = parseStoredJson(json, `audit log: ${where}`);
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new StoreError(
      ErrorCode.StoreCorruptRecord,
      `audit log: ${where} is not an object (corrupt record)`,
    );
  const problem = auditEntryProblem(value as NewAuditEntry);
  if (problem)
    throw new StoreError(
      ErrorCode.StoreCorruptRecord,
      `audit log: ${where} is not an audit entry: ${problem} (corrupt record)`,
    );
  return { id, ...(value as NewAuditEntry) };
}
