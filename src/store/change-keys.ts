// The Redis key layout of the change store, in one place so tests and tools can find a change's keys.

/** Every key of the change store under `prefix` (default `ssm-chatops:`). */
export interface ChangeKeys {
  /**
   * Hash: `json` (the StoredChange as JSON), `version` (= `request.version`, the compare-and-set token),
   * `holding` (`1` while `isLockHolding(request)`, else `0`), `runId` (once started) and `slackTs` (the request
   * message's ts, kept apart from `json` so recording it never races a transition; it wins over `json`'s).
   */
  change(changeId: string): string;
  /** What the scripts put before a holder's id to find its hash (`change(id)` = `changePrefix + id`). */
  changePrefix: string;
  /** Sorted set: change ids scored by `request.createdAt` in ms. */
  recent: string;
  /** Sorted set: the ids of pending, approved and held changes, scored by `request.createdAt` in ms. */
  open: string;
  /** String: the change id that started a run. */
  changeRun(runId: string): string;
  /** String: the id of the change holding a lock key (`lockKeysFor`); counts only while that change is holding. */
  lock(lockKey: string): string;
}

export function changeKeys(prefix: string): ChangeKeys {
  return {
    change: (changeId) => `${prefix}change:${changeId}`,
    changePrefix: `${prefix}change:`,
    recent: `${prefix}changes:recent`,
    open: `${prefix}changes:open`,
    changeRun: (runId) => `${prefix}change-run:${runId}`,
    lock: (lockKey) => `${prefix}lock:${lockKey}`,
  };
}
