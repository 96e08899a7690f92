// Fan-out against an account that stays full: past the longest wait for room (here 1 s, by default
// FAN_OUT_MAX_QUEUED_MINUTES = 6 h) the waiting child is reported failed, and Slack says which quota held it.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type BotHarness, startBotHarness } from '../support/bot-harness.js';
import { childSummary, requestFanOutInStaging, untilRunEnds } from '../support/run-driving.js';

const OPS = 'C0OPS00001';
let harness: BotHarness;
const seenRuns: string[] = [];

beforeAll(async () => {
  harness = await startBotHarness({
    automationQuota: { concurrentExecutions: 1, queuedExecutions: 0 },
    roomBackoff: { firstDelayMs: 50, maxDelayMs: 200, maxWaitMs: 1_000 },
  });
});
afterAll(() => harness?.close());

const runInStaging = (instance: number) => requestFanOutInStaging(harness, instance, seenRuns);

describe('fan-out that waits too long for room', () => {
  it('when the account stays full past the longest wait, then the waiting child fails naming the quota, and the holder is untouched', async () => {
    const holder = await runInStaging(1);
    await vi.waitFor(async () => expect((await harness.run(holder))?.children[0]?.executionId).toBeDefined());
    const waiting = await runInStaging(2);

    // The sandbox clock stands still: the holder keeps the only slot until the test settles it.
    await vi.waitFor(async () => expect((await harness.run(waiting))?.status).toBe('failed'), {
      timeout: 15_000,
      interval: 50,
    });
    const failed = (await harness.run(waiting))!;
    expect(childSummary(failed)).toEqual(['payments-staging:ap-northeast-1:StartFailed']);
    expect(failed.children[0]?.failure?.message).toMatch(
      /^Not started: waited 1 s for room and SSM's quota of concurrent Automation executions in this account and region stayed full \(AutomationExecutionLimitExceededException: /,
    );
    const parent = await harness.slack.waitFor((slack) =>
      slack.messages(OPS).find((message) => message.text?.includes(waiting)),
    );
    await harness.slack.waitFor(
      (slack) =>
        [parent, ...slack.thread(OPS, parent.ts)].find((message) =>
          JSON.stringify(message).includes('quota of concurrent Automation executions'),
        ),
      { timeoutMs: 30_000, description: 'the failure, naming the quota, in the run thread' },
    );
    expect((await untilRunEnds(harness, holder)).status).toBe('succeeded');
  }, 90_000);
});
