// `/ssm run` in multi-account mode, end to end: Slack emulator → signed request → Bolt → policy → Redis →
// one StartAutomationExecution with TargetLocations in the sandbox → worker → thread replies in Slack.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BotHarness, startBotHarness } from '../support/bot-harness.js';
import { isFileShare, untilRunEnds } from '../support/run-driving.js';

const ALICE = 'U0REQUEST1';
const OPS = 'C0OPS00001';
let harness: BotHarness;

beforeAll(async () => {
  harness = await startBotHarness();
});
afterAll(() => harness?.close());

async function runIdFromChannel(): Promise<string> {
  const message = await harness.slack.waitFor((slack) =>
    slack.messages(OPS).find((candidate) => /run-[a-z2-9]{8}/.test(candidate.text ?? '')),
  );
  return /run-[a-z2-9]{8}/.exec(message.text ?? '')![0];
}

describe('a multi-account run from a slash command', () => {
  it('when alice runs a runbook on two accounts and two regions, then one execution with TargetLocations starts and every child is reported in the thread', async () => {
    await harness.sandbox.control.resetCalls();
    const sent = await harness.slack.driver.slashCommand({
      userId: ALICE,
      channelId: OPS,
      text: 'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --accounts payments-prod,333333333302 --regions ap-northeast-1,us-east-1 --reason "kernel patch"',
    });
    expect(sent.status).toBe(200);

    const runId = await runIdFromChannel();
    const run = await untilRunEnds(harness, runId);
    expect(run.status).toBe('succeeded');
    expect(run.mode).toBe('multi-account');
    expect(run.parentExecutionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(
      run.children.map((child) => `${child.accountName}:${child.region}:${child.status}`).sort(),
    ).toEqual([
      'identity-prod:ap-northeast-1:Success',
      'identity-prod:us-east-1:Success',
      'payments-prod:ap-northeast-1:Success',
      'payments-prod:us-east-1:Success',
    ]);

    // One start, from the operations account, carrying every location; no fan-out by the bot.
    const starts = (await harness.sandbox.control.calls()).rows.filter(
      (row) => row.operation === 'StartAutomationExecution',
    );
    expect(starts).toEqual([
      expect.objectContaining({ accountId: '222222222222', region: 'ap-northeast-1', ok: 1 }),
    ]);

    const parent = harness.slack.messages(OPS).find((message) => message.text?.includes(runId))!;
    const thread = await harness.slack.waitFor((slack) => {
      const replies = slack
        .thread(OPS, parent.ts)
        .slice(1)
        .filter((reply) => !isFileShare(reply));
      return replies.length === 4 && replies.every((reply) => reply.text?.includes('Success'))
        ? replies
        : undefined;
    });
    expect(thread.map((reply) => reply.text).join('\n')).toContain('payments-prod');
    await harness.slack.waitFor((slack) =>
      slack
        .messages(OPS)
        .find((message) => message.ts === parent.ts && /succeeded/i.test(message.text ?? '')),
    );
  });
});
