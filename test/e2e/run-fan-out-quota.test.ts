// Fan-out against SSM's concurrency quota: an account and region that runs 2 automations and queues none refuses
// the third start with AutomationExecutionLimitExceededException; the bot keeps that child queued and starts it
// again later, so every run succeeds and Slack never shows a failure.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type BotHarness, startBotHarness } from '../support/bot-harness.js';
import { childSummary, newestRunId, requestFanOutInStaging, untilRunEnds } from '../support/run-driving.js';

const ALICE = 'U0REQUEST1';
const OPS = 'C0OPS00001';
let harness: BotHarness;
/** Every run this file started, so the newest message found is always the next run's. */
const seenRuns: string[] = [];
const runInStaging = (instance: number) => requestFanOutInStaging(harness, instance, seenRuns);

beforeAll(async () => {
  harness = await startBotHarness({ automationQuota: { concurrentExecutions: 2, queuedExecutions: 0 } });
});
afterAll(() => harness?.close());

describe('fan-out under the account quota', () => {
  it('when five starts meet a quota of 2 running and 0 queued in one account, then all five succeed and none is reported failed', async () => {
    await harness.sandbox.control.resetCalls();
    const runIds: string[] = [];
    for (let index = 0; index < 5; index++) {
      const sent = await harness.slack.driver.slashCommand({
        userId: ALICE,
        channelId: OPS,
        text: `run AWS-RestartEC2Instance InstanceId=i-0123456789abcde${index}0 --mode fan-out --accounts payments-staging`,
      });
      expect(sent.status).toBe(200);
      runIds.push(await newestRunId(harness, OPS, runIds));
      seenRuns.push(runIds.at(-1)!);
    }
    const finished = [];
    for (const runId of runIds) finished.push(await untilRunEnds(harness, runId, 60_000));
    expect(finished.map((run) => [run.status, ...childSummary(run)])).toEqual(
      runIds.map(() => ['succeeded', 'payments-staging:ap-northeast-1:Success']),
    );
    // The quota was met: some start was refused and tried again.
    const calls = await harness.sandbox.control.calls();
    const starts = calls.rows.filter((row) => row.operation === 'StartAutomationExecution');
    expect(starts.reduce((sum, row) => sum + row.ok, 0)).toBe(5);
    expect(starts.reduce((sum, row) => sum + row.error, 0)).toBeGreaterThan(0);
    const thread = harness.slack
      .messages(OPS)
      .flatMap((parent) => [parent, ...harness.slack.thread(OPS, parent.ts)])
      .map((message) => message.text ?? '');
    expect(thread.filter((text) => /fail|StartFailed|LimitExceeded/i.test(text))).toEqual([]);
  }, 120_000);

  it('when the account stays full, then the waiting run tries again less and less often, and starts once room frees', async () => {
    // Two runs take the account's two slots and hold them: the sandbox clock does not move until settled.
    const holders = [await runInStaging(1), await runInStaging(2)];
    await vi.waitFor(async () => {
      for (const id of holders) expect((await harness.run(id))?.children[0]?.executionId).toBeDefined();
    });
    const waiting = await runInStaging(3);
    // Each refusal records the wait chosen after it (harness backoff: 50 ms doubling to 400 ms, equal jitter).
    const waits = new Map<number, number>();
    await vi.waitFor(
      async () => {
        const wait = (await harness.run(waiting))?.roomWait;
        if (wait) waits.set(wait.refusals, wait.delayMs);
        expect(waits.size).toBeGreaterThanOrEqual(5);
      },
      { timeout: 10_000, interval: 10 },
    );
    // The n-th wait lies in the upper half of min(400, 50 · 2^(n − 1)) ms: they grow to the cap, then stay there.
    for (const [refusals, delayMs] of waits) {
      const ceiling = Math.min(400, 50 * 2 ** (refusals - 1));
      expect({ refusals, delayMs }).toEqual({
        refusals,
        delayMs: expect.toSatisfy((ms: number) => ms >= ceiling / 2 && ms <= ceiling),
      });
    }
    expect(Math.max(...waits.keys())).toBeGreaterThanOrEqual(5);
    // Room frees as the holders end: the waiting run starts, succeeds, and its wait is cleared.
    const finished = await untilRunEnds(harness, waiting, 30_000);
    expect([finished.status, ...childSummary(finished)]).toEqual([
      'succeeded',
      'payments-staging:ap-northeast-1:Success',
    ]);
    expect(finished.roomWait).toBeUndefined();
  }, 60_000);
});
