// Fan-out against SSM's concurrency quota: an account and region that runs 2 automations and queues none refuses
// the third start with AutomationExecutionLimitExceededException; the bot keeps that child queued and starts it
// again later, so every run succeeds and Slack never shows a failure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BotHarness, startBotHarness } from '../support/bot-harness.js';
import { childSummary, newestRunId, untilRunEnds } from '../support/run-driving.js';

const ALICE = 'U0REQUEST1';
const OPS = 'C0OPS00001';
let harness: BotHarness;

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
});
