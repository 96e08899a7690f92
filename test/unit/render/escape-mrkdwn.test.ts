// Outside text in mrkdwn: escaped so it cannot mention, link or break the markup around it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeBlock, escapeMrkdwn, inlineCode, mention } from '../../../src/slack/render/escape-mrkdwn.js';

describe('escapeMrkdwn', () => {
  it.each([
    ['<!channel>', '&lt;!channel&gt;'],
    ['<@U0ADMIN01>', '&lt;@U0ADMIN01&gt;'],
    ['<https://evil.example|click>', '&lt;https://evil.example|click&gt;'],
    ['a & b', 'a &amp; b'],
    ['already &amp; escaped', 'already &amp;amp; escaped'],
    ['payments-prod', 'payments-prod'],
  ])('when the text is %s, then it reads %s', (text, escaped) => {
    expect(escapeMrkdwn(text)).toBe(escaped);
  });

  it('when any text is escaped, then no < or > is left and every & starts an entity', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const escaped = escapeMrkdwn(text);
        expect(escaped).not.toMatch(/[<>]/);
        expect(escaped.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
        expect(escaped).not.toContain('```');
      }),
    );
  });
});

describe('inlineCode, codeBlock, mention', () => {
  it('when a value has a backtick or a newline, then the code span survives', () => {
    expect(inlineCode('a`b\nc')).toBe("`a'b c`");
    expect(inlineCode('<x>')).toBe('`&lt;x&gt;`');
  });

  it('when a value is empty, then it is shown as empty rather than as two backticks', () => {
    expect(inlineCode('')).toBe('_empty_');
  });

  it('when text carries a fence, then it can neither open a block nor close one early', () => {
    expect(escapeMrkdwn('a ```` b')).toBe('a `\u200b`\u200b`\u200b` b');
    const block = codeBlock('before ``` after');
    expect(block.split('```')).toHaveLength(3);
  });

  it('when an id is a Slack user id, then it becomes a mention; otherwise plain escaped text', () => {
    expect(mention('U0REQUEST1')).toBe('<@U0REQUEST1>');
    expect(mention('<!channel>')).toBe('&lt;!channel&gt;');
  });
});
