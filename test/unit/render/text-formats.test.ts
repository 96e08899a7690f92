// The small formats messages are made of: durations, progress, dates, console links, plurals.
import { describe, expect, it } from 'vitest';
import { executionConsoleUrl } from '../../../src/slack/render/execution-console-url.js';
import { durationBetween, formatDuration } from '../../../src/slack/render/format-duration.js';
import { oneLineDescription } from '../../../src/slack/render/one-line-description.js';
import { orList } from '../../../src/slack/render/or-list.js';
import { plural } from '../../../src/slack/render/plural.js';
import { progressBar } from '../../../src/slack/render/progress-bar.js';
import { childStatusLabel } from '../../../src/slack/render/run-status-cue.js';
import { slackDate, slackTimeAgo } from '../../../src/slack/render/slack-date.js';

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [999, '0s'],
    [45_000, '45s'],
    [200_000, '3m 20s'],
    [3_600_000, '1h'],
    [7_500_000, '2h 5m'],
    [97_200_000, '1d 3h'],
    [-5000, '0s'],
  ])('when %i ms have passed, then it reads %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('when a timestamp is missing or unreadable, then there is no duration', () => {
    expect(durationBetween(undefined, '2025-06-02T01:00:00Z')).toBeUndefined();
    expect(durationBetween('soon', '2025-06-02T01:00:00Z')).toBeUndefined();
    expect(durationBetween('2025-06-02T01:00:00Z', new Date('2025-06-02T01:01:00Z'))).toBe(60_000);
  });
});

describe('progressBar', () => {
  it.each([
    [0, '░░░░░░░░░░ 0%'],
    [0.5, '▓▓▓▓▓░░░░░ 50%'],
    [0.999, '▓▓▓▓▓▓▓▓▓░ 99%'],
    [1, '▓▓▓▓▓▓▓▓▓▓ 100%'],
    [Number.NaN, '░░░░░░░░░░ 0%'],
    [2, '▓▓▓▓▓▓▓▓▓▓ 100%'],
  ])('when progress is %d, then the bar reads %s', (fraction, bar) => {
    expect(progressBar(fraction)).toBe(bar);
  });

  it('when 20 cells are asked for, then the bar has 20', () => {
    expect(progressBar(0.25, 20)).toBe('▓▓▓▓▓░░░░░░░░░░░░░░░ 25%');
  });
});

describe('small formats', () => {
  it('when a running time is shown, then Slack renders it live ({ago}) and the fallback is the time so far', () => {
    expect(slackTimeAgo('2025-06-02T01:00:00.000Z', new Date('2025-06-02T01:03:20.000Z'))).toBe(
      '<!date^1748826000^{ago}|3m 20s ago>',
    );
    expect(slackTimeAgo('not a date', new Date())).toBeUndefined();
  });

  it('when a timestamp is shown, then it is a Slack date token with a UTC fallback', () => {
    expect(slackDate('2025-06-02T01:00:00.000Z')).toBe(
      '<!date^1748826000^{date_short} {time}|2025-06-02 01:00 UTC>',
    );
    expect(slackDate('<not a date>')).toBe('&lt;not a date&gt;');
  });

  it('when an execution has a region, then it links to the console in that region', () => {
    expect(executionConsoleUrl('8f2e4c1a-5b6d-4e7f-9a0b-333333333301', 'ap-northeast-1')).toBe(
      'https://ap-northeast-1.console.aws.amazon.com/systems-manager/automation/execution/8f2e4c1a-5b6d-4e7f-9a0b-333333333301?region=ap-northeast-1',
    );
    expect(executionConsoleUrl('id|x>y', 'us-east-1')).toContain('/execution/id%7Cx%3Ey?');
    expect(executionConsoleUrl('id', 'evil.example/x')).toBeUndefined();
  });

  it('when nouns are counted, then one is singular', () => {
    expect(plural(1, 'account')).toBe('1 account');
    expect(plural(3, 'account')).toBe('3 accounts');
    expect(orList(['`a`'])).toBe('`a`');
    expect(orList(['`a`', '`b`', '`c`'])).toBe('`a`, `b` or `c`');
  });

  it('when SSM names a status, then it reads as words', () => {
    expect(childStatusLabel('TimedOut')).toBe('Timed out');
    expect(childStatusLabel('StartFailed')).toBe('Start failed');
    expect(childStatusLabel('Success')).toBe('Success');
  });

  it('when a description is Markdown over several lines, then it becomes one short plain line', () => {
    const description =
      '### Platform-CleanupUnusedAmis\nFinds AMIs older than **RetentionDays**\nthat no instance uses.';
    expect(oneLineDescription(description, 150)).toBe(
      'Finds AMIs older than RetentionDays that no instance uses.',
    );
    expect(oneLineDescription('word '.repeat(100), 60)).toHaveLength(60);
  });
});
