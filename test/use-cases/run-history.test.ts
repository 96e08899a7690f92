// runHistory: recent runs and change requests that have no run yet, newest first, filtered by what was typed.

import { beforeEach, describe, expect, it } from 'vitest';
import { parseHistoryFilter } from '../../src/slack/parse-history-filter.js';
import { type HistoryItem, runHistory } from '../../src/use-cases/run-history.js';
import { aRun } from '../support/builders.js';
import { aRunContext, type TestRunContext } from '../support/run-context-builder.js';
import { aStoredChange } from '../support/stored-change-builder.js';

let context: TestRunContext;
beforeEach(async () => {
  context = aRunContext();
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
    expect(ids(await runHistory(context, undefined))).toEqual([
      'run-stopdev1',
      'chg-pending1',
      'run-restart1',
    ]);
  });

  it('when a limit is given, then only that many of the newest come back', async () => {
    expect(ids(await runHistory(context, undefined, 2))).toEqual(['run-stopdev1', 'chg-pending1']);
  });

  it.each([
    ['a runbook, in any case', 'aws-restartec2instance', ['chg-pending1', 'run-restart1']],
    ['a person by @name', '@erin', ['run-stopdev1']],
    ['a person by mention', '<@U0OPERATE1|erin>', ['run-stopdev1']],
    ['an account by name', 'dev-shared', ['run-stopdev1']],
    ['an account by id', '333333333301', ['chg-pending1', 'run-restart1']],
    ['something nobody ran', 'AWS-NoSuchThing', []],
  ])('when the filter is %s, then only what matches is listed', async (_, filter, expected) => {
    expect(ids(await runHistory(context, parseHistoryFilter(filter)))).toEqual(expected);
  });
});
