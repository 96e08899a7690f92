// The seed's two complaints, answered in Slack for both modes: every member account's step results in the run's
// thread, and a failure nobody can miss (a broadcast notice mentioning the requester, the parent turning red).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RunColour } from '../../src/slack/render/run-colour.js';
import type { SlackMessage } from '../../src/slack-emulator/index.js';
import { type BotHarness, startBotHarness } from '../support/bot-harness.js';
import { childSummary, isFileShare, newestRunId, untilRunEnds } from '../support/run-driving.js';

const ALICE = 'U0REQUEST1';
const OPS = 'C0OPS00001';
let harness: BotHarness;
const seen: string[] = [];

beforeAll(async () => {
  harness = await startBotHarness();
});
afterAll(() => harness?.close());

async function runWithFailureIn(accountId: string, text: string) {
  await harness.sandbox.control.addFault({
    kind: 'step-failure',
    documentName: 'AWS-RestartEC2Instance',
    stepName: 'startInstances',
    accountId,
  });
  await harness.slack.driver.slashCommand({ userId: ALICE, channelId: OPS, text });
  const runId = await newestRunId(harness, OPS, seen);
  seen.push(runId);
  const run = await untilRunEnds(harness, runId);
  await harness.sandbox.control.clearFaults();
  return run;
}

const json = (message: SlackMessage) => JSON.stringify([message.text, message.blocks, message.attachments]);

/** The thread once Slack shows the run's end: 6 child replies, 2 failure notices, a red parent (paced: one post a second). */
async function settledThread(runId: string, replies: number) {
  return harness.slack.waitFor(
    (slack) => {
      const parent = slack.messages(OPS).find((message) => message.text?.includes(runId));
      if (!parent || (parent.attachments?.[0] as { color?: string } | undefined)?.color !== RunColour.failed)
        return;
      if (!/completed with errors/i.test(json(parent))) return;
      // The results files are checked on their own (run-results-files.test.ts).
      const thread = slack
        .thread(OPS, parent.ts)
        .slice(1)
        .filter((reply) => !isFileShare(reply));
      const childReplies = thread.filter((reply) => !reply.text?.includes('failed in'));
      const settled = childReplies.every((reply) => /Success|Failed/.test(reply.text ?? ''));
      return thread.length === replies && settled ? { parent, thread } : undefined;
    },
    { timeoutMs: 45_000, description: `the thread of ${runId} settled with ${replies} replies` },
  );
}

describe.each([
  ['multi-account', ''],
  ['fan-out', ' --mode fan-out'],
])('a %s run with a failure in one account', (mode, flag) => {
  it('when a step fails in search-prod, then the thread has each account’s steps, a broadcast notice and a red parent', async () => {
    const run = await runWithFailureIn(
      '333333333303',
      `run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --ou ou-sbx1-prod0001 --regions ap-northeast-1,us-east-1 --max-errors 10${flag}`,
    );
    expect(run.mode).toBe(mode);
    expect(run.status).toBe('completed-with-errors');
    expect(childSummary(run)).toEqual([
      'identity-prod:ap-northeast-1:Success',
      'identity-prod:us-east-1:Success',
      'payments-prod:ap-northeast-1:Success',
      'payments-prod:us-east-1:Success',
      'search-prod:ap-northeast-1:Failed',
      'search-prod:us-east-1:Failed',
    ]);
    // The member account's steps, read through the read role, are in the run record (in multi-account mode the
    // parent may report the end before the member accounts are read: the steps follow)…
    let failed = run.children.find((child) => child.accountName === 'search-prod')!;
    await vi.waitFor(async () => {
      const latest = await harness.run(run.id);
      expect(latest?.children.every((child) => child.steps?.length)).toBe(true);
      failed = latest!.children.find((child) => child.accountName === 'search-prod')!;
    });
    expect(failed.steps?.map((step) => `${step.name}:${step.status}`)).toEqual([
      'stopInstances:Success',
      'startInstances:Failed',
    ]);

    // …and in Slack: one reply per account and region, plus one notice per failure.
    const { thread } = await settledThread(run.id, 8);
    const notices = thread.filter((reply) => reply.text?.includes('failed in'));
    expect(notices).toHaveLength(2);
    for (const notice of notices) {
      expect(notice.subtype).toBe('thread_broadcast');
      expect(json(notice)).toContain(`<@${ALICE}>`);
      expect(json(notice)).toContain('startInstances');
    }
    const replies = thread.filter((reply) => !notices.includes(reply));
    expect(replies).toHaveLength(6);
    for (const reply of replies) expect(json(reply)).toMatch(/stopInstances[\s\S]*startInstances/);
    const searchReply = replies.find((reply) => reply.text?.startsWith('search-prod'))!;
    expect(json(searchReply)).toContain('Failed');
    // Once everything has ended, nothing is polled any more.
    await vi.waitFor(async () => expect(await harness.services.context.tracker.locations()).toEqual([]), {
      timeout: 5_000,
    });
    // The broadcast notices also show in the channel itself.
    expect(
      harness.slack.messages(OPS).filter((message) => message.subtype === 'thread_broadcast').length,
    ).toBeGreaterThanOrEqual(2);
  }, 60_000);
});
