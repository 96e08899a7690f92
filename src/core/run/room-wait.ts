// How a fan-out run waits for room SSM refused it: when its starter tries again (exponential backoff with
// jitter, reset by a start that succeeds) and when a child has waited long enough to be reported failed.
import type { ChildFailure } from './run.js';

/** A run's wait for room, stored with the run so every worker (and the sweep) keeps the same pace. */
export interface RoomWait {
  /** The first refusal since the last start that succeeded (ISO): the wait is measured from here. */
  since: string;
  /** Refusals in a row (ticks that were refused and started nothing): the backoff's exponent. */
  refusals: number;
  /** The wait chosen after the last refusal. */
  delayMs: number;
  /** When the starter tries again (ISO), so a sweep or restart does not bring it forward. */
  nextTryAt: string;
}

export interface RoomBackoff {
  /** The first wait after a refusal; each refusal in a row doubles it. */
  firstDelayMs: number;
  /** The longest wait between tries. */
  maxDelayMs: number;
  /** How long children may wait for room with no start succeeding before the refused ones are failed. */
  maxWaitMs: number;
}

/**
 * 5 s doubling to 5 min: SSM frees room as executions end, typically minutes apart, so trying every few seconds
 * only spends the StartAutomationExecution rate. Six hours without a single start means the quota is held by
 * something else (a stuck execution, another tool) and a person should look; the refused children fail then.
 */
export const DEFAULT_ROOM_BACKOFF: RoomBackoff = {
  firstDelayMs: 5_000,
  maxDelayMs: 5 * 60_000,
  maxWaitMs: 6 * 3_600_000,
};

/** What one tick of the starter met: how many starts succeeded, and the refusals for room (if any). */
export interface StartTick {
  started: number;
  /** The refusals that left children Queued (their AWS codes and messages). */
  refusedForRoom: ChildFailure[];
}

export type RoomDecision =
  /** Nothing waits for room (any more): the run's wait is cleared. */
  | { kind: 'clear' }
  /** Nothing was tried this tick (the run's own concurrency is full): the wait stands as it was. */
  | { kind: 'unchanged'; wait?: RoomWait }
  /** Try again after `wait.delayMs`. */
  | { kind: 'wait'; wait: RoomWait }
  /** Waited `maxWaitMs` with no start succeeding: the children refused this tick fail with `failure`. */
  | { kind: 'give-up'; wait: RoomWait; failure: ChildFailure };

/**
 * The run's wait after one tick. A successful start resets the backoff (room is freeing up); refusals in a row
 * double the wait up to `maxDelayMs`. `jitter` in [0, 1) spreads runs that were refused together over the upper
 * half of the wait ("equal jitter"), so a wait is never shorter than half the one before it doubled, and waits
 * grow until the cap.
 */
export function decideRoomWait(
  previous: RoomWait | undefined,
  tick: StartTick,
  now: Date,
  backoff: RoomBackoff,
  jitter: number,
): RoomDecision {
  const refusal = tick.refusedForRoom[0];
  if (!refusal)
    return tick.started > 0 || !previous ? { kind: 'clear' } : { kind: 'unchanged', wait: previous };
  const fresh = tick.started > 0 || !previous;
  const refusals = fresh ? 1 : previous.refusals + 1;
  const since = fresh ? now.toISOString() : previous.since;
  const delayMs = roomRetryDelayMs(refusals, backoff, jitter);
  const wait = { since, refusals, delayMs, nextTryAt: new Date(now.getTime() + delayMs).toISOString() };
  const waitedMs = now.getTime() - Date.parse(since);
  if (waitedMs >= backoff.maxWaitMs) return { kind: 'give-up', wait, failure: gaveUp(refusal, waitedMs) };
  return { kind: 'wait', wait };
}

/** The wait before try `refusals` + 1: `firstDelayMs` · 2^(refusals − 1), capped, in its upper half by jitter. */
export function roomRetryDelayMs(refusals: number, backoff: RoomBackoff, jitter: number): number {
  const exponent = Math.min(Math.max(0, refusals - 1), 30);
  const ceiling = Math.min(backoff.maxDelayMs, backoff.firstDelayMs * 2 ** exponent);
  const bounded = Math.min(Math.max(jitter, 0), 1);
  return Math.round(ceiling / 2 + (ceiling / 2) * bounded);
}

/** How long until the starter of a waiting run is due, from `now` (0 when due or not waiting). */
export function roomWaitDueInMs(wait: RoomWait | undefined, now: Date): number {
  return wait ? Math.max(0, Date.parse(wait.nextTryAt) - now.getTime()) : 0;
}

/** The refusal that ended the wait, saying which quota held the child and for how long. */
function gaveUp(refusal: ChildFailure, waitedMs: number): ChildFailure {
  const quota =
    refusal.reason === 'AutomationExecutionLimitExceededException'
      ? "SSM's quota of concurrent Automation executions in this account and region stayed full"
      : "SSM's StartAutomationExecution rate in this account and region kept throttling";
  return {
    reason: refusal.reason,
    message: `Not started: waited ${formatWait(waitedMs)} for room and ${quota} (${refusal.reason}: ${refusal.message}).`,
  };
}

function formatWait(ms: number): string {
  if (ms >= 3_600_000) return `${+(ms / 3_600_000).toFixed(1)} h`;
  return ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : `${Math.max(1, Math.round(ms / 1_000))} s`;
}
