// Concurrency and max errors as typed into the run form: "10" or "25%", by the same rules as the command's flags.
import { parseRateLimit } from '../../core/command/parse-rate-limit.js';
import type { RateLimit } from '../../core/command/ssm-command.js';

export type ReadRateLimit = { ok: true; limit?: RateLimit } | { ok: false; message: string };

const HOW_TO_WRITE = 'Write a number such as 10 or a percentage such as 25%.';

/**
 * `minimum` is 1 for concurrency and 0 for max errors; percentages go up to 100, counts up to 1000 (as
 * `--concurrency` and `--max-errors`). 0% is refused for concurrency, allowed for max errors. Empty means the default.
 */
export function readRateLimit(text: string, minimum: 0 | 1): ReadRateLimit {
  const value = text.trim();
  if (value === '') return { ok: true };
  const limit = parseRateLimit(value, minimum);
  if (limit) return { ok: true, limit };
  if (!/^\d{1,4}\s*%?$/.test(value)) return { ok: false, message: HOW_TO_WRITE };
  return value.endsWith('%')
    ? { ok: false, message: `A percentage goes from ${minimum}% to 100%. ${HOW_TO_WRITE}` }
    : { ok: false, message: `A number goes from ${minimum} to 1000. ${HOW_TO_WRITE}` };
}
