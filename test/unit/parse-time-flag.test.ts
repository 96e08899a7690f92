// Time flags: ISO 8601 times with their zone, durations back from an injected now, and what must be refused.
import { describe, expect, it } from 'vitest';
import { parseTimeFlag } from '../../src/cli/parse-time-flag.js';
import { UsageError } from '../../src/errors.js';

const now = new Date('2025-06-08T12:00:00.000Z');
const since = (value: string | undefined) =>
  parseTimeFlag('audit export', 'since', value, { durationsBefore: now })?.toISOString();

describe('parseTimeFlag', () => {
  it.each([
    ['30s', '2025-06-08T11:59:30.000Z'],
    ['30m', '2025-06-08T11:30:00.000Z'],
    ['12h', '2025-06-08T00:00:00.000Z'],
    ['7d', '2025-06-01T12:00:00.000Z'],
    ['2w', '2025-05-25T12:00:00.000Z'],
    ['0d', '2025-06-08T12:00:00.000Z'],
    ['2025-06-01', '2025-06-01T00:00:00.000Z'],
    ['2025-06-01T09:00Z', '2025-06-01T09:00:00.000Z'],
    ['2025-06-01T09:00:00+09:00', '2025-06-01T00:00:00.000Z'],
    ['2025-06-01T09:00:00.250-02:30', '2025-06-01T11:30:00.250Z'],
    ['2024-02-29T23:59:59z', '2024-02-29T23:59:59.000Z'],
  ])('when --since is %s, then it means %s', (value, expected) => {
    expect(since(value)).toBe(expected);
  });

  it('when the flag is absent, then there is no time', () => {
    expect(since(undefined)).toBeUndefined();
  });

  it.each([
    ['yesterday', 'is not a time'],
    ['', 'is not a time'],
    ['7 days', 'is not a time'],
    ['-7d', 'is not a time'],
    ['1748736000000', 'is not a time'],
    ['June 1, 2025', 'is not a time'],
    ['2025-6-1', 'is not a time'],
    ['2025-02-29', 'is not a date on the calendar'],
    ['2025-04-31T00:00Z', 'is not a date on the calendar'],
    ['2025-06-01T24:00Z', 'is not a time of day'],
    ['2025-06-01T09:60Z', 'is not a time of day'],
    ['2025-06-01T09:00:00', 'has no time zone'],
    ['2025-06-01T09:00:00+0900', 'is not a time'],
  ])('when --since is %j, then it is refused: %s', (value, problem) => {
    expect(() => since(value)).toThrow(UsageError);
    expect(() => since(value)).toThrow(`--since "${value}" ${problem}`);
  });

  it('when durations are not allowed, then a duration is refused and the hint offers only times', () => {
    expect(() => parseTimeFlag('audit export', 'until', '7d')).toThrow(
      '--until "7d" is not a time: give an ISO 8601 time (2025-06-01T09:00:00Z, 2025-06-01)',
    );
  });
});
