// STUB (to be completed by the SSM documents work): change calendars and their state over simulated time.
import type { SandboxClock } from '../clock.js';
import type { SandboxFixture } from '../fixture.js';

export interface CalendarState {
  state: 'OPEN' | 'CLOSED';
  atTime: Date;
  nextTransitionTime?: Date;
}

export class CalendarStore {
  private constructor(readonly clock: SandboxClock) {}

  static fromFixture(_fixture: SandboxFixture, clock: SandboxClock): CalendarStore {
    return new CalendarStore(clock);
  }

  /** The state of one calendar (name or ARN) as `accountId` sees it; undefined when unknown there. */
  state(_accountId: string, _nameOrArn: string, _at: Date): CalendarState | undefined {
    throw new Error('not implemented');
  }
}
