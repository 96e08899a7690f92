// runHistory: recent runs and change requests that have no run yet, newest first, filtered by what was typed,
// and only those the asker may see (isVisibleTo).

import { beforeEach, describe, expect, it } from 'vitest';
import type { Subject } from '../../src/core/policy/subject.js';
import { parseHistoryFilter } from '../../src/slack/parse-history-filter.js';
import { type HistoryItem, runHistory } from '../../src/use-cases/run-history.js';
import { aChangeTemplate, GROUPS, PEOPLE } from '../support/approval-builders.js';
import { aRun } from '../support/builders.js';
import { aRunContext, type TestRunContext } from '../support/run-context-builder.js';
import { aStoredChange } from '../support/stored-change-builder.js';

/** Someone asking from a channel where none of the runs or changes is shown. */
const asking = (userId: string, userGroupIds: string[] = [], channelId = 'C0ELSEWHR1'): Subject => ({
  userId,
  userGroupIds,
  channelId,
});
/** erin, an operator: she sees everything, so what is listed depends on the filter alone. */
const OPERATOR = asking(PEOPLE.erin, [GROUPS.platform]);

let context: TestRunContext;
beforeEach(async () => {
  context = aRunContext({ templates: [aChangeTemplate()] });
  await context.runs.create(aRun({ id: 'run-restart1', createdAt: '2026-06-01T01:00:00.000Z' }));
  await context.runs.create(
    aRun({
      id: 'run-stopdev1',
      createdAt: '2026-06-01T03:00:00.000Z',
      runbook: { name: 'AWS-StopEC2Instance' },
      requester: { userId: 'U0OPERATE1', userName: 'erin' },
      targets: { ...aRun().targets, accounts: [{ id: '555555555501', name: 'dev-shared' }] },
    }),
  );
  // Asked for between the two runs, not started: listed as a change.
  await context.approvals.changes.create(
    aStoredChange({ request: { id: 'chg-pending1', createdAt: '2026-06-01T02:00:00.000Z' } }),
  );
  // Started: listed as its run, not twice.
  await context.approvals.changes.create(
    aStoredChange({
      request: {
        id: 'chg-started1',
        status: 'started',
        runId: 'run-restart1',
        createdAt: '2026-06-01T00:30:00.000Z',
      },
    }),
  );
});

const ids = (items: HistoryItem[]) =>
  items.map((item) => (item.kind === 'run' ? item.run.id : item.change.request.id));

describe('runHistory', () => {
  it('when nothing is filtered, then runs and unstarted changes come newest first', async () => {
    expect(ids(await runHistory(context, OPERATOR, undefined))).toEqual([
      'run-stopdev1',
      'chg-pending1',
      'run-restart1',
    ]);
  });

  it('when a limit is given, then only that many of the newest come back', async () => {
    expect(ids(await runHistory(context, OPERATOR, undefined, 2))).toEqual(['run-stopdev1', 'chg-pending1']);
  });

  it.each([
    ['a runbook, in any case', 'aws-restartec2instance', ['chg-pending1', 'run-restart1']],
    ['a person by @name', '@erin', ['run-stopdev1']],
    ['a person by mention', '<@U0OPERATE1|erin>', ['run-stopdev1']],
    ['an account by name', 'dev-shared', ['run-stopdev1']],
    ['an account by id', '333333333301', ['chg-pending1', 'run-restart1']],
    ['something nobody ran', 'AWS-NoSuchThing', []],
  ])('when the filter is %s, then only what matches is listed', async (_, filter, expected) => {
    expect(ids(await runHistory(context, OPERATOR, parseHistoryFilter(filter)))).toEqual(expected);
  });
});

describe('runHistory, for who may see what', () => {
  it.each([
    [
      'the requester of run-restart1 and chg-pending1',
      asking(PEOPLE.requester, [GROUPS.platform]),
      ['chg-pending1', 'run-restart1'],
    ],
    ['an approver of prod-change', asking(PEOPLE.bob, [GROUPS.sreLeads]), ['chg-pending1']],
    [
      'anyone in the channel they were asked in',
      asking(PEOPLE.mallory, [], 'C0OPS00001'),
      ['run-stopdev1', 'chg-pending1', 'run-restart1'],
    ],
    ['someone they do not concern, from elsewhere', asking(PEOPLE.mallory), []],
  ])('when %s asks, then only what they may see is listed', async (_, subject, expected) => {
    expect(ids(await runHistory(context, subject, undefined))).toEqual(expected);
  });

  it('when a member of their channel asks from elsewhere, then Slack says so and they see what is shown there', async () => {
    const members = aRunContext({
      templates: [aChangeTemplate()],
      channelMembers: { C0OPS00001: [PEOPLE.mallory] },
    });
    await members.runs.create(aRun({ id: 'run-inops001', channelId: 'C0OPS00001' }));
    await members.runs.create(aRun({ id: 'run-notify01', channelId: 'C0NOTIFY01' }));

    expect(ids(await runHistory(members, asking(PEOPLE.mallory), undefined))).toEqual(['run-inops001']);
    expect(members.channelMembers.lookups.sort()).toEqual([
      `C0NOTIFY01:${PEOPLE.mallory}`,
      `C0OPS00001:${PEOPLE.mallory}`,
    ]);
  });

  it('when an operator asks, then no channel membership is looked up', async () => {
    await runHistory(context, OPERATOR, undefined);
    expect(context.channelMembers.lookups).toEqual([]);
  });

  it('when a filter is given, then it narrows what the asker may see', async () => {
    expect(ids(await runHistory(context, asking(PEOPLE.mallory), parseHistoryFilter('dev-shared')))).toEqual(
      [],
    );
  });

  it('when the newest are not the asker’s, then the limit counts only what they may see', async () => {
    // Two runs newer than any of alice's, neither hers: a scan of only `limit` runs would miss run-restart1.
    await context.runs.create(
      aRun({
        id: 'run-erinnew1',
        createdAt: '2026-06-01T04:00:00.000Z',
        requester: { userId: PEOPLE.erin, userName: 'erin' },
        channelId: 'C0OTHER001',
      }),
    );
    const alice = asking(PEOPLE.requester, [GROUPS.platform]);

    expect(ids(await runHistory(context, alice, undefined, 2))).toEqual(['chg-pending1', 'run-restart1']);
  });
});
