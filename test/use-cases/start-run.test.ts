// startRun: the parent message first, then the record, its audit entry and its starter; a channel the bot
// cannot post in refuses the run with nothing recorded.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Run } from '../../src/core/run/run.js';
import { type StartRunInput, startRun } from '../../src/use-cases/start-run.js';
import { aRunContext, type TestRunContext } from '../support/run-context-builder.js';
import { aRunPlan, aStartRunInput, OPS_CHANNEL } from '../support/run-request-builder.js';

let context: TestRunContext;
beforeEach(() => {
  context = aRunContext();
});

const input = aStartRunInput;

async function started(given: StartRunInput): Promise<Run> {
  const result = await startRun(context, given);
  if (result.kind !== 'started') throw new Error(`expected a start, got ${result.kind}`);
  return result.run;
}

describe('startRun', () => {
  it('when a multi-account plan starts, then it is posted, stored with every target pending, audited and scheduled', async () => {
    const run = await started(input());

    expect(run.id).toMatch(/^run-[a-z2-9]{8}$/);
    expect(await context.runs.get(run.id)).toEqual(run);
    expect(run).toMatchObject({
      status: 'starting',
      createdAt: '2026-06-02T01:30:00.000Z',
      channelId: OPS_CHANNEL,
      mode: 'multi-account',
      policyRule: 'platform-anything',
    });
    expect(run.children.map((child) => [child.accountName, child.region, child.status])).toEqual([
      ['payments-prod', 'ap-northeast-1', 'Pending'],
      ['payments-staging', 'ap-northeast-1', 'Pending'],
    ]);
    expect(run.approval).toBeUndefined();
    expect(context.notifier.posted.map((posted) => posted.id)).toEqual([run.id]);
    expect((await context.audit.timeline(run.id)).map((entry) => entry.action)).toEqual(['run.requested']);
    expect(context.scheduler.starts).toEqual([{ runId: run.id }]);
  });

  it('when a fan-out plan starts, then its children wait in the queue for the bot to start them', async () => {
    const run = await started(input(aRunPlan({ mode: 'fan-out' })));

    expect(run.children.map((child) => child.status)).toEqual(['Queued', 'Queued']);
  });

  it('when two runs start, then each gets its own id from the injected random bytes', async () => {
    const first = await started(input());
    const second = await started(input());

    expect(second.id).not.toBe(first.id);
    expect(await context.runs.listRecent(10)).toHaveLength(2);
  });

  it('when the bot cannot post in the channel, then the run is refused: nothing stored, audited or scheduled', async () => {
    context.notifier.unavailableChannels.add('G0PRIVATE1');

    expect(await startRun(context, input(aRunPlan(), 'G0PRIVATE1'))).toEqual({
      kind: 'channel-unavailable',
      channelId: 'G0PRIVATE1',
      reason: 'channel_not_found',
    });
    expect(await context.runs.listRecent(10)).toEqual([]);
    expect(await context.audit.list({ limit: 10 })).toEqual([]);
    expect(context.scheduler.starts).toEqual([]);
  });

  it('when Slack is busy or down, then the run starts at once and says its message is pending', async () => {
    context.notifier.slackBusy = true;

    const result = await startRun(context, input());

    if (result.kind !== 'started') throw new Error(`expected a start, got ${result.kind}`);
    expect(result.message).toBe('pending');
    expect(await context.runs.get(result.run.id)).toEqual(result.run);
    expect((await context.audit.timeline(result.run.id)).map((entry) => entry.action)).toEqual([
      'run.requested',
    ]);
    expect(context.scheduler.starts).toEqual([{ runId: result.run.id }]);
  });

  it('when the message cannot even be handed to the outbox, then the fault is raised and nothing is kept', async () => {
    context.notifier.outboxDown = true;

    await expect(startRun(context, input())).rejects.toThrow(/the outbox is down/);

    expect(await context.runs.listRecent(10)).toEqual([]);
    expect(await context.audit.list({ limit: 10 })).toEqual([]);
    expect(context.scheduler.starts).toEqual([]);
  });

  it('when the run is recorded, then its audit entry is already in the trail', async () => {
    const audited: number[] = [];
    const create = context.runs.create.bind(context.runs);
    context.runs.create = async (run) => {
      audited.push((await context.audit.list({ limit: 10 })).length);
      return create(run);
    };

    await started(input());

    expect(audited).toEqual([1]);
  });

  it('when a change starts it, then the run takes the id it was given and names the change', async () => {
    const run = await started({
      ...input(),
      runId: 'run-chg4f7h2',
      change: { id: 'chg-4f7h2k9p', template: 'prod-change' },
    });

    expect(run.id).toBe('run-chg4f7h2');
    expect(run.approval).toEqual({ templates: ['prod-change'], changeId: 'chg-4f7h2k9p' });
  });

  it('when the policy named a change template, then the run records it', async () => {
    const plan = aRunPlan({ policy: { rules: ['a', 'b'], approvalTemplates: ['prod-change'] } });

    const run = await started(input(plan));

    expect(run.approval).toEqual({ templates: ['prod-change'] });
    expect(run.policyRule).toBe('a, b');
  });
});
