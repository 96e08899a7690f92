// What to do next with one outbox message, given its state and its parent's: pure, so every rule is a unit test.
import type { OutboxRecord, ParentState } from './outbox-record.js';

export interface DeliverySettings {
  /** The coalescing window: at most one edit of a message per this many ms (a final state skips it). */
  editIntervalMs: number;
  /** How long a thread reply waits for its parent to be posted before it gives up. */
  parentWaitLimitMs: number;
}

export const DEFAULT_DELIVERY_SETTINGS: DeliverySettings = {
  editIntervalMs: 3_000,
  parentWaitLimitMs: 60 * 60_000,
};

/** A reply checks on its parent after half the time it has waited so far, within these bounds. */
const PARENT_CHECK_MIN_MS = 100;
const PARENT_CHECK_MAX_MS = 5_000;

export type GiveUpReason = 'parent_not_posted' | 'parent_wait_expired';

/** The coalescing window, the parent's post, or a deliverNow caller's lease on the first delivery. */
export type WaitReason = 'coalescing' | 'parent' | 'lease';

export type DeliveryStep =
  /** Slack shows the latest version (or it was refused): nothing to do. */
  | { kind: 'settled' }
  | { kind: 'wait'; untilMs: number; reason: WaitReason }
  | { kind: 'post'; version: number; threadTs?: string }
  /** A post may have reached Slack without its ts being recorded: look for it before posting again. */
  | { kind: 'find-earlier-post'; sinceMs: number; version: number; threadTs?: string }
  | { kind: 'edit'; version: number; ts: string }
  | { kind: 'give-up'; version: number; reason: GiveUpReason };

/**
 * Whether nothing is left to deliver. The finish-delivery script decides the same from the same fields, so the
 * job that sees `settled` can end its generation.
 */
export function isSettled(record: OutboxRecord): boolean {
  if (record.gaveUp && record.gaveUp.version >= record.version) return true;
  return record.ts !== undefined && (record.postOnly || record.delivered >= record.version);
}

/** `holdsLease`: the caller is the deliverNow that leased this generation, not a job waiting for it. */
export function decideDelivery(
  record: OutboxRecord,
  parent: ParentState | undefined,
  now: number,
  settings: DeliverySettings,
  holdsLease = false,
): DeliveryStep {
  const { version } = record;
  if (isSettled(record)) return { kind: 'settled' };
  if (!holdsLease && record.leaseUntil !== undefined && record.leaseUntil > now)
    return wait(record.leaseUntil, 'lease');
  if (record.ts) {
    const due = nextSendAt(record, settings);
    return due <= now ? { kind: 'edit', version, ts: record.ts } : wait(due, 'coalescing');
  }
  let threadTs: string | undefined;
  if (record.threadOf) {
    if (!parent?.ts) {
      if (parent?.gaveUp) return { kind: 'give-up', version, reason: 'parent_not_posted' };
      const waited = Math.max(0, now - record.createdAt);
      if (waited >= settings.parentWaitLimitMs)
        return { kind: 'give-up', version, reason: 'parent_wait_expired' };
      return wait(now + clamp(waited / 2, PARENT_CHECK_MIN_MS, PARENT_CHECK_MAX_MS), 'parent');
    }
    threadTs = parent.ts;
  }
  const thread = threadTs ? { threadTs } : {};
  if (record.posting) return { kind: 'find-earlier-post', sinceMs: record.posting.at, version, ...thread };
  // Only a post Slack refused before has a lastSentAt without a ts: a new version retries, paced like an edit.
  const due = record.gaveUp ? nextSendAt(record, settings) : now;
  return due <= now ? { kind: 'post', version, ...thread } : wait(due, 'coalescing');
}

/**
 * The delay of a delivery job added by an upsert: none for a first post or a final state, otherwise what is left
 * of the coalescing window. The job decides again when it runs; this only spares it a wasted wake-up.
 */
export function upsertDelayMs(record: OutboxRecord, now: number, settings: DeliverySettings): number {
  const leased = Math.max(0, (record.leaseUntil ?? 0) - now);
  if (!record.ts && !record.gaveUp) return leased;
  return Math.max(leased, nextSendAt(record, settings) - now);
}

function nextSendAt(record: OutboxRecord, settings: DeliverySettings): number {
  if (record.final || record.lastSentAt === undefined) return Number.NEGATIVE_INFINITY;
  return record.lastSentAt + Math.max(settings.editIntervalMs, record.editEveryMs ?? 0);
}

const wait = (untilMs: number, reason: WaitReason): DeliveryStep => ({
  kind: 'wait',
  untilMs,
  reason,
});

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, Math.round(value)));
