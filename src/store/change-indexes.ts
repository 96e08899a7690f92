// What both change stores index a change by — its creation time, whether it is open — and the rule a transition keeps.
import type { ChangeRequest, ChangeStatus } from '../core/approval/change-request.js';
import type { StoredChange } from '../core/approval/stored-change.js';

const OPEN: readonly ChangeStatus[] = ['pending', 'scheduled', 'approved', 'held'];

/** Not yet closed or started: `listOpen` lists it, because an expiry or a calendar check may still move it. */
export function isOpenChange(request: Pick<ChangeRequest, 'status'>): boolean {
  return OPEN.includes(request.status);
}

/** The order of `listOpen` and `listRecent`: `request.createdAt` in ms. An unparseable time is a caller's fault. */
export function changeScore(change: StoredChange): number {
  const ms = Date.parse(change.request.createdAt);
  if (Number.isNaN(ms)) {
    throw new Error(
      `change ${change.request.id}: createdAt ${JSON.stringify(change.request.createdAt)} is not a time`,
    );
  }
  return ms;
}

/**
 * A transition moves one request to its next version: same id and createdAt (they key and place it), version
 * exactly one more — anything else is a fault in the decision, never stored.
 */
export function assertNextRequest(before: ChangeRequest, after: ChangeRequest): void {
  const problem =
    after.id !== before.id
      ? `may not change the id (to ${JSON.stringify(after.id)})`
      : after.createdAt !== before.createdAt
        ? `may not change createdAt (to ${JSON.stringify(after.createdAt)})`
        : after.version !== before.version + 1
          ? `must move version ${before.version} to ${before.version + 1}, not to ${JSON.stringify(after.version)}`
          : undefined;
  if (problem) throw new Error(`change ${before.id}: a transition ${problem}`);
}
