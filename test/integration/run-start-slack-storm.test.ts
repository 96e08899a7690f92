// Starting a run while Slack answers 429: the start does not wait on Slack, the parent message is posted once
// (whoever asks for it and in whatever order the retries land), and it ends in the run's final state. Real
// Redis, real BullMQ outbox workers, the real WebClient against the Slack emulator with forced 429s.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Run } from '../../src/core/run/run.js';
import { SlackRunNotifier } from '../../src/slack/slack-run-notifier.js';
import { type StartRunInput, startRun } from '../../src/use-cases/start-run.js';
import { type OutboxRig, startOutboxRig } from '../contract/slack-outbox-harness.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { aRunContext, type TestRunContext } from '../support/run-context-builder.js';
import { anAsker, aRunPlan, OPS_CHANNEL, someTargets } from '../support/run-request-builder.js';

let redis: TestRedis;
let rig: OutboxRig;
let context: TestRunContext;
let notifier: SlackRunNotifier;

beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(() => redis.stop());

beforeEach(async () => {
  rig = await startOutboxRig(redis, { rateLimits: 'off' });
  notifier = new SlackRunNotifier(rig.outbox);
  context = aRunContext();
  context.notifier = notifier as unknown as TestRunContext['notifier'];
});
afterEach(() => rig.close());

const input = (runId?: string): StartRunInput => ({
  plan: aRunPlan(),
  requester: anAsker().requester,
  channelId: OPS_CHANNEL,
  requested: someTargets(),
  ...(runId ? { runId } : {}),
  audit: (run) => ({
    action: 'run.requested',
    actor: { kind: 'user', userId: 'U0REQUEST1' },
    subject: { runId: run.id },
    runbook: run.runbook.name,
  }),
});

/** Slack answers 429 (Retry-After: 1 s) to the next `count` chat.postMessage calls. */
const storm = (count: number) =>
  rig.emulator.forceRateLimit({ method: 'chat.postMessage', count, retryAfterSeconds: 1 });

/** Top-level messages about the run, however they were posted. */
const parentsOf = (run: Pick<Run, 'id'>) =>
  rig.emulator.messages(OPS_CHANNEL).filter((message) => message.text?.includes(run.id));

describe('starting a run while Slack rate-limits chat.postMessage', () => {
  it('when the parent cannot be posted yet, then the run is recorded and started without waiting for Slack', async () => {
    storm(3);

    const result = await startRun(context, input());

    if (result.kind !== 'started') throw new Error(`expected a start, got ${result.kind}`);
    // Resolved while Slack still refuses: nothing is shown yet, but the run exists and its starter is queued.
    expect(parentsOf(result.run)).toEqual([]);
    expect(await context.runs.get(result.run.id)).toBeDefined();
    expect(context.scheduler.starts).toEqual([{ runId: result.run.id }]);
    const shown = await rig.emulator.waitFor(() => parentsOf(result.run)[0], {
      description: 'the parent once Slack allows',
      timeoutMs: 15_000,
    });
    expect(shown.text).toContain(result.run.id);
  });

  it('when two starts of one run race through the storm and the run ends, then Slack shows one parent, final', async () => {
    storm(4);
    const runId = 'run-stormy01';

    // A change's approval click and the minute sweep both resume the same claimed start.
    const results = await Promise.allSettled([
      startRun(context, input(runId)),
      startRun(context, input(runId)),
    ]);
    const run = await context.runs.get(runId);
    if (!run) throw new Error(`no run recorded; starts: ${JSON.stringify(results)}`);
    const finished: Run = {
      ...run,
      status: 'succeeded',
      revision: run.revision + 1,
      children: run.children.map((child) => ({ ...child, status: 'Success' })),
    };
    await notifier.showRun(finished);

    await rig.emulator.waitFor(() => parentsOf(run).find((message) => message.text?.includes('Succeeded')), {
      description: 'the parent in its final state',
      timeoutMs: 20_000,
    });
    await rig.settled();
    expect(parentsOf(run)).toHaveLength(1);
  });
});
