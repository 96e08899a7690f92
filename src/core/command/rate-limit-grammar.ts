// "10" or "25%", both ways: the one grammar for concurrency and max errors (command, modal, config) and SSM's string.
import type { RateLimit } from './ssm-command.js';

/** Concurrency: how many targets at once (at least 1). Max errors: how many may fail (at least 0). */
export type RateLimitKind = 'concurrency' | 'max-errors';

export type ParsedRateLimit = { ok: true; limit: RateLimit } | { ok: false; problem: string };

/**
 * The bounds are SSM's own, so whatever parses, SSM takes once formatted. StartAutomationExecution's
 * MaxConcurrency and MaxErrors, and TargetLocation's TargetLocationMaxConcurrency and TargetLocationMaxErrors,
 * are strings of at most 7 characters matching `^([1-9][0-9]*|[1-9][0-9]%|[1-9]%|100%)$` (concurrency) and
 * `^([1-9][0-9]*|[0]|[1-9][0-9]%|[0-9]%|100%)$` (errors): a count up to 9999999, a percentage up to 100%,
 * concurrency at least 1 or 1%, errors at least 0 or 0%. Fan-out, where the bot paces the starts itself,
 * takes the same values, so a limit means the same in both modes. We are lenient only in what SSM never sees: spaces around the value or
 * before the `%`, and leading zeros (`010`), since formatRateLimit writes the canonical form.
 */
export const RATE_LIMIT_BOUNDS = {
  maxCount: 9_999_999,
  maxPercent: 100,
  /** SSM's length limit: the longest canonical form ("9999999"); "100%" is shorter. */
  maxLength: 7,
  minimum: { concurrency: 1, 'max-errors': 0 },
} as const;

const NAME: Record<RateLimitKind, string> = { concurrency: 'concurrency', 'max-errors': 'max errors' };
const EXAMPLES: Record<RateLimitKind, string> = { concurrency: '10 or 25%', 'max-errors': '0 or 10%' };

/** What a kind accepts, as every refusal ends: "concurrency is a number from 1 to 9999999 or …". */
export function describeRateLimit(kind: RateLimitKind): string {
  const min = RATE_LIMIT_BOUNDS.minimum[kind];
  const { maxCount, maxPercent } = RATE_LIMIT_BOUNDS;
  return (
    `${NAME[kind]} is a number from ${min} to ${maxCount} or a percentage from ${min}% to ${maxPercent}%, ` +
    `such as ${EXAMPLES[kind]}`
  );
}

/**
 * Reads "10", "25%" (or " 25 % ") as a limit of `kind`. A refusal's `problem` says what is wrong and what is
 * accepted, and reads after the value it refuses: `"0" is less than 1; concurrency is a number from …`.
 */
export function parseRateLimit(text: string, kind: RateLimitKind): ParsedRateLimit {
  const refuse = (what: string): ParsedRateLimit => ({
    ok: false,
    problem: `${what}; ${describeRateLimit(kind)}`,
  });
  const match = /^(\d+)\s*(%?)$/.exec(text.trim());
  if (!match) return refuse('is not a whole number or a percentage');
  const digits = match[1]!.replace(/^0+(?=\d)/, '');
  const percent = match[2] === '%';
  const min = RATE_LIMIT_BOUNDS.minimum[kind];
  const max = percent ? RATE_LIMIT_BOUNDS.maxPercent : RATE_LIMIT_BOUNDS.maxCount;
  const unit = percent ? '%' : '';
  // Compared by length first: a run of digits too long for a safe integer is still "too large".
  const value = digits.length > String(max).length ? Number.POSITIVE_INFINITY : Number(digits);
  if (value < min) return refuse(`is less than ${min}${unit}`);
  if (value > max) return refuse(`is more than ${max}${unit}`);
  return { ok: true, limit: { kind: percent ? 'percent' : 'count', value } };
}

/** `10` or `25%`: what people read and what SSM takes (TargetLocationMaxConcurrency / MaxErrors). */
export function formatRateLimit(limit: RateLimit): string {
  return limit.kind === 'percent' ? `${limit.value}%` : String(limit.value);
}
