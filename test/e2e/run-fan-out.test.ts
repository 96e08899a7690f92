// `/ssm run --mode fan-out`, end to end: the worker assumes the fan-out role in each account (with the
// ExternalId), starts one execution per account and region with a derived ClientToken, and enforces the
// run's concurrency and error threshold itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BotHarness, startBotHarness } from '../support/bot-harness.js';
import { childSummary, newestRunId, untilRunEnds } from '../support/run-driving.js';

const ALICE = 'U0REQUEST1';
const OPS = 'C0OPS00001';
let harness: BotHarness;
const seen: string[] = [];

beforeAll(async () => {
  harness = await startBotHarness();
});
afterAll(() => harness?.close());

async function run(text: string) {
  const sent = await harness.slack.driver.slashCommand({ userId: ALICE, channelId: OPS, text });
  expect(sent.status).toBe(200);
  const id = await newestRunId(harness, OPS, seen);
  seen.push(id);
  return id;
}

describe('fan-out runs', () => {
  it('when three accounts in two regions run with concurrency 2, then six executions start in their own accounts, never more than two at once', async () => {
    await harness.sandbox.control.resetCalls();
    const runId = await run(
      'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --mode fan-out --ou ou-sbx1-prod0001 --regions ap-northeast-1,us-east-1 --concurrency 2',
    );
    const finished = await untilRunEnds(harness, runId);
    expect(finished.status).toBe('succeeded');
    expect(childSummary(finished)).toEqual([
      'identity-prod:ap-northeast-1:Success',
      'identity-prod:us-east-1:Success',
      'payments-prod:ap-northeast-1:Success',
      'payments-prod:us-east-1:Success',
      'search-prod:ap-northeast-1:Success',
      'search-prod:us-east-1:Success',
    ]);
    const calls = await harness.sandbox.control.calls();
    const starts = calls.rows.filter((row) => row.operation === 'StartAutomationExecution');
    // Each start happened inside the member account, in its region, exactly once.
    expect(starts.map((row) => `${row.accountId}:${row.region}:${row.ok}`).sort()).toEqual([
      '333333333301:ap-northeast-1:1',
      '333333333301:us-east-1:1',
      '333333333302:ap-northeast-1:1',
      '333333333302:us-east-1:1',
      '333333333303:ap-northeast-1:1',
      '333333333303:us-east-1:1',
    ]);
    // One AssumeRole per account, reused for both regions and every later read.
    const assumes = calls.rows.filter((row) => row.operation === 'AssumeRole');
    expect(assumes.reduce((sum, row) => sum + row.ok, 0)).toBeLessThanOrEqual(6);
    // The concurrency held: start times never overlap more than two running children.
    const windows = finished.children.map((child) => [
      Date.parse(child.startedAt!),
      Date.parse(child.endedAt!),
    ]);
    for (const [start] of windows) {
      const running = windows.filter(([from, to]) => from! <= start! && start! < to!).length;
      expect(running).toBeLessThanOrEqual(2);
    }
  });

  it('when an account lacks the fan-out role, then that account reports the AssumeRole failure and the others go on', async () => {
    const runId = await run(
      'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --mode fan-out --accounts payments-staging,identity-staging --max-errors 1',
    );
    const finished = await untilRunEnds(harness, runId);
    expect(finished.status).toBe('completed-with-errors');
    expect(childSummary(finished)).toEqual([
      'identity-staging:ap-northeast-1:StartFailed',
      'payments-staging:ap-northeast-1:Success',
    ]);
    const failed = finished.children.find((child) => child.accountName === 'identity-staging')!;
    expect(failed.failure?.message).toMatch(/AssumeRole arn:aws:iam::444444444402:role\/SsmChatOpsExecution/);
    const parent = harness.slack.messages(OPS).find((message) => message.text?.includes(runId))!;
    // The thread gets identity-staging's reply, payments-staging's and the failure notice, in whatever order
    // the outbox delivers them: wait for the failed account's own reply.
    const failedReply = await harness.slack.waitFor((slack) =>
      slack
        .thread(OPS, parent.ts)
        .slice(1)
        .find((reply) => reply.text?.includes('identity-staging') && !reply.text.includes('start failed')),
    );
    expect(JSON.stringify(failedReply.blocks)).toContain('AccessDenied');
  });

  it('when a step fails with max-errors 0 and concurrency 1, then the remaining accounts are skipped', async () => {
    await harness.sandbox.control.addFault({
      kind: 'step-failure',
      documentName: 'AWS-RestartEC2Instance',
      stepName: 'startInstances',
      accountId: '555555555501',
    });
    const runId = await run(
      'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --mode fan-out --accounts dev-shared,data-dev,log-archive --concurrency 1 --max-errors 0',
    );
    const finished = await untilRunEnds(harness, runId);
    await harness.sandbox.control.clearFaults();
    expect(finished.status).toBe('completed-with-errors');
    // Sorted by name, dev-shared (which fails) starts second: data-dev has run, log-archive never starts.
    expect(childSummary(finished)).toEqual([
      'data-dev:ap-northeast-1:Success',
      'dev-shared:ap-northeast-1:Failed',
      'log-archive:ap-northeast-1:Skipped',
    ]);
    expect(
      finished.children.find((child) => child.accountName === 'dev-shared')?.failure?.message,
    ).toBeTruthy();
  });
});
