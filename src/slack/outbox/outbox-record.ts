// A message as the outbox keeps it in Redis: what it should show and how far its delivery got.
import type { SlackContent } from '../../ports.js';

/**
 * The hash `{prefix}outbox:message:{key}`. Field names in Redis are the property names below; booleans are
 * `1`/`0`, times are epoch ms, absent optionals are absent fields.
 */
export interface OutboxRecord {
  key: string;
  channel: string;
  /** The key of the message whose thread this one is posted in. */
  threadOf?: string;
  broadcast: boolean;
  postOnly: boolean;
  /** The latest version is the message's last state: edited without waiting for the coalescing window. */
  final: boolean;
  /**
   * What the latest version shows. Released (absent) once Slack shows that version for good — posted and
   * delivered, or a post-only message posted: a large run's thread and its results files would otherwise stay in
   * Redis for the whole retention. `contentDigest` still tells a repeated upsert of the same content apart.
   */
  content?: SlackContent;
  /** 1 on the first upsert, +1 each time the content changes. */
  version: number;
  /** The version Slack shows (0 before the first post). */
  delivered: number;
  /** The generation of the one delivery job that owns the key (see deliverJobId). */
  generation: number;
  /** Whether a job of `generation` is scheduled or running. */
  scheduled: boolean;
  createdAt: number;
  /**
   * The message's ts once posted; for a file share, the id of its first file (Slack's answer names the files, not
   * the message; nothing edits a share or replies under it, so the id only says it was shared).
   */
  ts?: string;
  /** When the last post or edit (or the last refused attempt) was sent. */
  lastSentAt?: number;
  /** Set just before chat.postMessage: a post may have reached Slack since `at`, carrying `version`. */
  posting?: { at: number; version: number };
  /** Slack refused `version` for good (`reason` is its error code); a newer version is tried again. */
  gaveUp?: { version: number; reason: string };
  /** The slowest pace of edits the latest upsert asked for (see OutboxMessage.editEveryMs). */
  editEveryMs?: number;
  /** The revision of the source the content was rendered from (see OutboxMessage.revision). */
  revision?: number;
  /**
   * A caller of deliverNow is making the first delivery itself until then: jobs wait for it, so one message
   * never has two deliverers at once.
   */
  leaseUntil?: number;
}

/**
 * The content a post or an edit sends. Only a settled message has released it, and nothing sends a settled
 * message: missing here is a fault.
 */
export function contentToSend(record: OutboxRecord): SlackContent {
  if (!record.content) throw corrupt(record.key, 'content to send was released');
  return record.content;
}

/** What a thread reply needs to know about its parent. */
export interface ParentState {
  ts?: string;
  /** The parent's latest version was refused and it has no ts: it will not be posted unless it changes. */
  gaveUp: boolean;
}

/** Reads the hash; undefined when the key is unknown (never upserted, or expired). */
export function parseOutboxRecord(key: string, hash: Record<string, string>): OutboxRecord | undefined {
  if (hash.version === undefined) return undefined;
  const record: OutboxRecord = {
    key,
    channel: required(hash, 'channel', key),
    broadcast: hash.broadcast === '1',
    postOnly: hash.postOnly === '1',
    final: hash.final === '1',
    version: integer(hash, 'version', key),
    delivered: integer(hash, 'delivered', key),
    generation: integer(hash, 'generation', key),
    scheduled: hash.scheduled === '1',
    createdAt: integer(hash, 'createdAt', key),
  };
  if (hash.content !== undefined) record.content = parseContent(hash.content, key);
  else if (hash.delivered !== hash.version || !hash.ts) throw corrupt(key, 'content is missing');
  if (hash.threadOf) record.threadOf = hash.threadOf;
  if (hash.ts) record.ts = hash.ts;
  if (hash.lastSentAt) record.lastSentAt = integer(hash, 'lastSentAt', key);
  if (hash.postingAt) {
    record.posting = { at: integer(hash, 'postingAt', key), version: integer(hash, 'postingVersion', key) };
  }
  if (hash.revision) record.revision = integer(hash, 'revision', key);
  if (hash.editEveryMs) record.editEveryMs = integer(hash, 'editEveryMs', key);
  if (hash.leaseUntil) record.leaseUntil = integer(hash, 'leaseUntil', key);
  if (hash.gaveUpVersion) {
    record.gaveUp = { version: integer(hash, 'gaveUpVersion', key), reason: hash.gaveUpReason ?? 'unknown' };
  }
  return record;
}

/** The parent as a reply sees it, from the parent's hash (undefined while the parent was never upserted). */
export function parentStateOf(parent: OutboxRecord | undefined): ParentState | undefined {
  if (!parent) return undefined;
  const gaveUp = !parent.ts && parent.gaveUp !== undefined && parent.gaveUp.version >= parent.version;
  return parent.ts ? { ts: parent.ts, gaveUp } : { gaveUp };
}

function required(hash: Record<string, string>, field: string, key: string): string {
  const value = hash[field];
  if (value === undefined) throw corrupt(key, `${field} is missing`);
  return value;
}

function integer(hash: Record<string, string>, field: string, key: string): number {
  const value = Number(required(hash, field, key));
  if (!Number.isSafeInteger(value)) throw corrupt(key, `${field} is not an integer`);
  return value;
}

function parseContent(json: string, key: string): SlackContent {
  try {
    const content = JSON.parse(json) as SlackContent;
    if (typeof content?.text !== 'string') throw corrupt(key, 'content has no text');
    return content;
  } catch (error) {
    throw error instanceof SyntaxError ? corrupt(key, 'content is not JSON') : error;
  }
}

const corrupt = (key: string, problem: string) =>
  new Error(`slack outbox: the record of ${key} is corrupt: ${problem}`);
