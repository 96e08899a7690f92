// A run above the grouping threshold, through the real bot, worker, sandbox and Slack emulator: its thread has a
// table per region (validated by the emulator as Slack validates table blocks), a reply per failure, and one
// broadcast summary of the failures instead of a notice per account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackMessage } from '../../src/slack-emulator/index.js';
import { type BotHarness, HARNESS_CONFIG, startBotHarness } from '../support/bot-harness.js';
import { newestRunId, untilRunEnds } from '../support/run-driving.js';

const ALICE = 'U0REQUEST1';
const OPS = 'C0OPS00001';
let harness: BotHarness;
const seenRuns: string[] = [];

beforeAll(async () => {
  harness = await startBotHarness({
    config: { ...HARNESS_CONFIG, runs: { ...HARNESS_CONFIG.runs, groupRepliesAbove: 4 } },
  });
});
afterAll(() => harness?.close());

const blocksOf = (message: SlackMessage) =>
  (message.attachments?.[0] as { blocks?: Array<{ type: string; rows?: unknown[][] }> } | undefined)
    ?.blocks ??
  (message.blocks as Array<{ type: string; rows?: unknown[][] }> | undefined) ??
  [];
const tableOf = (message: SlackMessage) => blocksOf(message).find((block) => block.type === 'table');
const cellText = (cell: unknown) =>
  JSON.stringify(cell)
    .match(/"text":"([^"]*)"/g)
    ?.join(' ') ?? '';

describe.each([
  ['multi-account', ''],
  ['fan-out', ' --mode fan-out'],
])('a %s run of 6 targets, grouped above 4', (_mode, flag) => {
  it('when search-prod fails, then each region is one table, the failures have replies and one summary', async () => {
    await harness.sandbox.control.addFault({
      kind: 'step-failure',
      documentName: 'AWS-RestartEC2Instance',
      stepName: 'startInstances',
      accountId: '333333333303',
    });
    const seen = harness.slack.messages(OPS).map((message) => message.ts);
    await harness.slack.driver.slashCommand({
      userId: ALICE,
      channelId: OPS,
      text: `run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --ou ou-sbx1-prod0001 --regions ap-northeast-1,us-east-1 --max-errors 10${flag}`,
    });
    const runId = await newestRunId(harness, OPS, seenRuns);
    seenRuns.push(runId);
    const run = await untilRunEnds(harness, runId);
    await harness.sandbox.control.clearFaults();
    expect(run.status).toBe('completed-with-errors');

    const { thread } = await harness.slack.waitFor(
      (slack) => {
        const parent = slack
          .messages(OPS)
          .find((message) => !seen.includes(message.ts) && message.text?.includes(runId));
        if (!parent || !/Completed with errors/.test(parent.text ?? '')) return;
        const replies = slack.thread(OPS, parent.ts).slice(1);
        const tables = replies.filter(tableOf);
        const settled =
          tables.length === 2 && tables.every((reply) => !/running|queued/.test(reply.text ?? ''));
        const summary = replies.find((reply) => reply.subtype === 'thread_broadcast');
        return settled &&
          summary &&
          JSON.stringify(summary).includes('*2* failed at step `startInstances`') &&
          replies.length === 5
          ? { thread: replies }
          : undefined;
      },
      { timeoutMs: 45_000, description: `the grouped thread of ${runId}` },
    );

    const tables = thread.filter(tableOf);
    // Posted as each region's accounts end, so in either order.
    expect(tables.map((reply) => reply.text).sort()).toEqual([
      'ap-northeast-1, 3 accounts: 2 succeeded, 1 failed',
      'us-east-1, 3 accounts: 2 succeeded, 1 failed',
    ]);
    for (const reply of tables) {
      const rows = tableOf(reply)!.rows!;
      // The header, then the accounts in name order.
      expect(rows.map((row) => cellText(row[0]))).toEqual([
        '"text":"Account"',
        '"text":"identity-prod"',
        '"text":"payments-prod"',
        '"text":"search-prod"',
      ]);
      expect(cellText(rows[3]![3])).toContain('startInstances');
    }
    // Each failure has its own reply with its steps; the channel got one broadcast for both.
    const failureReplies = thread.filter((reply) => reply.text?.startsWith('search-prod'));
    expect(failureReplies).toHaveLength(2);
    for (const reply of failureReplies) expect(JSON.stringify(reply.blocks)).toContain('startInstances');
    const broadcasts = thread.filter((reply) => reply.subtype === 'thread_broadcast');
    expect(broadcasts).toHaveLength(1);
    expect(JSON.stringify(broadcasts[0]!.blocks)).toContain('*2* failed at step `startInstances`');
    expect(JSON.stringify(broadcasts[0]!.blocks)).toContain(`<@${ALICE}>`);
  }, 60_000);
});
