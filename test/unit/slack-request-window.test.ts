// isWithinSlackWindow: Slack's 5 minutes, in both directions (Bolt itself refuses only the stale side).
import { describe, expect, it } from 'vitest';
import { isWithinSlackWindow, SLACK_REQUEST_WINDOW_SECONDS } from '../../src/http/slack-replay-guard.js';

const NOW_MS = 1_750_000_000_000;
const nowSeconds = NOW_MS / 1000;

describe('isWithinSlackWindow', () => {
  it.each([
    ['now', nowSeconds, true],
    ['at the edge in the past', nowSeconds - SLACK_REQUEST_WINDOW_SECONDS, true],
    ['at the edge in the future', nowSeconds + SLACK_REQUEST_WINDOW_SECONDS, true],
    ['a second too old', nowSeconds - SLACK_REQUEST_WINDOW_SECONDS - 1, false],
    ['a second too far ahead', nowSeconds + SLACK_REQUEST_WINDOW_SECONDS + 1, false],
    ['not a number', Number('soon'), false],
    ['not whole seconds', nowSeconds + 0.5, false],
  ])('when the timestamp is %s, then it is %s', (_, timestamp, expected) => {
    expect(isWithinSlackWindow(timestamp, NOW_MS)).toBe(expected);
  });
});
