// recordRunEnd: a run's end goes into the audit trail, and the change that started it ends, releasing its locks.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Run } from '../../src/core/run/run.js';
import { recordRunEnd } from '../../src/use-cases/record-run-end.js';
import { aChangeTemplate } from '../support/approval-builders.js';
import { aRun } from '../support/builders.js';
import { aRunContext, type TestRunContext } from '../support/run-context-builder.js';
import { anApprovedChange, DEFAULT_LOCK_KEYS } from '../support/stored-change-builder.js';

const CHANGE_ID = 'chg-4f7h2k9p';
const RUN_ID = 'run-4f7h2k9p';

let context: TestRunContext;
beforeEach(() => {
  context = aRunContext({ templates: [aChangeTemplate()] });
});

/** The default change, started (its run claimed) and holding its locks. */
async function aStartedChange(endedAt?: string) {
  await context.approvals.changes.create(
    anApprovedChange({ request: { id: CHANGE_ID, status: 'started', runId: RUN_ID, endedAt } }),
  );
  expect(await context.approvals.changes.acquireLocks(CHANGE_ID, DEFAULT_LOCK_KEYS)).toEqual({
    kind: 'acquired',
  });
}

const endedRun = (overrides: Partial<Run> = {}): Run => ({
  ...aRun({ id: RUN_ID, status: 'succeeded' }),
  ...overrides,
});

describe('recordRunEnd', () => {
  it('when a retried job records the same end again, then the trail holds one run.finished', async () => {
    await recordRunEnd(context, endedRun());
    await recordRunEnd(context, endedRun());

    expect((await context.audit.timeline(RUN_ID)).map((entry) => entry.action)).toEqual(['run.finished']);
  });

  it('when a run nobody approved ends, then the audit trail records it and no change is touched', async () => {
    await recordRunEnd(context, endedRun());

    const timeline = await context.audit.timeline(RUN_ID);
    expect(timeline.map((entry) => entry.subject)).toEqual([{ runId: RUN_ID }]);
    expect(await context.approvals.changes.listRecent(10)).toEqual([]);
  });

  it('when a change’s run ends, then the change ends and its locks are free for the next change', async () => {
    await aStartedChange();
    const run = endedRun({ approval: { templates: ['prod-change'], changeId: CHANGE_ID } });

    await recordRunEnd(context, run);

    const change = await context.approvals.changes.get(CHANGE_ID);
    expect(change?.request).toMatchObject({ status: 'started', endedAt: context.now().toISOString() });
    expect(await context.approvals.changes.lockHolder(DEFAULT_LOCK_KEYS)).toBeUndefined();
    expect((await context.audit.timeline(RUN_ID)).map((entry) => entry.subject)).toContainEqual({
      runId: RUN_ID,
      changeId: CHANGE_ID,
    });
  });

  it('when the change had already ended, then it stays as it was', async () => {
    await aStartedChange('2026-06-02T01:10:00.000Z');
    const before = await context.approvals.changes.get(CHANGE_ID);

    await recordRunEnd(context, endedRun({ approval: { templates: ['prod-change'], changeId: CHANGE_ID } }));

    expect(await context.approvals.changes.get(CHANGE_ID)).toEqual(before);
  });
});
