// A runbook's description (often Markdown, several paragraphs) as one short line for a list or a preview.
import { truncate } from './block-kit-limits.js';

/**
 * Headings are dropped (runbooks tend to open with `### <their own name>`), Markdown emphasis is removed
 * (Slack would show the asterisks), lines are joined, and the result is cut to `max` characters. Not escaped.
 */
export function oneLineDescription(description: string, max: number): string {
  const text = description
    .split('\n')
    .filter((line) => !/^\s*#{1,6}\s/.test(line))
    .join(' ')
    .replaceAll('**', '')
    .replaceAll('__', '')
    .replace(/\s+/g, ' ')
    .trim();
  return truncate(text, max);
}
