// The Redis key layout of the change store, in one place so tests and tools can find a change's keys.
import { checkedKeyPrefix } from './key-slot.js';

/**
 * Every key of the change store under `prefix` (default `ssm-chatops:`), all with the one hash tag `{changes}`:
 * a transition writes a change, its place in the open set and the release of its locks as one script, and taking
 * a lock reads whether its holder's change is still holding, so on Redis Cluster they must share a slot. Changes
 * are made at the pace of people approving them, so one slot carries them all easily.
 */
export interface ChangeKeys {
  /**
   * Hash `{prefix}{changes}:change:<id>`: `json` (the StoredChange as JSON), `version` (= `request.version`, the
   * compare-and-set token) and `holding` (`1` while `isLockHolding(request)`, else `0`).
   */
  change(changeId: string): string;
  /** What the scripts put before a holder's id to find its hash (`change(id)` = `changePrefix + id`). */
  changePrefix: string;
  /** Sorted set `{prefix}{changes}:recent`: change ids scored by `request.createdAt` in ms. */
  recent: string;
  /** Sorted set `{prefix}{changes}:open`: the ids of pending, approved and held changes, by createdAt in ms. */
  open: string;
  /**
   * String `{prefix}{changes}:lock:<lockKey>`: the id of the change holding a lock key (`lockKeysFor`); counts
   * only while that change is holding.
   */
  lock(lockKey: string): string;
}

export function changeKeys(prefix: string): ChangeKeys {
  const tagged = `${checkedKeyPrefix(prefix)}{changes}`;
  return {
    change: (changeId) => `${tagged}:change:${changeId}`,
    changePrefix: `${tagged}:change:`,
    recent: `${tagged}:recent`,
    open: `${tagged}:open`,
    lock: (lockKey) => `${tagged}:lock:${lockKey}`,
  };
}
