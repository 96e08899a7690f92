// ChangeWindow: when a scheduled change may start — `--start-at`/`--end-by` as typed, parsed, then resolved.

/** When a change may start (ISO 8601): not before `startAt`, and, when `endBy` is given, not after it. */
export interface ChangeWindow {
  startAt: string;
  endBy?: string;
}

/**
 * A time as typed, before it is resolved against the clock: `in 2h` is relative to when the command is
 * received, which the parser does not know (it stays pure), so it keeps the offset.
 */
export type ChangeTime = { kind: 'in'; ms: number; text: string } | { kind: 'at'; iso: string; text: string };

/** The window as asked, either bound possibly missing (`--end-by` alone means "from now, until then"). */
export interface AskedWindow {
  startAt?: ChangeTime;
  endBy?: ChangeTime;
}

/** Why a window cannot be used, as facts; `slack/render` writes the sentence. */
export type WindowProblem =
  | { code: 'in-the-past'; flag: 'start-at' | 'end-by'; at: string }
  | { code: 'ends-before-start'; startAt: string; endBy: string };

const RELATIVE = /^in\s*(\d{1,4})\s*(m|min|mins|minutes?|h|hours?|d|days?)$/i;
const ISO_WITH_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/i;
const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

export const CHANGE_TIME_FORMS =
  '`in 2h`, `in 30m`, `in 1d` or an ISO time with its zone (`2026-06-01T13:00Z`)';

/** `in 2h`, `in 30m`, `in 1d`, or an ISO 8601 date and time with its zone; else what is wrong with the text. */
export function parseChangeTime(
  text: string,
): { ok: true; time: ChangeTime } | { ok: false; problem: string } {
  const trimmed = text.trim();
  const relative = RELATIVE.exec(trimmed);
  if (relative) {
    const unit = relative[2]!.toLowerCase().startsWith('min') ? 'm' : relative[2]![0]!.toLowerCase();
    return { ok: true, time: { kind: 'in', ms: Number(relative[1]) * UNIT_MS[unit]!, text: trimmed } };
  }
  const iso = ISO_WITH_TIME.exec(trimmed);
  if (!iso) return { ok: false, problem: `is not a time: give ${CHANGE_TIME_FORMS}` };
  const [, year, month, day, hour, minute, second, zone] = iso;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day))
    return { ok: false, problem: 'is not a date on the calendar' };
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second ?? 0) > 59)
    return { ok: false, problem: 'is not a time of day' };
  // Guessing the bot's zone would move the change by hours without anyone noticing.
  if (!zone) return { ok: false, problem: 'has no time zone: add Z or an offset such as +09:00' };
  return { ok: true, time: { kind: 'at', iso: new Date(Date.parse(trimmed)).toISOString(), text: trimmed } };
}

/**
 * The window asked, against the bot's clock when the command was received: a start or end in the past and an
 * end before the start are refused. Undefined when no bound was asked. A missing start means now.
 */
export function resolveChangeWindow(
  asked: AskedWindow | undefined,
  now: Date,
): { kind: 'none' } | { kind: 'window'; window: ChangeWindow } | { kind: 'invalid'; problem: WindowProblem } {
  if (!asked || (!asked.startAt && !asked.endBy)) return { kind: 'none' };
  const at = (time: ChangeTime) =>
    time.kind === 'in' ? new Date(now.getTime() + time.ms) : new Date(Date.parse(time.iso));
  const startAt = asked.startAt ? at(asked.startAt) : now;
  const endBy = asked.endBy ? at(asked.endBy) : undefined;
  if (startAt.getTime() < now.getTime())
    return { kind: 'invalid', problem: { code: 'in-the-past', flag: 'start-at', at: startAt.toISOString() } };
  if (endBy && endBy.getTime() <= now.getTime())
    return { kind: 'invalid', problem: { code: 'in-the-past', flag: 'end-by', at: endBy.toISOString() } };
  if (endBy && endBy.getTime() <= startAt.getTime()) {
    return {
      kind: 'invalid',
      problem: { code: 'ends-before-start', startAt: startAt.toISOString(), endBy: endBy.toISOString() },
    };
  }
  return {
    kind: 'window',
    window: { startAt: startAt.toISOString(), ...(endBy ? { endBy: endBy.toISOString() } : {}) },
  };
}

/** The window has opened at `at`: the change may start. */
export const isWindowOpen = (window: ChangeWindow | undefined, at: Date): boolean =>
  !window || at.getTime() >= Date.parse(window.startAt);
