// STUB (to be completed): change calendars and their OPEN / CLOSED state over simulated time.
import type { SandboxClock } from '../clock.js';
import type { SandboxFixture } from '../fixture.js';

export class CalendarStore {
  static fromFixture(_fixture: SandboxFixture, _clock: SandboxClock): CalendarStore {
    return new CalendarStore();
  }
}
