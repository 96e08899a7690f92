// Helpers for end-to-end tests that drive a run: find it from Slack, let simulated time pass until it ends, read
// the results files it shares.
import { DescribeAutomationExecutionsCommand } from '@aws-sdk/client-ssm';
import { expect, vi } from 'vitest';
import type { Run } from '../../src/core/run/run.js';
import { OUTBOX_QUEUE_NAME } from '../../src/slack/outbox/outbox-queue.js';
import type { SlackMessage } from '../../src/slack-emulator/index.js';
import type { BotHarness } from './bot-harness.js';

const RUN_ID = /run-[a-km-np-z2-9]{8}/;

/**
 * Alice asks in #ops for a fan-out restart of instance `i-0123456789abcd<instance>00` in payments-staging
 * (ap-northeast-1), one target; resolves to the new run's id and adds it to `seenRuns`.
 */
export async function requestFanOutInStaging(
  harness: BotHarness,
  instance: number,
  seenRuns: string[],
): Promise<string> {
  const sent = await harness.slack.driver.slashCommand({
    userId: 'U0REQUEST1',
    channelId: 'C0OPS00001',
    text: `run AWS-RestartEC2Instance InstanceId=i-0123456789abcd${instance}00 --mode fan-out --accounts payments-staging`,
  });
  expect(sent.status).toBe(200);
  // Slack's pace (a post a second per channel) may hold the parent behind an earlier test's replies.
  const id = await newestRunId(harness, 'C0OPS00001', seenRuns, 30_000);
  seenRuns.push(id);
  return id;
}

/** The id of the newest run whose parent message is in `channelId`. */
export async function newestRunId(
  harness: BotHarness,
  channelId: string,
  except: string[] = [],
  timeoutMs = 10_000,
): Promise<string> {
  const message = await harness.slack.waitFor(
    (slack) =>
      slack
        .messages(channelId)
        .toReversed()
        .find((candidate) => {
          const id = RUN_ID.exec(candidate.text ?? '')?.[0];
          return id && !except.includes(id);
        }),
    { timeoutMs, description: `a new run's message in ${channelId}` },
  );
  const id = RUN_ID.exec(message.text ?? '')![0];
  // The parent message is posted just before the run is recorded: wait for the record too.
  await vi.waitFor(async () => expect(await harness.run(id)).toBeDefined(), {
    timeout: timeoutMs,
    interval: 20,
  });
  return id;
}

/** Runs the sandbox clock until it is idle, again and again, until the worker has recorded the run's end. */
export async function untilRunEnds(harness: BotHarness, runId: string, timeout = 20_000): Promise<Run> {
  let run: Run | undefined;
  await vi.waitFor(
    async () => {
      await harness.sandbox.control.settle();
      run = await harness.run(runId);
      expect(run?.status).toMatch(/^(succeeded|failed|completed-with-errors|cancelled)$/);
    },
    { timeout, interval: 50 },
  );
  return run!;
}

/** `name:region:status` per child, sorted: the shape most assertions want. */
export const childSummary = (run: Run) =>
  run.children.map((child) => `${child.accountName}:${child.region}:${child.status}`).sort();

/** Exactly one execution of the runbook per account and region of the run, read in each member account. */
export async function executionsPerTarget(harness: BotHarness, finished: Run): Promise<number[]> {
  return Promise.all(
    finished.children.map(async (child) => {
      const credentials = await harness.sandbox.assumeRole(
        `arn:aws:iam::${child.accountId}:role/SsmChatOpsReadOnly`,
        'check',
      );
      const { AutomationExecutionMetadataList = [] } = await harness.sandbox
        .ssm({ region: child.region, credentials })
        .send(
          new DescribeAutomationExecutionsCommand({
            Filters: [{ Key: 'DocumentNamePrefix', Values: [finished.runbook.name] }],
          }),
        );
      return AutomationExecutionMetadataList.filter(
        (execution) =>
          execution.AutomationExecutionId === child.executionId || !execution.ParentAutomationExecutionId,
      ).length;
    }),
  );
}

/** A message that shares files (the run's results), which thread counts of replies leave out. */
export const isFileShare = (message: SlackMessage) => (message.files?.length ?? 0) > 0;

/**
 * The run's results share in its thread, once Slack shows it and the outbox has nothing left to deliver; fails if
 * there is more than one. Its CSV and JSON files are read back from the emulator.
 */
export async function resultsShare(
  harness: BotHarness,
  channelId: string,
  runId: string,
  timeoutMs = 20_000,
): Promise<{ message: SlackMessage; csv: string; json: string }> {
  const name = `${runId}-results.csv`;
  const sharesIn = (slack: BotHarness['slack']) => {
    const parent = slack.messages(channelId).find((message) => message.text?.includes(runId));
    return parent
      ? slack.thread(channelId, parent.ts).filter((message) => message.files?.[0]?.name === name)
      : [];
  };
  const [message] = await harness.slack.waitFor((slack) => sharesIn(slack)[0] && sharesIn(slack), {
    timeoutMs,
    description: `the results files of ${runId} in its thread`,
  });
  // Once the outbox has nothing left to deliver, a second share could no longer be on its way.
  const outbox = harness.services.queues.find((queue) => queue.name === OUTBOX_QUEUE_NAME)!;
  await vi.waitFor(
    async () => {
      const counts = await outbox.getJobCounts('waiting', 'delayed', 'active', 'prioritized');
      expect(Object.values(counts).reduce((sum, count) => sum + count, 0)).toBe(0);
    },
    { timeout: timeoutMs, interval: 50 },
  );
  expect(sharesIn(harness.slack)).toHaveLength(1);
  const [csv, json] = message!.files!.map(
    (file) => harness.slack.file(file.id)?.content.toString('utf8') ?? '',
  );
  return { message: message!, csv: csv!, json: json! };
}
