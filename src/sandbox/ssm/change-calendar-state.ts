// Whether change calendars are OPEN or CLOSED at a moment, and when that next changes.
import type { CalendarDefinition } from './render-icalendar.js';

export interface CalendarState {
  state: 'OPEN' | 'CLOSED';
  atTime: Date;
  /** The next moment the state flips; absent when no future event changes it. */
  nextTransitionTime?: Date;
}

/**
 * The combined state of `calendars` at `at`, as GetCalendarState reports it: OPEN only when every
 * calendar is open. A DEFAULT_OPEN calendar is CLOSED during its events; a DEFAULT_CLOSED one is OPEN
 * during its events. Events cover [start, end).
 */
export function changeCalendarState(calendars: readonly CalendarDefinition[], at: Date): CalendarState {
  const state = combinedStateAt(calendars, at.getTime());
  const boundaries = [
    ...new Set(
      calendars.flatMap((calendar) => calendar.events.flatMap((e) => [e.start.getTime(), e.end.getTime()])),
    ),
  ]
    .filter((time) => time > at.getTime())
    .sort((a, b) => a - b);
  const next = boundaries.find((time) => combinedStateAt(calendars, time) !== state);
  return { state, atTime: at, nextTransitionTime: next === undefined ? undefined : new Date(next) };
}

function combinedStateAt(calendars: readonly CalendarDefinition[], time: number): 'OPEN' | 'CLOSED' {
  return calendars.every((calendar) => stateAt(calendar, time) === 'OPEN') ? 'OPEN' : 'CLOSED';
}

function stateAt(calendar: CalendarDefinition, time: number): 'OPEN' | 'CLOSED' {
  const inEvent = calendar.events.some((e) => e.start.getTime() <= time && time < e.end.getTime());
  if (calendar.defaultState === 'OPEN') return inEvent ? 'CLOSED' : 'OPEN';
  return inEvent ? 'OPEN' : 'CLOSED';
}
