// The rendering boundary: the core and the use cases return codes and data; only slack/ writes Slack markup.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Mentions, special mentions and dates, channel links, emoji codes: what only slack/render may write. */
const SLACK_MARKUP = /<@|<!|<#|:[a-z_]+:/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('the rendering boundary', () => {
  it.each(['src/core', 'src/use-cases'])(
    'when %s is read line by line, then no line holds Slack markup',
    (dir) => {
      const offending = sourceFiles(dir).flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .flatMap((line, index) =>
            SLACK_MARKUP.test(line) ? [`${file}:${index + 1}: ${line.trim()}`] : [],
          ),
      );
      expect(offending).toEqual([]);
    },
  );

  it('when a line holds a mention, then the check sees it (the pattern is not vacuous)', () => {
    expect(
      ['return `<@U123>`;', "':rocket: Started'", '`<#C123|ops>`', '<!subteam^S1>'].every((line) =>
        SLACK_MARKUP.test(line),
      ),
    ).toBe(true);
  });
});
