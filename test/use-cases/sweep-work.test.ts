// sweepWork: every followed place gets a poll job, every run with something left to start gets a starter, and
// entries of runs that ended or are gone are let go.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Run } from '../../src/core/run/run.js';
import { sweepWork } from '../../src/use-cases/sweep-work.js';
import { aRun } from '../support/builders.js';
import { aRunContext, type TestRunContext } from '../support/run-context-builder.js';

const PAYMENTS = { accountId: '333333333301', region: 'ap-northeast-1' };
const STAGING = { accountId: '444444444401', region: 'ap-northeast-1' };
const SLOW_MS = 60_000;

let context: TestRunContext;
beforeEach(() => {
  context = aRunContext();
});

async function followed(run: Run, place = PAYMENTS, executionId = `exec-${run.id}`) {
  await context.runs.create(run);
  await context.tracker.track(place, [{ kind: 'execution', executionId, runId: run.id }]);
}

describe('the places followed', () => {
  it('when a place follows a running run, then it gets a poll within the slow interval', async () => {
    await followed(aRun({ id: 'run-running1', status: 'running', parentExecutionId: 'p' }));

    expect(await sweepWork(context)).toEqual({ locations: 1, runs: 0 });

    expect(context.scheduler.polls).toEqual([{ location: PAYMENTS, delayMs: SLOW_MS }]);
    expect(await context.tracker.entries(PAYMENTS)).toHaveLength(1);
  });

  it('when a place follows only runs that ended or are gone, then they are let go and it is not polled', async () => {
    await followed(aRun({ id: 'run-finished', status: 'succeeded' }));
    await context.tracker.track(PAYMENTS, [
      { kind: 'execution', executionId: 'exec-gone', runId: 'run-gone0001' },
    ]);

    await sweepWork(context);

    expect(await context.tracker.entries(PAYMENTS)).toEqual([]);
    expect(context.scheduler.polls).toEqual([]);
  });

  it('when a place follows an ended run and a running one, then only the ended one is let go', async () => {
    await followed(aRun({ id: 'run-finished', status: 'failed' }), STAGING);
    await followed(aRun({ id: 'run-running1', status: 'running', parentExecutionId: 'p' }), STAGING);

    await sweepWork(context);

    expect((await context.tracker.entries(STAGING)).map((entry) => entry.runId)).toEqual(['run-running1']);
    expect(context.scheduler.polls).toEqual([{ location: STAGING, delayMs: SLOW_MS }]);
  });
});

describe('the runs waiting to start', () => {
  const queued = (run: Run): Run => ({
    ...run,
    children: run.children.map((child, index) => (index === 0 ? { ...child, status: 'Queued' } : child)),
  });

  it.each([
    ['a fan-out run with queued children', queued(aRun({ mode: 'fan-out', status: 'running' }))],
    ['a multi-account run whose parent never started', aRun({ status: 'starting' })],
  ])('when there is %s, then it gets a starter within the slow interval', async (_, run) => {
    await context.runs.create(run);

    expect(await sweepWork(context)).toEqual({ locations: 0, runs: 1 });

    expect(context.scheduler.starts).toEqual([{ runId: run.id, delayMs: SLOW_MS }]);
  });

  it('when a fan-out run backs off for room past the slow interval, then its starter is due when the backoff ends, not sooner', async () => {
    const nextTryAt = new Date(context.now().getTime() + 240_000).toISOString();
    const run = queued(aRun({ mode: 'fan-out', status: 'running' }));
    await context.runs.create({
      ...run,
      roomWait: { since: context.now().toISOString(), refusals: 6, delayMs: 240_000, nextTryAt },
    });

    await sweepWork(context);

    expect(context.scheduler.starts).toEqual([{ runId: run.id, delayMs: 240_000 }]);
  });

  it.each([
    ['a multi-account run whose parent started', aRun({ status: 'running', parentExecutionId: 'exec-p' })],
    ['a run that ended', queued(aRun({ mode: 'fan-out', status: 'cancelled' }))],
  ])('when there is %s, then it gets no starter', async (_, run) => {
    await context.runs.create(run);

    expect(await sweepWork(context)).toEqual({ locations: 0, runs: 0 });

    expect(context.scheduler.starts).toEqual([]);
  });

  it('when a waiting run is older than 500 newer finished runs, then it still gets a starter', async () => {
    const waiting = aRun({ id: 'run-waiting1', status: 'starting' });
    await context.runs.create(waiting);
    for (let n = 0; n < 501; n++) {
      const createdAt = new Date(Date.parse(waiting.createdAt) + (n + 1) * 1000).toISOString();
      await context.runs.create(
        aRun({
          id: `run-done${String(n).padStart(4, '0')}`,
          status: 'succeeded',
          createdAt,
          updatedAt: createdAt,
        }),
      );
    }

    expect(await sweepWork(context)).toEqual({ locations: 0, runs: 1 });

    expect(context.scheduler.starts).toEqual([{ runId: 'run-waiting1', delayMs: SLOW_MS }]);
  });
});
