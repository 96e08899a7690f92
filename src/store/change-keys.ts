// The Redis key layout of the change store, in one place so tests and tools can find a change's keys.

/** Every key of the change store under `prefix` (default `ssm-chatops:`). */
export interface ChangeKeys {
  /**
   * Hash: `json` (the StoredChange as JSON), `version` (= `request.version`, the compare-and-set token) and
   * `holding` (`1` while `isLockHolding(request)`, else `0`).
   */
  change(changeId: string): string;
  /** What the scripts put before a holder's id to find its hash (`change(id)` = `changePrefix + id`). */
  changePrefix: string;
  /** Sorted set: change ids scored by `request.createdAt` in ms. */
  recent: string;
  /** Sorted set: the ids of pending, approved and held changes, scored by `request.createdAt` in ms. */
  open: string;
  /** String: the id of the change holding a lock key (`lockKeysFor`); counts only while that change is holding. */
  lock(lockKey: string): string;
}

export function changeKeys(prefix: string): ChangeKeys {
  return {
    change: (changeId) => `${prefix}change:${changeId}`,
    changePrefix: `${prefix}change:`,
    recent: `${prefix}changes:recent`,
    open: `${prefix}changes:open`,
    lock: (lockKey) => `${prefix}lock:${lockKey}`,
  };
}
