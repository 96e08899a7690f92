// describeHome: what one person sees in App Home — changes they may approve, their own changes and running runs,
// recent failures they may see, and the calendars — and never a run or change the visibility rule hides.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Subject } from '../../src/core/policy/subject.js';
import type { ChangeCalendar } from '../../src/ports.js';
import { describeHome } from '../../src/use-cases/describe-home.js';
import { aChangeTemplate, GROUPS, PEOPLE } from '../support/approval-builders.js';
import { aRun } from '../support/builders.js';
import { aRunContext, type TestRunContext } from '../support/run-context-builder.js';
import { aStoredChange } from '../support/stored-change-builder.js';

/** The Home has no channel: the person's DM with the bot, where nothing else is shown. */
const opening = (userId: string, userGroupIds: string[] = []): Subject => ({
  userId,
  userGroupIds,
  channelId: `D${userId.slice(1)}`,
});
const ALICE = opening(PEOPLE.requester, [GROUPS.platform]);
const BOB = opening(PEOPLE.bob, [GROUPS.sreLeads]);
const MALLORY = opening(PEOPLE.mallory);

const calendar: ChangeCalendar = {
  state: async (calendars) => ({ state: 'OPEN', calendars: [...calendars] }),
  outlook: async (name) =>
    name === 'ProductionFreeze'
      ? { calendar: name, state: 'CLOSED', nextTransitionAt: '2027-01-05T00:00:00Z' }
      : Promise.reject(new Error('SSM is down')),
};

let context: TestRunContext;
beforeEach(async () => {
  context = aRunContext({
    templates: [aChangeTemplate(), aChangeTemplate({ name: 'weekend', calendars: ['Weekend'] })],
    calendar,
  });
  // alice's pending prod-change, asking the SRE leads; bob is one of them.
  await context.approvals.changes.create(aStoredChange({ request: { id: 'chg-pending1' } }));
  // One bob already voted on: the state machine would refuse his second vote.
  await context.approvals.changes.create(
    aStoredChange({
      request: {
        id: 'chg-voted001',
        level: 1,
        votes: [{ level: 0, userId: PEOPLE.bob, at: '2026-06-02T01:10:00.000Z' }],
      },
    }),
  );
  await context.runs.create(aRun({ id: 'run-running1', status: 'running' }));
  await context.runs.create(
    aRun({ id: 'run-failed01', status: 'failed', updatedAt: '2025-06-02T02:00:00.000Z' }),
  );
  // A failure in a channel bob is not in, by someone else, under no template: bob may not see it.
  await context.runs.create(
    aRun({
      id: 'run-hidden01',
      status: 'completed-with-errors',
      channelId: 'C0SECRET01',
      requester: { userId: PEOPLE.erin, userName: 'erin' },
    }),
  );
});

describe('describeHome', () => {
  it('when an approver opens it, then the change they may vote on is waiting for them, not the one they voted on', async () => {
    const home = await describeHome(context, BOB);
    expect(home.awaitingMyApproval.map((change) => change.id)).toEqual(['chg-pending1']);
    expect(home.awaitingMyApproval[0]).toMatchObject({
      runbook: 'AWS-RestartEC2Instance',
      requester: PEOPLE.requester,
      targets: 2,
      level: 'SRE leads',
    });
    expect(home.myChanges).toEqual([]);
  });

  it('when the requester opens it, then their own change is theirs to follow, not to approve', async () => {
    const home = await describeHome(context, ALICE);
    expect(home.awaitingMyApproval).toEqual([]);
    expect(home.myChanges.map((change) => change.id).sort()).toEqual(['chg-pending1', 'chg-voted001']);
    expect(home.myRunningRuns.map((run) => run.id)).toEqual(['run-running1']);
    expect(home.myRunningRuns[0]).toMatchObject({ total: 4, counts: { queued: 4 } });
  });

  it('when a change is scheduled, then its requester sees it among their open requests, with its window', async () => {
    const window = { startAt: '2026-06-02T03:00:00.000Z', endBy: '2026-06-02T05:00:00.000Z' };
    await context.approvals.changes.create(
      aStoredChange({ request: { id: 'chg-schedul1', status: 'scheduled', level: 2, window } }),
    );
    const home = await describeHome(context, ALICE);
    expect(home.myChanges.find((change) => change.id === 'chg-schedul1')).toMatchObject({
      status: 'scheduled',
      window,
    });
  });

  it('when runs failed, then each person sees only the failures they may see', async () => {
    expect((await describeHome(context, ALICE)).recentFailures.map((run) => run.id)).toEqual([
      'run-failed01',
    ]);
    expect((await describeHome(context, BOB)).recentFailures).toEqual([]);
    expect((await describeHome(context, MALLORY)).recentFailures).toEqual([]);
    const operator = await describeHome(context, opening(PEOPLE.erin, [GROUPS.platform]));
    expect(operator.recentFailures.map((run) => run.id).sort()).toEqual(['run-failed01', 'run-hidden01']);
  });

  it('when a member of the run’s channel opens it, then Slack is asked and the failure is shown', async () => {
    const members = aRunContext({ channelMembers: { C0SECRET01: [PEOPLE.mallory] } });
    await members.runs.create(aRun({ id: 'run-hidden01', status: 'failed', channelId: 'C0SECRET01' }));
    expect((await describeHome(members, MALLORY)).recentFailures.map((run) => run.id)).toEqual([
      'run-hidden01',
    ]);
  });

  it('when someone nothing concerns opens it, then it is empty but for the calendars', async () => {
    const home = await describeHome(context, MALLORY);
    expect(home).toMatchObject({
      awaitingMyApproval: [],
      myChanges: [],
      myRunningRuns: [],
      recentFailures: [],
    });
  });

  it('when calendars are configured, then each is read on its own and one that fails is shown as unknown', async () => {
    expect((await describeHome(context, MALLORY)).calendars).toEqual([
      { calendar: 'ProductionFreeze', state: 'CLOSED', nextTransitionAt: '2027-01-05T00:00:00Z' },
      { calendar: 'Weekend', state: 'unknown' },
    ]);
    expect(context.log.lines.map((line) => line.message)).toContain(
      'App Home could not read a change calendar',
    );
  });
});
