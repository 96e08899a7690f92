// decideChange, through applyChangeEvent, describeChangeOutcome and proceedWithChange: votes level by level,
// refusals that change nothing, and a final approval that starts the run once, or waits, or is held.
import { beforeEach, describe, expect, it } from 'vitest';
import { decideChange, mayReject } from '../../src/use-cases/decide-change.js';
import { CHANNEL_WAIT_MS, proceedWithChange } from '../../src/use-cases/proceed-with-change.js';
import { aChangeTemplate, GROUPS, PEOPLE } from '../support/approval-builders.js';
import {
  aRunContext,
  type RunContextOverrides,
  type TestRunContext,
} from '../support/run-context-builder.js';
import { anApprovedChange, aStoredChange } from '../support/stored-change-builder.js';

const ID = 'chg-4f7h2k9p';
const bob = { userId: PEOPLE.bob, teamId: 'T0TEAM0001', userName: 'bob', userGroupIds: [GROUPS.sreLeads] };
const carol = {
  userId: PEOPLE.carol,
  teamId: 'T0TEAM0001',
  userName: 'carol',
  userGroupIds: [GROUPS.sreLeads],
};
const mallory = { userId: PEOPLE.mallory, userGroupIds: [] };

let context: TestRunContext;
const given = async (overrides: RunContextOverrides = {}, change = aStoredChange()) => {
  context = aRunContext({
    templates: [aChangeTemplate({ reasonRequired: { onReject: true } })],
    ...overrides,
  });
  await context.approvals.changes.create(change);
};
beforeEach(() => given());

const request = async () => (await context.approvals.changes.get(ID))!.request;
const actions = async () => (await context.audit.timeline(ID)).map((entry) => entry.action);

describe('decideChange', () => {
  it('when an SRE lead approves, then level 1 is satisfied, audited with the level and votes, and noted', async () => {
    const result = await decideChange(context, ID, bob, { kind: 'approve' });

    expect(result.kind).toBe('decided');
    expect(await request()).toMatchObject({ status: 'pending', level: 1 });
    const [entry] = await context.audit.timeline(ID);
    expect(entry).toMatchObject({
      action: 'change.level-approved',
      actor: { userId: PEOPLE.bob, teamId: 'T0TEAM0001', displayName: 'bob' },
      level: { index: 0, name: 'SRE leads' },
      votes: { count: 1, required: 1 },
      outcome: 'pending',
      summary: `bob approved ${ID}; SRE leads is satisfied (1 of 1)`,
    });
    expect(context.approvals.notifier.notes.map(({ note }) => note)).toEqual([
      {
        kind: 'level-approved',
        by: PEOPLE.bob,
        satisfied: { index: 0, name: 'SRE leads' },
        next: { index: 1, name: 'Security' },
      },
    ]);
  });

  it('when the last level approves, then the run starts once under the change, and the thread says where', async () => {
    await decideChange(context, ID, bob, { kind: 'approve' });
    const result = await decideChange(context, ID, carol, { kind: 'approve' });

    expect(result).toMatchObject({ kind: 'decided', proceeded: { kind: 'started' } });
    const { runId } = await request();
    expect((await context.runs.get(runId!))?.approval).toEqual({
      templates: ['prod-change'],
      changeId: ID,
      approvedBy: [PEOPLE.bob, PEOPLE.carol],
    });
    expect(await actions()).toEqual(['change.level-approved', 'change.approved', 'run.started']);
    expect(context.approvals.notifier.noteKinds()).toEqual(['level-approved', 'approved', 'run-started']);
    expect(await proceedWithChange(context, ID)).toEqual({ kind: 'nothing-to-do' });
  });

  it('when someone who may not approve clicks, then it is refused with the level and its approvers, and nothing changes', async () => {
    const before = await request();

    expect(await decideChange(context, ID, mallory, { kind: 'approve' })).toEqual({
      kind: 'refused',
      refusal: {
        code: 'not-eligible',
        level: { index: 0, name: 'SRE leads' },
        approvers: { userGroups: [GROUPS.sreLeads] },
      },
    });
    expect(await request()).toEqual(before);
    expect(await actions()).toEqual([]);
  });

  it('when the change does not exist, then the refusal names it', async () => {
    expect(await decideChange(context, 'chg-zzzzzzzz', bob, { kind: 'approve' })).toEqual({
      kind: 'refused',
      refusal: { code: 'not-found', changeId: 'chg-zzzzzzzz' },
    });
  });

  it('when an approver rejects with a reason, then it is closed, and the reason is a field of its own', async () => {
    expect(await mayReject(context, ID, bob)).toEqual({ kind: 'ok', reasonRequired: true });
    expect(await decideChange(context, ID, bob, { kind: 'reject' })).toMatchObject({
      refusal: { code: 'reason-required', template: 'prod-change' },
    });

    await decideChange(context, ID, bob, { kind: 'reject', reason: 'Not during the sale' });

    expect((await request()).status).toBe('rejected');
    expect((await context.audit.timeline(ID))[0]).toMatchObject({
      action: 'change.rejected',
      reason: 'Not during the sale',
      summary: `bob rejected ${ID}: Not during the sale`,
    });
  });

  it('when the requester withdraws, then it is closed; anyone else is told who may', async () => {
    expect(await decideChange(context, ID, bob, { kind: 'withdraw' })).toMatchObject({
      refusal: { code: 'not-requester', requester: PEOPLE.requester },
    });
    await decideChange(context, ID, { userId: PEOPLE.requester, userGroupIds: [] }, { kind: 'withdraw' });
    expect((await request()).status).toBe('withdrawn');
  });
});

describe('proceedWithChange', () => {
  it('when another change holds the locks, then the approved one waits and its thread names the holder', async () => {
    await given({}, anApprovedChange());
    const holder = anApprovedChange({ request: { id: 'chg-holder01' } });
    await context.approvals.changes.create(holder);
    await context.approvals.changes.acquireLocks('chg-holder01', holder.lockKeys);

    expect(await proceedWithChange(context, ID)).toEqual({
      kind: 'waiting-for-lock',
      heldBy: 'chg-holder01',
    });
    expect((await request()).status).toBe('approved');
    expect(context.approvals.notifier.noteKinds()).toEqual(['approved-waiting-for-lock']);
  });

  it('when the bot cannot post in the run’s channel, then the change waits with a note, and starts once it can', async () => {
    await given({}, anApprovedChange());
    context.notifier.unavailableChannels.add('C0OPS00001');

    const until = new Date(context.now().getTime() + CHANNEL_WAIT_MS).toISOString();

    expect(await proceedWithChange(context, ID)).toEqual({
      kind: 'channel-unavailable',
      channelId: 'C0OPS00001',
      reason: 'channel_not_found',
      until,
    });
    expect(await context.runs.listRecent(10)).toEqual([]);
    expect(context.approvals.notifier.notes.map(({ note }) => note)).toEqual([
      { kind: 'run-channel-unavailable', channelId: 'C0OPS00001', until },
    ]);

    context.notifier.unavailableChannels.clear();
    expect(await proceedWithChange(context, ID)).toMatchObject({ kind: 'started' });
    expect(await actions()).toEqual(['run.started']);
  });

  it('when the bot still cannot post there once the wait is over, then the change expires without a run and frees its locks', async () => {
    await given({}, anApprovedChange());
    context.notifier.unavailableChannels.add('C0OPS00001');
    await proceedWithChange(context, ID);
    context.clock.advance(CHANNEL_WAIT_MS - 1);
    expect(await proceedWithChange(context, ID)).toMatchObject({ kind: 'channel-unavailable' });

    context.clock.advance(1);

    expect(await proceedWithChange(context, ID)).toEqual({ kind: 'start-lapsed', channelId: 'C0OPS00001' });
    const closed = await request();
    expect(closed.status).toBe('expired');
    expect(closed.runId).toBeUndefined();
    expect(await context.runs.listRecent(10)).toEqual([]);
    expect(context.scheduler.starts).toEqual([]);
    const entries = await context.audit.timeline(ID);
    expect(entries.map((entry) => entry.action)).toEqual(['change.expired']);
    expect(entries[0]?.summary).toBe(`${ID} expired without starting: the bot could not post in C0OPS00001`);
    expect(context.approvals.notifier.noteKinds().at(-1)).toBe('start-lapsed');
    const other = anApprovedChange({ request: { id: 'chg-other001' } });
    await context.approvals.changes.create(other);
    expect(await context.approvals.changes.acquireLocks('chg-other001', other.lockKeys)).toMatchObject({
      kind: 'acquired',
    });
    expect(await proceedWithChange(context, ID)).toEqual({ kind: 'nothing-to-do' });
  });

  it('when the calendar is CLOSED, then the approved change is held by it and nothing starts', async () => {
    const closed = {
      state: async (calendars: readonly string[]) => ({
        state: 'CLOSED' as const,
        calendars: [...calendars],
      }),
      outlook: async (calendar: string) => ({ calendar, state: 'CLOSED' as const }),
    };
    await given({ calendar: closed }, anApprovedChange());

    expect(await proceedWithChange(context, ID)).toEqual({ kind: 'held', calendars: ['ProductionFreeze'] });
    expect(await context.runs.listRecent(10)).toEqual([]);
    expect(await actions()).toEqual(['change.held']);
    expect(context.approvals.notifier.notes.map(({ note }) => note.kind)).toEqual(['held']);
  });
});
