// sweepChanges: the minute's safety net for changes — expire the overdue, retry the approved and held, and
// finish a start or an end a crashed worker left half done.
import { beforeEach, describe, expect, it } from 'vitest';
import { runIdForChange } from '../../src/core/approval/change-id.js';
import type { ChangeCalendar } from '../../src/ports.js';
import { sweepChanges } from '../../src/use-cases/sweep-changes.js';
import { aChangeTemplate, EXPIRES_AT } from '../support/approval-builders.js';
import { aRun } from '../support/builders.js';
import { aRunContext, type TestRunContext } from '../support/run-context-builder.js';
import {
  anApprovedChange,
  aStoredChange,
  DEFAULT_LOCK_KEYS,
  type StoredChangeOverrides,
} from '../support/stored-change-builder.js';

const ID = 'chg-4f7h2k9p';
const RUN_ID = runIdForChange(ID);

let calendarState: 'OPEN' | 'CLOSED';
const calendar: ChangeCalendar = {
  state: async (calendars) => ({ state: calendarState, calendars: [...calendars] }),
  outlook: async (name) => ({ calendar: name, state: calendarState }),
};

let context: TestRunContext;
beforeEach(() => {
  calendarState = 'OPEN';
  context = aRunContext({ templates: [aChangeTemplate()], calendar });
});

const request = async (id = ID) => (await context.approvals.changes.get(id))?.request;

async function stored(change: ReturnType<typeof aStoredChange>) {
  await context.approvals.changes.create(change);
  return change;
}

const approved = (overrides: StoredChangeOverrides['request'] = {}) =>
  stored(anApprovedChange({ request: { id: ID, ...overrides } }));

describe('sweepChanges', () => {
  it('when nothing is open, then nothing is done', async () => {
    expect(await sweepChanges(context)).toEqual({ retried: 0, expired: 0 });
  });

  it('when a pending change is overdue (its expiry job was lost), then it is expired', async () => {
    await stored(aStoredChange({ request: { id: ID } }));
    context.clock.set(EXPIRES_AT);

    expect(await sweepChanges(context)).toEqual({ retried: 0, expired: 1 });

    expect((await request())?.status).toBe('expired');
  });

  it('when a pending change is not yet due, then it is left to its approvers', async () => {
    await stored(aStoredChange({ request: { id: ID } }));

    expect(await sweepChanges(context)).toEqual({ retried: 0, expired: 0 });

    expect((await request())?.status).toBe('pending');
  });

  it('when an approved change is waiting, then it starts its run, even past its expiry', async () => {
    await approved();
    context.clock.set(EXPIRES_AT);

    expect(await sweepChanges(context)).toEqual({ retried: 1, expired: 0 });

    expect(await request()).toMatchObject({ status: 'started', runId: RUN_ID });
    expect(await context.runs.get(RUN_ID)).toMatchObject({ approval: { changeId: ID } });
    expect(context.scheduler.starts).toEqual([{ runId: RUN_ID }]);
  });

  it('when an approved change’s calendar is closed, then it is held and no run starts', async () => {
    calendarState = 'CLOSED';
    await approved();

    await sweepChanges(context);

    expect((await request())?.status).toBe('held');
    expect(await context.runs.get(RUN_ID)).toBeUndefined();
  });

  it('when a held change’s calendar has opened, then its run starts', async () => {
    await approved({ status: 'held' });

    expect(await sweepChanges(context)).toEqual({ retried: 1, expired: 0 });

    expect((await request())?.status).toBe('started');
    expect(await context.runs.get(RUN_ID)).toBeDefined();
  });

  it('when another change holds its locks, then it keeps waiting and no run starts', async () => {
    const holder = 'chg-holder01';
    await stored(anApprovedChange({ request: { id: holder, status: 'started', runId: 'run-holder01' } }));
    await context.approvals.changes.acquireLocks(holder, DEFAULT_LOCK_KEYS);
    await context.runs.create(aRun({ id: 'run-holder01', status: 'running' }));
    await approved();

    await sweepChanges(context);

    expect((await request())?.status).toBe('approved');
    expect(await context.runs.get(RUN_ID)).toBeUndefined();
  });

  it('when a started change’s run ended but the end was never recorded, then the change ends and frees its locks', async () => {
    await approved({ status: 'started', runId: RUN_ID });
    await context.approvals.changes.acquireLocks(ID, DEFAULT_LOCK_KEYS);
    await context.runs.create(aRun({ id: RUN_ID, status: 'succeeded' }));

    expect(await sweepChanges(context)).toEqual({ retried: 1, expired: 0 });

    expect((await request())?.endedAt).toBe(context.now().toISOString());
    expect(await context.approvals.changes.lockHolder(DEFAULT_LOCK_KEYS)).toBeUndefined();
  });

  it('when a started change’s run was never created, then it is created', async () => {
    await approved({ status: 'started', runId: RUN_ID });

    expect(await sweepChanges(context)).toEqual({ retried: 1, expired: 0 });

    expect(await context.runs.get(RUN_ID)).toMatchObject({ approval: { changeId: ID } });
  });

  it('when a started change’s run is still going, or its end is recorded, then it is left alone', async () => {
    await approved({ status: 'started', runId: RUN_ID });
    await context.runs.create(aRun({ id: RUN_ID, status: 'running' }));
    await stored(
      anApprovedChange({
        request: {
          id: 'chg-ended001',
          status: 'started',
          runId: 'run-ended001',
          endedAt: '2026-06-02T01:20:00.000Z',
        },
      }),
    );

    expect(await sweepChanges(context)).toEqual({ retried: 0, expired: 0 });

    expect((await request())?.endedAt).toBeUndefined();
    expect(await context.runs.get('run-ended001')).toBeUndefined();
  });
});
