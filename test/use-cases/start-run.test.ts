// startRun: the run is recorded before anything else, its parent message posted, and its starter scheduled.
import { beforeEach, describe, expect, it } from 'vitest';
import { startRun } from '../../src/use-cases/start-run.js';
import { aRunContext, type TestRunContext } from '../support/run-context-builder.js';
import { anAsker, aRunPlan, OPS_CHANNEL, someTargets } from '../support/run-request-builder.js';

let context: TestRunContext;
beforeEach(() => {
  context = aRunContext();
});

const input = (plan = aRunPlan()) => ({
  plan,
  requester: anAsker().requester,
  channelId: OPS_CHANNEL,
  requested: someTargets(),
});

describe('startRun', () => {
  it('when a multi-account plan starts, then the run is stored with every target pending and its starter is scheduled', async () => {
    const run = await startRun(context, input());

    expect(run.id).toMatch(/^run-[a-z2-9]{8}$/);
    expect(await context.runs.get(run.id)).toEqual(run);
    expect(run).toMatchObject({
      status: 'starting',
      createdAt: '2026-06-02T01:30:00.000Z',
      channelId: OPS_CHANNEL,
      mode: 'multi-account',
      policyRule: 'platform-anything',
      slack: { parentTs: '1700000000.000001' },
    });
    expect(run.children.map((child) => [child.accountName, child.region, child.status])).toEqual([
      ['payments-prod', 'ap-northeast-1', 'Pending'],
      ['payments-staging', 'ap-northeast-1', 'Pending'],
    ]);
    expect(run.approval).toBeUndefined();
    expect(context.notifier.posted.map((posted) => posted.id)).toEqual([run.id]);
    expect(context.scheduler.starts).toEqual([{ runId: run.id }]);
  });

  it('when a fan-out plan starts, then its children wait in the queue for the bot to start them', async () => {
    const run = await startRun(context, input(aRunPlan({ mode: 'fan-out' })));

    expect(run.children.map((child) => child.status)).toEqual(['Queued', 'Queued']);
  });

  it('when two runs start, then each gets its own id from the injected random bytes', async () => {
    const first = await startRun(context, input());
    const second = await startRun(context, input());

    expect(second.id).not.toBe(first.id);
    expect(await context.runs.listRecent(10)).toHaveLength(2);
  });

  it('when Slack is down, then the run is still recorded and handed to the starter, and the failure is raised', async () => {
    context.notifier.slackDown = true;

    await expect(startRun(context, input())).rejects.toThrow(/slack is down/);

    const [run] = await context.runs.listRecent(10);
    expect(run?.slack.parentTs).toBeUndefined();
    expect(context.scheduler.starts).toEqual([{ runId: run?.id }]);
  });

  it('when a change starts it, then the run takes the id it was given and names the change', async () => {
    const run = await startRun(context, {
      ...input(),
      runId: 'run-chg4f7h2',
      change: { id: 'chg-4f7h2k9p', template: 'prod-change' },
    });

    expect(run.id).toBe('run-chg4f7h2');
    expect(run.approval).toEqual({ templates: ['prod-change'], changeId: 'chg-4f7h2k9p' });
  });

  it('when the policy named a change template, then the run records it', async () => {
    const plan = aRunPlan({ policy: { rules: ['a', 'b'], approvalTemplates: ['prod-change'] } });

    const run = await startRun(context, input(plan));

    expect(run.approval).toEqual({ templates: ['prod-change'] });
    expect(run.policyRule).toBe('a, b');
  });
});
