// cancelRun against the real adapters and the sandbox: who may cancel, what is stopped in AWS, and what the
// worker is asked to do next.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Run } from '../../src/core/run/run.js';
import { cancelRun } from '../../src/use-cases/cancel-run.js';
import { startChildren } from '../../src/use-cases/start-children.js';
import { PEOPLE } from '../support/approval-builders.js';
import { aRun } from '../support/builders.js';
import { aRunContext, type TestRunContext } from '../support/run-context-builder.js';
import { aSubject } from '../support/run-request-builder.js';
import { type SandboxAws, startSandboxAws } from '../support/sandbox-aws.js';

const TOKYO = 'ap-northeast-1';
const HOME = '222222222222';
const REQUESTER = aSubject({ userId: 'U0REQUEST1' });
const OPERATOR = aSubject({ userId: PEOPLE.erin });
const SOMEONE_ELSE = aSubject({ userId: PEOPLE.mallory, userGroupIds: [] });

let aws: SandboxAws;
let context: TestRunContext;
beforeAll(async () => {
  aws = await startSandboxAws();
});
afterAll(() => aws.close());
beforeEach(async () => {
  await aws.reset();
  context = aRunContext(aws.adapters);
});

/** aRun (alice's, two accounts × two regions) started by the starter, its executions under way. */
async function aStartedRun(overrides: Partial<Run> = {}): Promise<Run> {
  const built = aRun(overrides);
  const run =
    built.mode === 'fan-out'
      ? { ...built, children: built.children.map((c) => ({ ...c, status: 'Queued' as const })) }
      : built;
  await context.runs.create(run);
  await startChildren(context, run.id);
  await aws.advance(1);
  context.scheduler.clear();
  return run;
}

const stops = async () => (await aws.sandbox.control.calls()).byOperation['ssm:StopAutomationExecution'] ?? 0;

describe('who may cancel', () => {
  it('when the run does not exist, then it is not found', async () => {
    expect(await cancelRun(context, 'run-missing1', REQUESTER)).toEqual({
      kind: 'not-found',
      id: 'run-missing1',
    });
  });

  it('when the run has ended, then there is nothing to cancel', async () => {
    await context.runs.create(aRun({ status: 'succeeded' }));

    expect((await cancelRun(context, aRun().id, REQUESTER)).kind).toBe('already-finished');
  });

  it('when someone else who is no operator asks, then it is not allowed and nothing is stopped', async () => {
    const run = await aStartedRun({ mode: 'fan-out' });

    expect((await cancelRun(context, run.id, SOMEONE_ELSE)).kind).toBe('not-allowed');

    expect((await context.runs.get(run.id))?.status).toBe('running');
    expect(await stops()).toBe(0);
    expect(await context.audit.timeline(run.id)).toEqual([]);
  });

  it.each([
    ['running', {}],
    ['ended', { status: 'succeeded' as const }],
  ])(
    'when someone the %s run does not concern asks from elsewhere, then it is not found, as an unknown id',
    async (_, overrides) => {
      const run = aRun(overrides);
      await context.runs.create(run);
      const stranger = { ...SOMEONE_ELSE, channelId: 'C0ELSEWHR1' };

      expect(await cancelRun(context, run.id, stranger)).toEqual({ kind: 'not-found', id: run.id });
      expect((await context.runs.get(run.id))?.status).toBe(run.status);
    },
  );

  it('when an operator asks for someone else’s run, then it is cancelled', async () => {
    const run = await aStartedRun({ mode: 'fan-out' });

    const result = await cancelRun(context, run.id, OPERATOR);

    expect(result.kind).toBe('cancelled');
    expect((await context.runs.get(run.id))?.cancelledBy).toBe(PEOPLE.erin);
  });
});

describe('what a cancel does', () => {
  it('when a fan-out run is cancelled, then each execution is stopped where it runs and the worker looks again', async () => {
    const run = await aStartedRun({ mode: 'fan-out' });

    const result = await cancelRun(context, run.id, REQUESTER);

    expect(result).toMatchObject({ kind: 'cancelled', stopped: 4, failures: [] });
    await aws.sandbox.control.settle();
    for (const child of run.children) {
      expect(aws.executions(child.accountId, child.region).map((e) => e.status)).toEqual(['Cancelled']);
    }
    expect((await context.runs.get(run.id))?.status).toBe('cancelling');
    expect(context.scheduler.starts).toEqual([{ runId: run.id }]);
    expect(context.scheduler.polledPlaces()).toEqual([
      '333333333301:ap-northeast-1',
      '333333333301:us-east-1',
      '444444444401:ap-northeast-1',
      '444444444401:us-east-1',
    ]);
    expect(await context.audit.timeline(run.id)).toHaveLength(1);
  });

  it('when a multi-account run is cancelled, then its parent is stopped at home, which stops every child', async () => {
    const run = await aStartedRun();

    const result = await cancelRun(context, run.id, REQUESTER);

    expect(result).toMatchObject({ kind: 'cancelled', stopped: 4, failures: [] });
    expect(await stops()).toBe(1);
    await aws.sandbox.control.settle();
    expect(aws.executions(HOME, TOKYO).map((e) => e.status)).toEqual(['Cancelled']);
    expect(context.scheduler.polledPlaces()[0]).toBe(`${HOME}:${TOKYO}`);
  });

  it('when AWS refuses to stop an execution that already ended, then the refusal is reported and the rest stop', async () => {
    const run = await aStartedRun({ mode: 'fan-out' });
    const first = run.children[0]!;
    const ended = aws.executions(first.accountId, first.region)[0]!;
    await aws.adapters.automation.stop({
      executionId: ended.id,
      accountId: first.accountId,
      region: first.region,
    });
    await aws.sandbox.control.settle(1);

    const result = await cancelRun(context, run.id, REQUESTER);

    expect(result).toMatchObject({ kind: 'cancelled', stopped: 3 });
    expect(result.kind === 'cancelled' && result.failures.map((f) => [f.accountId, f.region])).toEqual([
      [first.accountId, first.region],
    ]);
  });

  it('when it is cancelled twice, then the second changes nothing and stops nothing', async () => {
    const run = await aStartedRun({ mode: 'fan-out' });
    await cancelRun(context, run.id, REQUESTER);
    const stopsAfterFirst = await stops();

    const again = await cancelRun(context, run.id, OPERATOR);

    expect(again.kind).toBe('already-finished');
    expect(await stops()).toBe(stopsAfterFirst);
    expect((await context.runs.get(run.id))?.cancelledBy).toBe(REQUESTER.userId);
    expect(await context.audit.timeline(run.id)).toHaveLength(1);
  });
});
