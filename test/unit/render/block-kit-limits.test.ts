// truncate and capBlocks: they never exceed a limit, and they say when they cut.
import type { KnownBlock } from '@slack/types';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capBlocks, TRUNCATION_MARKER, truncate } from '../../../src/slack/render/block-kit-limits.js';

const fences = (text: string) => text.split('```').length - 1;

describe('truncate', () => {
  it('when the text fits, then it comes back unchanged', () => {
    expect(truncate('Restart EC2 instances', 21)).toBe('Restart EC2 instances');
    expect(truncate('', 0)).toBe('');
  });

  it('when the text is too long, then it is cut and ends with the marker', () => {
    const cut = truncate('x'.repeat(100), 50);
    expect(cut).toBe(`${'x'.repeat(50 - TRUNCATION_MARKER.length)}${TRUNCATION_MARKER}`);
  });

  it('when the limit is short (a button, a modal title), then a bare ellipsis says it was cut', () => {
    expect(truncate('Stop every execution of this run', 24)).toBe('Stop every execution of…');
    expect(truncate('abc', 1)).toBe('…');
  });

  it('when the cut falls inside a ``` block, then the block is closed before the marker', () => {
    const text = `Failure:\n\`\`\`\n${'line of output\n'.repeat(50)}\`\`\`\nafter`;
    const cut = truncate(text, 200);
    expect(cut.length).toBeLessThanOrEqual(200);
    expect(fences(cut) % 2).toBe(0);
    expect(cut.endsWith(`\n\`\`\`\n${TRUNCATION_MARKER}`)).toBe(true);
  });

  it('when the cut falls inside a link, a mention or an entity, then the whole token is left out', () => {
    const link = `${'a'.repeat(60)} <https://ap-northeast-1.console.aws.amazon.com/systems-manager|8f2e4c1a>`;
    expect(truncate(link, 80)).toBe(`${'a'.repeat(60)}${TRUNCATION_MARKER}`);
    expect(truncate(`${'a'.repeat(45)} &amp; ${'b'.repeat(20)}`, 60)).toBe(
      `${'a'.repeat(45)}${TRUNCATION_MARKER}`,
    );
  });

  it('when the cut falls between the halves of an emoji, then neither half is kept', () => {
    expect(truncate(`${'a'.repeat(37)}😀😀😀`, 39)).toBe(`${'a'.repeat(37)}…`);
    expect(truncate(`${'a'.repeat(36)}😀😀😀`, 39)).toBe(`${'a'.repeat(36)}😀…`);
  });

  it('when any text is cut to any limit, then it never exceeds the limit and ends with a marker', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 400 }),
        fc.integer({ min: 0, max: 450 }),
        (text, max) => {
          const cut = truncate(text, max);
          expect(cut.length).toBeLessThanOrEqual(max);
          if (text.length <= max) expect(cut).toBe(text);
          else if (max >= 1) expect(cut.endsWith('…') || cut.endsWith(TRUNCATION_MARKER)).toBe(true);
        },
      ),
    );
  });

  it('when mrkdwn with fences, links and entities is cut, then fences stay balanced and tokens whole', () => {
    const piece = fc.constantFrom(
      '```',
      '`',
      '\n',
      'text ',
      '<@U0REQUEST1>',
      '&amp;',
      '<https://x.example|x>',
      '😀',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 80 }), fc.integer({ min: 20, max: 300 }), (pieces, max) => {
        const text = pieces.join('');
        const cut = truncate(text, max);
        expect(cut.length).toBeLessThanOrEqual(max);
        if (text.length > max) {
          expect(fences(cut) % 2).toBe(0);
          expect(cut).not.toMatch(/<[^>]*$/);
          expect(cut).not.toMatch(/&[a-z]*$/);
        }
      }),
    );
  });
});

describe('capBlocks', () => {
  const divider: KnownBlock = { type: 'divider' };

  it('when there are no more blocks than the limit, then they come back unchanged', () => {
    const blocks = [divider, divider];
    expect(capBlocks(blocks, 2)).toBe(blocks);
  });

  it('when there are more, then the overflow becomes one context block that counts it', () => {
    const capped = capBlocks(Array(60).fill(divider), 50, 'see `/ssm status run-7k3m9q2x`');
    expect(capped).toHaveLength(50);
    expect(capped.at(-1)).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: '…and 11 more (see `/ssm status run-7k3m9q2x`)' }],
    });
  });

  it('when any number of blocks is capped to any limit, then the result never exceeds it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 100 }), (count, max) => {
        const capped = capBlocks(Array(count).fill(divider), max);
        expect(capped.length).toBeLessThanOrEqual(max);
        expect(capped.length).toBe(Math.min(count, max));
      }),
    );
  });
});
