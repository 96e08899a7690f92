// A start cut short between its parent message and its record (a fault there, or a crash) must not leave a
// "Starting" message that nothing edits again: the minute sweep closes it. Real Redis (the start ledger and the
// outbox), real BullMQ outbox workers, the real WebClient against the Slack emulator.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RunMessageKey, SlackRunNotifier } from '../../src/slack/slack-run-notifier.js';
import { RedisRunStarts } from '../../src/store/redis-run-starts.js';
import { closeCutShortStarts, START_CUT_SHORT_AFTER_MS } from '../../src/use-cases/close-cut-short-starts.js';
import { startRun } from '../../src/use-cases/start-run.js';
import { messagesWithKey, type OutboxRig, startOutboxRig } from '../contract/slack-outbox-harness.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { aRunContext, type TestRunContext } from '../support/run-context-builder.js';
import { aStartRunInput, OPS_CHANNEL } from '../support/run-request-builder.js';

let redis: TestRedis;
let rig: OutboxRig;
let context: Omit<TestRunContext, 'starts'> & { starts: RedisRunStarts };

beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(() => redis.stop());

beforeEach(async () => {
  rig = await startOutboxRig(redis, { rateLimits: 'off' });
  const base = aRunContext();
  context = {
    ...base,
    notifier: new SlackRunNotifier(rig.outbox) as unknown as TestRunContext['notifier'],
    starts: new RedisRunStarts(redis.client(), `test:${randomUUID()}:`, base.now),
  };
});
afterEach(() => rig.close());

const input = aStartRunInput();

/** The run's parent messages in Slack, found by the outbox's metadata key. */
const parentsOf = (runId: string) =>
  messagesWithKey(rig.emulator, RunMessageKey.parent({ id: runId }), OPS_CHANNEL);

/** The id of the one run Slack shows (the test starts one run per channel). */
function theShownRunId(): string {
  const [top, ...others] = rig.emulator.messages(OPS_CHANNEL);
  const runId = JSON.stringify(top ?? '').match(/run-[a-z0-9]{8}/)?.[0];
  if (!runId || others.length > 0) throw new Error('expected one run message in the channel');
  return runId;
}

describe('a start cut short after its parent message was posted', () => {
  it('when recording the run fails, then the sweep edits its "Starting" message to say it did not start', async () => {
    context.runs.create = async () => {
      throw new Error('Redis went away (injected between the post and the record)');
    };

    await expect(startRun(context, input)).rejects.toThrow(/injected/);
    const runId = theShownRunId();
    const [starting] = parentsOf(runId);
    expect(starting?.attachments?.[0]).toBeDefined();
    expect(JSON.stringify(starting)).toMatch(/Starting/);
    expect(context.scheduler.starts).toEqual([]);

    // Too early, the start may still be going: the sweep leaves it alone.
    expect(await closeCutShortStarts(context)).toEqual({ closed: 0 });
    context.clock.advance(START_CUT_SHORT_AFTER_MS + 1);
    expect(await closeCutShortStarts(context)).toEqual({ closed: 1 });

    const closed = await rig.emulator.waitFor(
      () => parentsOf(runId).find((message) => JSON.stringify(message).includes('did not start')),
      { description: 'the parent saying the run did not start', timeoutMs: 15_000 },
    );
    await rig.settled();
    expect(parentsOf(runId)).toEqual([closed]);
    expect(JSON.stringify(closed)).not.toMatch(/Starting/);
    expect(await context.starts.unsettled(new Date(8.64e15), 10)).toEqual([]);
  });

  it('when the run was recorded before the crash, then the sweep leaves its message to the run', async () => {
    // The process died after the record, before it settled the start: the entry stays on the ledger.
    const settle = context.starts.settle.bind(context.starts);
    context.starts.settle = async () => {};
    expect((await startRun(context, input)).kind).toBe('started');
    context.starts.settle = settle;
    const runId = theShownRunId();
    expect(await context.runs.get(runId)).toBeDefined();

    context.clock.advance(START_CUT_SHORT_AFTER_MS + 1);
    expect(await closeCutShortStarts(context)).toEqual({ closed: 0 });
    await rig.settled();
    expect(parentsOf(runId).map((message) => JSON.stringify(message))).toEqual([
      expect.stringMatching(/Starting/),
    ]);
    expect(await context.starts.unsettled(new Date(8.64e15), 10)).toEqual([]);
  });

  it('when the start completes, then nothing is left on the ledger', async () => {
    const result = await startRun(context, input);
    expect(result.kind).toBe('started');
    expect(await context.starts.unsettled(new Date(8.64e15), 10)).toEqual([]);
  });
});
