// Long lists in a message: lines packed into as few sections as fit, and a count of what did not fit.
import type { SectionBlock } from '@slack/types';
import { BlockKitLimit, truncate } from './block-kit-limits.js';
import { sectionBlock } from './blocks.js';

export interface PackLinesOptions {
  /** Sections at most. */
  maxBlocks: number;
  /** Characters of text at most, across the sections (see BlockKitLimit.messageText). */
  maxChars: number;
  /** Lines shown at most, whatever room is left: past a screenful a list stops being read. */
  maxLines?: number;
  /** The last line when lines were left out, e.g. `…and 480 more accounts`. */
  more: (hidden: number) => string;
}

/**
 * `lines` (each may span several rows; a line is never split across sections) in sections of at most
 * 3000 characters, as many lines as the budget allows, in order; when some are left out the last line says
 * how many. `hidden` counts the lines left out (all of them when not even the "more" line fits).
 */
export function packLines(
  lines: readonly string[],
  options: PackLinesOptions,
): { blocks: SectionBlock[]; hidden: number } {
  const items = lines.map((line) => truncate(line, BlockKitLimit.sectionText));
  const limit = Math.min(items.length, options.maxLines ?? items.length);
  const layout = (shown: number): string[] =>
    shown < items.length ? [...items.slice(0, shown), options.more(items.length - shown)] : items;
  const fits = (shown: number): boolean => {
    const sections = pack(layout(shown));
    const chars = sections.reduce((sum, text) => sum + text.length, 0);
    return sections.length <= options.maxBlocks && chars <= options.maxChars;
  };
  // Fitting is monotonic in the number shown, but for the width of the count in the "more" line; the
  // binary search finds the edge and the walk back settles that last digit.
  let low = 0;
  let high = limit;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(middle)) low = middle;
    else high = middle - 1;
  }
  let shown = low;
  while (shown > 0 && !fits(shown)) shown--;
  if (!fits(shown)) return { blocks: [], hidden: items.length };
  return { blocks: pack(layout(shown)).map((text) => sectionBlock(text)), hidden: items.length - shown };
}

/** Greedy: each section takes lines while they fit in one section's text. */
function pack(lines: readonly string[]): string[] {
  const sections: string[] = [];
  let current: string | undefined;
  for (const line of lines) {
    const text = truncate(line, BlockKitLimit.sectionText);
    if (current !== undefined && current.length + 1 + text.length <= BlockKitLimit.sectionText) {
      current = `${current}\n${text}`;
    } else {
      if (current !== undefined) sections.push(current);
      current = text;
    }
  }
  if (current !== undefined) sections.push(current);
  return sections;
}
