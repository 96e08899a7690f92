// Change calendars per account, and their state over simulated time.
import type { SandboxClock } from '../clock.js';
import type { SandboxFixture } from '../fixture.js';
import { type CalendarState, changeCalendarState } from './change-calendar-state.js';
import { documentNameFor } from './document-reference.js';
import type { CalendarDefinition } from './render-icalendar.js';

export type { CalendarState } from './change-calendar-state.js';

/** The combined state of several calendars, or the first name that does not resolve to a calendar. */
export type CalendarsStateResult = { ok: true; state: CalendarState } | { ok: false; unknown: string };

export class CalendarStore {
  private constructor(
    readonly clock: SandboxClock,
    /** account id → calendar name → calendar */
    private readonly byAccount: Map<string, Map<string, CalendarDefinition>>,
  ) {}

  static fromFixture(fixture: SandboxFixture, clock: SandboxClock): CalendarStore {
    const byAccount = new Map<string, Map<string, CalendarDefinition>>();
    for (const calendar of fixture.calendars) {
      const inAccount = byAccount.get(calendar.account) ?? new Map<string, CalendarDefinition>();
      inAccount.set(calendar.name, {
        name: calendar.name,
        defaultState: calendar.defaultState,
        events: calendar.events,
      });
      byAccount.set(calendar.account, inAccount);
    }
    return new CalendarStore(clock, byAccount);
  }

  /** The calendar `nameOrArn` as `accountId` sees it. */
  calendar(accountId: string, nameOrArn: string): CalendarDefinition | undefined {
    const name = documentNameFor(accountId, nameOrArn);
    return name === undefined ? undefined : this.byAccount.get(accountId)?.get(name);
  }

  /** Every calendar of one account. */
  calendarsOf(accountId: string): CalendarDefinition[] {
    return [...(this.byAccount.get(accountId)?.values() ?? [])];
  }

  /** The state of one calendar (name or ARN) as `accountId` sees it; undefined when unknown there. */
  state(accountId: string, nameOrArn: string, at: Date = this.clock.now()): CalendarState | undefined {
    const calendar = this.calendar(accountId, nameOrArn);
    return calendar ? changeCalendarState([calendar], at) : undefined;
  }

  /** GetCalendarState's answer for several calendars: OPEN only when all of them are open. */
  combinedState(accountId: string, namesOrArns: string[], at: Date = this.clock.now()): CalendarsStateResult {
    const calendars: CalendarDefinition[] = [];
    for (const nameOrArn of namesOrArns) {
      const calendar = this.calendar(accountId, nameOrArn);
      if (!calendar) return { ok: false, unknown: nameOrArn };
      calendars.push(calendar);
    }
    return { ok: true, state: changeCalendarState(calendars, at) };
  }
}
