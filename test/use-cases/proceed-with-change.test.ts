// proceedWithChange: an approved change starts its run once, under an id derived from the change, however often
// and however concurrently it is asked; a change that is not approved starts nothing; a claimed start that
// never made its run is finished; a held change whose calendar opened goes ahead.
// (Waiting for another change's locks, a CLOSED calendar and an unpostable channel: decide-change.test.ts.)
import { beforeEach, describe, expect, it } from 'vitest';
import type { ChangeRequest } from '../../src/core/approval/change-request.js';
import type { ChangeCalendar } from '../../src/ports.js';
import { proceedWithChange } from '../../src/use-cases/proceed-with-change.js';
import { aChangeTemplate, PEOPLE } from '../support/approval-builders.js';
import { aRunContext, type TestRunContext } from '../support/run-context-builder.js';
import { anApprovedChange } from '../support/stored-change-builder.js';

const ID = 'chg-4f7h2k9p';
const RUN_ID = 'run-4f7h2k9p';

let context: TestRunContext;
const given = async (request: Partial<ChangeRequest> = {}, calendar?: ChangeCalendar) => {
  context = aRunContext({ templates: [aChangeTemplate()], ...(calendar && { calendar }) });
  await context.approvals.changes.create(anApprovedChange({ request }));
};
beforeEach(() => given());

const change = async () => (await context.approvals.changes.get(ID))!.request;
const actions = async () => (await context.audit.timeline(ID)).map((entry) => entry.action);

describe('proceedWithChange', () => {
  it('when an approved change proceeds, then its run is recorded under the change, audited, scheduled and announced', async () => {
    const result = await proceedWithChange(context, ID);

    expect(result).toMatchObject({ kind: 'started', run: { id: RUN_ID } });
    expect(await change()).toMatchObject({ status: 'started', runId: RUN_ID });
    expect(await context.runs.get(RUN_ID)).toMatchObject({
      runbook: { name: 'AWS-RestartEC2Instance' },
      channelId: 'C0OPS00001',
      requester: { userId: 'U0REQUEST1' },
      // Who approved, in the order they voted: the run's message names them.
      approval: { templates: ['prod-change'], changeId: ID, approvedBy: [PEOPLE.bob, PEOPLE.carol] },
      status: 'starting',
    });
    expect(context.scheduler.starts).toEqual([{ runId: RUN_ID }]);
    expect(await context.audit.timeline(RUN_ID)).toEqual([
      expect.objectContaining({
        action: 'run.started',
        actor: { kind: 'system', name: 'ssm-chatops' },
        subject: { changeId: ID, runId: RUN_ID },
        template: 'prod-change',
      }),
    ]);
    expect(context.approvals.notifier.notes.map(({ note }) => note)).toEqual([
      { kind: 'run-started', runId: RUN_ID, channelId: 'C0OPS00001' },
    ]);
  });

  it('when it is asked again after the start, then nothing more is started, audited or scheduled', async () => {
    await proceedWithChange(context, ID);

    expect(await proceedWithChange(context, ID)).toEqual({ kind: 'nothing-to-do' });
    expect(await context.runs.listRecent(10)).toHaveLength(1);
    expect(context.scheduler.starts).toHaveLength(1);
    expect(await actions()).toEqual(['run.started']);
  });

  it('when ten callers race (the click and the sweep), then exactly one run starts', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => proceedWithChange(context, ID)));

    expect(results.filter((result) => result.kind === 'started')).toHaveLength(1);
    expect(await context.runs.listRecent(10)).toHaveLength(1);
    expect(context.scheduler.starts).toEqual([{ runId: RUN_ID }]);
    expect(await actions()).toEqual(['run.started']);
  });

  it.each(['pending', 'rejected', 'withdrawn', 'expired'] as const)(
    'when the change is %s, then nothing starts',
    async (status) => {
      await given({ status });

      expect(await proceedWithChange(context, ID)).toEqual({ kind: 'nothing-to-do' });
      expect(await context.runs.listRecent(10)).toEqual([]);
      expect(context.scheduler.starts).toEqual([]);
      expect((await change()).status).toBe(status);
    },
  );

  it('when there is no such change, then nothing starts', async () => {
    expect(await proceedWithChange(context, 'chg-zzzzzzzz')).toEqual({ kind: 'nothing-to-do' });
    expect(await context.runs.listRecent(10)).toEqual([]);
  });

  it('when the start was claimed but the run never recorded (a crash in between), then the run is started now', async () => {
    await given({ status: 'started', runId: RUN_ID, startedAt: '2026-06-02T02:00:00.000Z', version: 4 });

    expect(await proceedWithChange(context, ID)).toMatchObject({ kind: 'started', run: { id: RUN_ID } });
    expect(await context.runs.get(RUN_ID)).toMatchObject({ approval: { changeId: ID } });
    expect(context.scheduler.starts).toEqual([{ runId: RUN_ID }]);
  });

  it('when a claimed start is resumed twice at once (the click and the sweep), then one run starts and neither fails', async () => {
    await given({ status: 'started', runId: RUN_ID, startedAt: '2026-06-02T02:00:00.000Z', version: 4 });

    const results = await Promise.all([proceedWithChange(context, ID), proceedWithChange(context, ID)]);

    expect(results.map((result) => result.kind).sort()).toEqual(['nothing-to-do', 'started']);
    expect(await context.runs.listRecent(10)).toHaveLength(1);
    expect(context.scheduler.starts).toEqual([{ runId: RUN_ID }]);
    expect(await actions()).toEqual(['run.started']);
  });

  it('when a held change’s calendar has opened, then it is released and started', async () => {
    const asked: string[][] = [];
    const open: ChangeCalendar = {
      state: async (calendars) => {
        asked.push([...calendars]);
        return { state: 'OPEN', calendars: [...calendars] };
      },
      outlook: async (calendar) => ({ calendar, state: 'OPEN' }),
    };
    await given(
      {
        status: 'held',
        calendar: { state: 'CLOSED', calendars: ['ProductionFreeze'] },
        held: { at: '2026-06-02T02:00:00.000Z' },
      },
      open,
    );

    expect(await proceedWithChange(context, ID)).toMatchObject({ kind: 'started' });
    expect(asked).toEqual([['ProductionFreeze']]);
    expect(await change()).toMatchObject({ status: 'started', runId: RUN_ID });
    expect(await actions()).toEqual(['change.released', 'run.started']);
  });
});
