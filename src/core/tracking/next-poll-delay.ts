// How long until a location is polled again: quick while things move, backing off while nothing does.

export interface PollIntervals {
  /** Right after a start or a change. */
  quickMs: number;
  /** The longest wait while nothing moves; an EventBridge event cuts it short. */
  slowMs: number;
}

export const DEFAULT_POLL_INTERVALS: PollIntervals = { quickMs: 2_000, slowMs: 30_000 };

/** Doubles the previous delay while nothing moves, up to `slowMs`; back to `quickMs` on any change. */
export function nextPollDelay(
  previousMs: number | undefined,
  moved: boolean,
  intervals: PollIntervals,
): number {
  if (moved || previousMs === undefined) return intervals.quickMs;
  return Math.min(intervals.slowMs, Math.max(intervals.quickMs, previousMs * 2));
}
