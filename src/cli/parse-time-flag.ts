// Time flags (`--since`, `--until`): an ISO 8601 time with its zone, or a duration back from now.
import { UsageError } from '../errors.js';

const ISO_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/i;
const DURATION = /^(\d+)([smhdw])$/;
const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

export interface TimeFlagOptions {
  /** Allow a duration back from this time (`7d` = seven days before it). */
  durationsBefore?: Date;
}

/**
 * The time a flag names, undefined when the flag is absent, or a UsageError saying what is wrong. A date alone
 * (`2025-06-01`) is midnight UTC; a date and time needs its zone, as guessing the machine's would move the range.
 */
export function parseTimeFlag(
  command: string,
  flag: string,
  value: string | boolean | undefined,
  options: TimeFlagOptions = {},
): Date | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim();
  const { durationsBefore } = options;
  const duration = DURATION.exec(text);
  if (duration && durationsBefore) {
    const back = Number(duration[1]) * UNIT_MS[duration[2] as keyof typeof UNIT_MS];
    return new Date(durationsBefore.getTime() - back);
  }
  const problem = isoProblem(text);
  if (problem === undefined) return new Date(Date.parse(text));
  const accepted = durationsBefore
    ? 'an ISO 8601 time (2025-06-01T09:00:00Z, 2025-06-01) or a duration back from now (30m, 12h, 7d, 2w)'
    : 'an ISO 8601 time (2025-06-01T09:00:00Z, 2025-06-01)';
  throw new UsageError(`--${flag} "${String(value)}" ${problem}: give ${accepted}`, command);
}

function isoProblem(text: string): string | undefined {
  const match = ISO_TIME.exec(text);
  if (!match) return 'is not a time';
  const [, year, month, day, hour, minute, second, zone] = match.map((part) => part ?? '');
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day))
    return 'is not a date on the calendar';
  if (hour && (Number(hour) > 23 || Number(minute) > 59 || Number(second || 0) > 59))
    return 'is not a time of day';
  if (hour && !zone) return 'has no time zone (add Z or an offset such as +09:00)';
  if (Number.isNaN(Date.parse(text))) return 'is not a time';
  return undefined;
}
