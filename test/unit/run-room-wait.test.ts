// The fan-out starter's wait for room: exponential backoff with jitter, reset by a start that succeeds, and the
// cap after which the refused children are reported failed. A fake clock: only `now` moves.
import { describe, expect, it } from 'vitest';
import {
  decideRoomWait,
  type RoomBackoff,
  type RoomDecision,
  type RoomWait,
  roomRetryDelayMs,
  roomWaitDueInMs,
} from '../../src/core/run/room-wait.js';

const BACKOFF: RoomBackoff = { firstDelayMs: 5_000, maxDelayMs: 300_000, maxWaitMs: 6 * 3_600_000 };
const NO_ROOM = {
  reason: 'AutomationExecutionLimitExceededException',
  message: 'Automation execution limit exceeded',
};
const THROTTLED = { reason: 'ThrottlingException', message: 'Rate exceeded' };
const START = new Date('2026-12-05T10:00:00.000Z');

/** Ticks refused `times` in a row, each when the previous wait is over; the waits chosen, with `jitter`. */
function refusedInARow(times: number, jitter: number, from = START) {
  let wait: RoomWait | undefined;
  let now = from;
  const decisions: RoomDecision[] = [];
  for (let tick = 0; tick < times; tick++) {
    const decision = decideRoomWait(wait, { started: 0, refusedForRoom: [NO_ROOM] }, now, BACKOFF, jitter);
    decisions.push(decision);
    if (decision.kind === 'clear' || decision.kind === 'unchanged') throw new Error(decision.kind);
    wait = decision.wait;
    now = new Date(Date.parse(wait.nextTryAt));
  }
  return { decisions, wait: wait!, now };
}

const waitOf = (decision: RoomDecision) => ('wait' in decision ? decision.wait : undefined);

describe('decideRoomWait', () => {
  it('when SSM refuses the same run again and again, then the waits double from 5 s to the 5 min cap', () => {
    const { decisions } = refusedInARow(9, 0.999_999);
    expect(decisions.map((decision) => Math.round(waitOf(decision)!.delayMs / 1_000))).toEqual([
      5, 10, 20, 40, 80, 160, 300, 300, 300,
    ]);
    expect(decisions.every((decision) => decision.kind === 'wait')).toBe(true);
  });

  it('when the jitter is anywhere in [0, 1), then each wait is in the upper half of its doubled ceiling and never shorter than the one before', () => {
    for (const jitter of [0, 0.25, 0.5, 0.999]) {
      const delays = refusedInARow(9, jitter).decisions.map((decision) => waitOf(decision)!.delayMs);
      const ceilings = [5, 10, 20, 40, 80, 160, 300, 300, 300].map((seconds) => seconds * 1_000);
      delays.forEach((delay, index) => {
        expect(delay).toBeGreaterThanOrEqual(ceilings[index]! / 2);
        expect(delay).toBeLessThanOrEqual(ceilings[index]!);
        if (index > 0) expect(delay).toBeGreaterThanOrEqual(delays[index - 1]!);
      });
    }
  });

  it('when a start succeeds in a tick, then the backoff starts over from the first wait, measured from now', () => {
    const { wait, now } = refusedInARow(5, 0.5);
    const decision = decideRoomWait(wait, { started: 1, refusedForRoom: [NO_ROOM] }, now, BACKOFF, 0.5);
    expect(decision).toEqual({
      kind: 'wait',
      wait: {
        since: now.toISOString(),
        refusals: 1,
        delayMs: 3_750,
        nextTryAt: new Date(now.getTime() + 3_750).toISOString(),
      },
    });
  });

  it('when every start of a tick succeeds, then the wait is cleared', () => {
    const { wait, now } = refusedInARow(3, 0.5);
    expect(decideRoomWait(wait, { started: 2, refusedForRoom: [] }, now, BACKOFF, 0.5)).toEqual({
      kind: 'clear',
    });
  });

  it('when a tick tries nothing (the run is at its own concurrency), then the wait stands as it was', () => {
    const { wait, now } = refusedInARow(3, 0.5);
    expect(decideRoomWait(wait, { started: 0, refusedForRoom: [] }, now, BACKOFF, 0.5)).toEqual({
      kind: 'unchanged',
      wait,
    });
    expect(decideRoomWait(undefined, { started: 0, refusedForRoom: [] }, now, BACKOFF, 0.5)).toEqual({
      kind: 'clear',
    });
  });

  it('when children have waited 6 h with no start succeeding, then the refusal gives up with a message naming the quota', () => {
    // 5 s + 10 s + … reaches 6 h after 77 refusals at the cap; the tick that finds 6 h passed gives up.
    const { decisions } = refusedInARow(90, 0.999_999);
    const gaveUp = decisions.findIndex((decision) => decision.kind === 'give-up');
    expect(gaveUp).toBeGreaterThan(70);
    expect(decisions.slice(0, gaveUp).every((decision) => decision.kind === 'wait')).toBe(true);
    const decision = decisions[gaveUp]!;
    expect(decision.kind === 'give-up' && decision.failure).toEqual({
      reason: 'AutomationExecutionLimitExceededException',
      message:
        "Not started: waited 6 h for room and SSM's quota of concurrent Automation executions in this account and region stayed full (AutomationExecutionLimitExceededException: Automation execution limit exceeded).",
    });
  });

  it('when 5 h 59 min have passed since the first refusal, then the run still waits', () => {
    const first = decideRoomWait(undefined, { started: 0, refusedForRoom: [NO_ROOM] }, START, BACKOFF, 0);
    const almost = new Date(START.getTime() + BACKOFF.maxWaitMs - 60_000);
    expect(
      decideRoomWait(waitOf(first), { started: 0, refusedForRoom: [NO_ROOM] }, almost, BACKOFF, 0).kind,
    ).toBe('wait');
    const over = new Date(START.getTime() + BACKOFF.maxWaitMs);
    expect(
      decideRoomWait(waitOf(first), { started: 0, refusedForRoom: [NO_ROOM] }, over, BACKOFF, 0).kind,
    ).toBe('give-up');
  });

  it('when the refusal was throttling, then the give-up names the start rate, not the concurrency quota', () => {
    const first = decideRoomWait(undefined, { started: 0, refusedForRoom: [THROTTLED] }, START, BACKOFF, 0);
    const later = new Date(START.getTime() + BACKOFF.maxWaitMs + 90 * 60_000);
    const decision = decideRoomWait(
      waitOf(first),
      { started: 0, refusedForRoom: [THROTTLED] },
      later,
      BACKOFF,
      0,
    );
    expect(decision.kind === 'give-up' && decision.failure.message).toBe(
      "Not started: waited 7.5 h for room and SSM's StartAutomationExecution rate in this account and region kept throttling (ThrottlingException: Rate exceeded).",
    );
  });
});

describe('roomRetryDelayMs and roomWaitDueInMs', () => {
  it('when refusals run into the hundreds, then the wait stays at the cap (no overflow)', () => {
    expect(roomRetryDelayMs(1_000, BACKOFF, 0.999_999)).toBe(300_000);
    expect(roomRetryDelayMs(1, BACKOFF, 0)).toBe(2_500);
  });

  it('when the try is due or nothing waits, then it is due now; otherwise in the time left', () => {
    const { wait } = refusedInARow(1, 0.5);
    expect(roomWaitDueInMs(wait, START)).toBe(3_750);
    expect(roomWaitDueInMs(wait, new Date(START.getTime() + 10_000))).toBe(0);
    expect(roomWaitDueInMs(undefined, START)).toBe(0);
  });
});
