// packLines: long lists fill sections up to the budget, and a last line counts what was left out.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BlockKitLimit } from '../../../src/slack/render/block-kit-limits.js';
import { packLines } from '../../../src/slack/render/pack-lines.js';

const more = (hidden: number) => `…and ${hidden} more`;
const texts = (blocks: ReturnType<typeof packLines>['blocks']) =>
  blocks.map((block) => block.text?.text ?? '');

describe('packLines', () => {
  it('when the lines fit in one section, then they share it in order', () => {
    const packed = packLines(['a', 'b', 'c'], { maxBlocks: 5, maxChars: 1000, more });
    expect(texts(packed.blocks)).toEqual(['a\nb\nc']);
    expect(packed.hidden).toBe(0);
  });

  it('when there are no lines, then there are no blocks', () => {
    expect(packLines([], { maxBlocks: 5, maxChars: 1000, more })).toEqual({ blocks: [], hidden: 0 });
  });

  it('when the lines pass one section, then they go on in the next without splitting a line', () => {
    const line = 'x'.repeat(1000);
    const packed = packLines([line, line, line, line], { maxBlocks: 5, maxChars: 10_000, more });
    expect(texts(packed.blocks)).toEqual([`${line}\n${line}`, `${line}\n${line}`]);
  });

  it('when more lines are given than may be shown, then the last line says how many are left', () => {
    const packed = packLines(['a', 'b', 'c', 'd'], { maxBlocks: 5, maxChars: 1000, maxLines: 2, more });
    expect(texts(packed.blocks)).toEqual(['a\nb\n…and 2 more']);
    expect(packed.hidden).toBe(2);
  });

  it('when the characters run out, then as many lines as fit are shown with the count of the rest', () => {
    const lines = Array.from({ length: 100 }, (_, index) => `line ${String(index).padStart(3, '0')}`);
    const packed = packLines(lines, { maxBlocks: 5, maxChars: 100, more });
    expect(texts(packed.blocks)).toEqual([`${lines.slice(0, 9).join('\n')}\n…and 91 more`]);
  });

  it('when not even the count fits, then nothing is shown and everything counts as hidden', () => {
    expect(packLines(['a', 'b'], { maxBlocks: 0, maxChars: 100, more })).toEqual({ blocks: [], hidden: 2 });
  });

  it('when any lines are packed in any budget, then blocks, characters and sections stay within it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 4000 }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 20, max: 12_000 }),
        (lines, maxBlocks, maxChars) => {
          const { blocks, hidden } = packLines(lines, { maxBlocks, maxChars, more });
          expect(blocks.length).toBeLessThanOrEqual(maxBlocks);
          const all = texts(blocks);
          expect(all.reduce((sum, text) => sum + text.length, 0)).toBeLessThanOrEqual(maxChars);
          for (const text of all) expect(text.length).toBeLessThanOrEqual(BlockKitLimit.sectionText);
          expect(hidden).toBeGreaterThanOrEqual(0);
          expect(hidden).toBeLessThanOrEqual(lines.length);
        },
      ),
    );
  });
});
