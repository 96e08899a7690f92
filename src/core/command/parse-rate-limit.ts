// "10" or "25%": concurrency (at least 1) or tolerated errors (at least 0), as the command and the modal take them.
import type { RateLimit } from './ssm-command.js';

const MAX_COUNT = 1000;

/** Counts up to 1000 and percentages up to 100%, neither below `minimum`; anything else is undefined. */
export function parseRateLimit(text: string, minimum: 0 | 1): RateLimit | undefined {
  const match = /^(\d{1,4})\s*(%?)$/.exec(text.trim());
  if (!match) return undefined;
  const number = Number(match[1]);
  if (match[2] === '%')
    return number >= minimum && number <= 100 ? { kind: 'percent', value: number } : undefined;
  return number >= minimum && number <= MAX_COUNT ? { kind: 'count', value: number } : undefined;
}
