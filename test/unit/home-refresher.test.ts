// HomeRefresher: the people a change or a run's end concerns get their App Home republished, once per person per
// delay however many events name them, and only once something can publish.
import { beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import type { ChangeNotifier, RunNotifier } from '../../src/ports.js';
import { HomeRefresher } from '../../src/slack/home/home-refresher.js';
import { aChangeTemplate, GROUPS, PEOPLE } from '../support/approval-builders.js';
import { aRun } from '../support/builders.js';
import { aStoredChange } from '../support/stored-change-builder.js';

/** Timers a test fires by hand. */
class ManualTimers {
  readonly waiting: Array<{ run: () => void; ms: number }> = [];
  readonly set = (run: () => void, ms: number) => {
    const timer = { run, ms };
    this.waiting.push(timer);
    return timer;
  };
  readonly clear = (timer: unknown) => {
    this.waiting.splice(this.waiting.indexOf(timer as { run: () => void; ms: number }), 1);
  };
  fireAll(): void {
    for (const timer of this.waiting.splice(0)) timer.run();
  }
}

const quietChanges: ChangeNotifier = {
  showChange: async () => {},
  noteInThread: async () => {},
  showRequesterLink: async () => {},
};
const quietRuns = { showRun: async () => {} } as unknown as RunNotifier;

let timers: ManualTimers;
let published: string[];
let refresher: HomeRefresher;
beforeEach(() => {
  timers = new ManualTimers();
  published = [];
  refresher = new HomeRefresher({
    logger: createLogger({ level: 'silent' }),
    membersOf: async (group) => (group === GROUPS.sreLeads ? [PEOPLE.bob, PEOPLE.carol] : []),
    delayMs: 2_000,
    setTimer: timers.set,
    clearTimer: timers.clear,
  });
  refresher.publishWith(async (userId) => {
    published.push(userId);
  });
});

describe('HomeRefresher', () => {
  it('when one person is named many times before the delay passes, then their Home is published once', () => {
    for (let i = 0; i < 5; i++) refresher.refresh([PEOPLE.bob]);
    refresher.refresh([PEOPLE.bob, PEOPLE.carol]);
    expect(timers.waiting.map((timer) => timer.ms)).toEqual([2_000, 2_000]);
    timers.fireAll();
    expect(published).toEqual([PEOPLE.bob, PEOPLE.carol]);

    refresher.refresh([PEOPLE.bob]);
    timers.fireAll();
    expect(published).toEqual([PEOPLE.bob, PEOPLE.carol, PEOPLE.bob]);
  });

  it('when a change is shown, then its requester, its voters and every approver (groups read) are refreshed', async () => {
    const notifier = refresher.watchChanges(quietChanges);
    const change = aStoredChange({
      request: { votes: [{ level: 0, userId: PEOPLE.erin, at: '2026-06-02T01:10:00.000Z' }] },
    });
    await notifier.showChange(change, aChangeTemplate());
    timers.fireAll();
    expect(published.sort()).toEqual(
      [PEOPLE.requester, PEOPLE.erin, PEOPLE.bob, PEOPLE.carol, PEOPLE.dave].sort(),
    );
  });

  it('when a run is shown, then only its end refreshes the requester’s Home', async () => {
    const notifier = refresher.watchRuns(quietRuns);
    await notifier.showRun(aRun({ status: 'running' }));
    expect(timers.waiting).toEqual([]);
    await notifier.showRun(aRun({ status: 'completed-with-errors' }));
    timers.fireAll();
    expect(published).toEqual(['U0REQUEST1']);
  });

  it('when closed, then refreshes not yet made are dropped', () => {
    refresher.refresh([PEOPLE.bob]);
    refresher.close();
    timers.fireAll();
    expect(published).toEqual([]);
  });
});
