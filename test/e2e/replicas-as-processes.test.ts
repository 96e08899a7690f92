// Two bot replicas and two workers as separate OS processes on one Redis, as a scaled deployment runs them:
// commands and clicks land on either replica, Slack retries them on the other, and still every execution, message
// and decision happens once.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runIdForChange } from '../../src/core/approval/change-id.js';
import type { Run } from '../../src/core/run/run.js';
import { ActionId } from '../../src/slack/ids.js';
import { OUTBOX_QUEUE_NAME } from '../../src/slack/outbox/outbox-queue.js';
import { runStatusCue } from '../../src/slack/render/run-status-cue.js';
import { RunMessageKey } from '../../src/slack/slack-run-notifier.js';
import type { SlackMessage } from '../../src/slack-emulator/index.js';
import { type BotHarness, freePort, ONE_LEAD_CONFIG, startBotHarness } from '../support/bot-harness.js';
import { untilRunEnds } from '../support/run-driving.js';
import { interactionBody, slackDeliveryHeaders } from '../support/slack-retry.js';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process.js';

const ALICE = 'U0REQUEST1'; // platform: may run anything
const BOB = 'U0APPROVE1'; // SRE leads
const CAROL = 'U0APPROVE2'; // SRE leads
const OPS = 'C0OPS00001';
const APPROVALS = 'C0APPROVE1';
const RUN_ID = /run-[a-km-np-z2-9]{8}/;
const CHANGE_ID = /chg-[a-km-np-z2-9]{8}/;
/** Fails its startInstances step: one failed target, so one failure notice. */
const FAILING_ACCOUNT = '555555555501'; // dev-shared

const CONFIG = ONE_LEAD_CONFIG;

let harness: BotHarness;
const processes: WorkerProcess[] = [];
/** The two bot replicas' request URLs. */
const replicas: string[] = [];

async function startBotReplica(): Promise<string> {
  const port = await freePort();
  processes.push(await startWorkerProcess(harness, CONFIG, { PORT: String(port) }, { command: 'bot' }));
  return `http://127.0.0.1:${port}/slack/events`;
}

beforeAll(async () => {
  // The harness's own bot and worker stay idle: no request is sent to it and it follows no runs.
  harness = await startBotHarness({ config: CONFIG, worker: false });
  const [first, second] = await Promise.all([startBotReplica(), startBotReplica()]);
  replicas.push(first!, second!);
  processes.push(
    ...(await Promise.all([startWorkerProcess(harness, CONFIG), startWorkerProcess(harness, CONFIG)])),
  );
}, 60_000);
afterAll(async () => {
  await Promise.all(processes.map((process) => process.stop().catch(() => {})));
  await harness?.close();
});

/** Points the emulator at replica `index`; the driver reads the URL before its first await, so calls can race. */
const via = (index: number) => harness.slack.setRequestUrl(replicas[index]!);

/** The same request again, as Slack retries it: re-signed, marked with X-Slack-Retry-Num, to `url`. */
async function retry(url: string, body: string, attempt: number): Promise<number> {
  const signingSecret = harness.config.env.SLACK_SIGNING_SECRET!;
  const response = await fetch(url, {
    method: 'POST',
    headers: slackDeliveryHeaders(signingSecret, body, attempt),
    body,
  });
  await response.text();
  return response.status;
}

/** Sends `/ssm <text>` as alice through replica `index` and returns the id in her answer (run or change). */
async function command(index: number, text: string, id: RegExp) {
  const before = harness.slack.ephemerals(ALICE, OPS).length;
  via(index);
  const sent = await harness.slack.driver.slashCommand({ userId: ALICE, channelId: OPS, text });
  const reply = await harness.slack.waitFor(
    (slack) =>
      slack
        .ephemerals(ALICE, OPS)
        .slice(before)
        .find((message) => id.test(message.text ?? '')),
    { timeoutMs: 20_000, description: `the answer to /ssm ${text}` },
  );
  return { id: id.exec(reply.text ?? '')![0], body: new URLSearchParams(sent.payload).toString() };
}

/** Every message the bot posted in `channelId`, top level and in threads, by its outbox key. */
function messagesByKey(channelId: string): Map<string, SlackMessage[]> {
  // By ts: a reply broadcast to the channel is listed both in its thread and at the top level, yet is one message.
  const messages = new Map<string, SlackMessage>();
  for (const top of harness.slack.messages(channelId)) {
    const thread = top.reply_count ? harness.slack.thread(channelId, top.ts) : [top];
    for (const message of thread) messages.set(message.ts, message);
  }
  const byKey = new Map<string, SlackMessage[]>();
  for (const message of messages.values()) {
    const key = (message.metadata?.event_payload as { key?: string } | undefined)?.key;
    if (key) byKey.set(key, [...(byKey.get(key) ?? []), message]);
  }
  return byKey;
}

/** StartAutomationExecution calls the sandbox answered so far, in any account. */
const startCalls = async () =>
  Object.entries((await harness.sandbox.control.calls()).byOperation)
    .filter(([operation]) => operation.endsWith(':StartAutomationExecution'))
    .reduce((sum, [, count]) => sum + count, 0);

/** Slack shows the run's final state: its parent and every started child's reply. */
function shownFinal(run: Run): boolean {
  const byKey = messagesByKey(run.channelId);
  const parentFinal = (byKey.get(RunMessageKey.parent(run)) ?? []).some((message) =>
    message.text?.startsWith(runStatusCue(run.status).label),
  );
  return (
    parentFinal &&
    run.children
      .filter((child) => child.executionId)
      .every((child) =>
        (byKey.get(RunMessageKey.child(run, child)) ?? []).some((reply) =>
          reply.text?.includes(`: ${child.status}`),
        ),
      )
  );
}

describe('two bot replicas and two workers as separate processes on one Redis', () => {
  it('when commands, retries and approval clicks land on either replica, then every execution, message and decision happens once', async () => {
    await harness.sandbox.control.addFault({
      kind: 'step-failure',
      documentName: 'AWS-RestartEC2Instance',
      stepName: 'startInstances',
      accountId: FAILING_ACCOUNT,
    });
    const fanOut = await command(
      0,
      'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --mode fan-out --accounts payments-staging,search-prod --regions ap-northeast-1,us-east-1',
      RUN_ID,
    );
    const multiAccount = await command(
      1,
      'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --accounts dev-shared,data-dev,log-archive',
      RUN_ID,
    );
    // Slack did not see the ack in time and retries the command, on the other replica and again on the first.
    expect(await retry(replicas[0]!, multiAccount.body, 1)).toBe(200);
    expect(await retry(replicas[1]!, multiAccount.body, 2)).toBe(200);

    const change = await command(
      0,
      'run AWS-StartEC2Instance InstanceId=i-0123456789abcdef0 --accounts data-dev',
      CHANGE_ID,
    );
    const request = await harness.slack.waitFor(
      (slack) => slack.messages(APPROVALS).find((message) => message.text?.includes(change.id)),
      { timeoutMs: 20_000, description: `the request of ${change.id}` },
    );
    const approve = { channelId: APPROVALS, messageTs: request.ts, actionId: ActionId.approveChange };
    // Bob's click on one replica races Carol's on the other; Slack then retries Bob's click on both.
    via(0);
    const bobs = harness.slack.driver.clickButton({ userId: BOB, ...approve });
    via(1);
    const carols = harness.slack.driver.clickButton({ userId: CAROL, ...approve });
    const [bob] = await Promise.all([bobs, carols]);
    const bobsBody = interactionBody(bob.payload);
    await Promise.all([retry(replicas[1]!, bobsBody, 1), retry(replicas[0]!, bobsBody, 2)]);

    const runs = await Promise.all(
      [fanOut.id, multiAccount.id, runIdForChange(change.id)].map((id) => untilRunEnds(harness, id, 40_000)),
    );
    await harness.sandbox.control.clearFaults();
    // Nothing more on its way: the outbox is empty and Slack shows every run's final state.
    const outbox = harness.services.queues.find((queue) => queue.name === OUTBOX_QUEUE_NAME)!;
    await vi.waitFor(
      async () => {
        const counts = await outbox.getJobCounts('waiting', 'delayed', 'active', 'prioritized');
        expect(Object.values(counts).reduce((sum, count) => sum + count, 0)).toBe(0);
        expect(runs.every(shownFinal)).toBe(true);
      },
      { timeout: 30_000, interval: 100 },
    );

    // One run per command: the retried command made none.
    const runIds = new Set(
      harness.slack.messages(OPS).flatMap((message) => RUN_ID.exec(message.text ?? '') ?? []),
    );
    expect([...runIds].sort()).toEqual(runs.map((run) => run.id).sort());
    // One execution per target of the fan-out, started in its account and region; one per multi-account run
    // (governed or not), started in the operations account; and no other.
    const starts = (await harness.sandbox.control.calls()).rows
      .filter((row) => row.operation === 'StartAutomationExecution')
      .map((row) => `${row.accountId}:${row.region}:${row.ok}`)
      .sort();
    expect(starts).toEqual([
      '222222222222:ap-northeast-1:2',
      ...runs[0]!.children.map((child) => `${child.accountId}:${child.region}:1`).sort(),
    ]);
    expect(await startCalls()).toBe(6);
    // One message per outbox key: a parent per run, a reply per target, a notice per failed target.
    const byKey = messagesByKey(OPS);
    expect([...byKey].filter(([, messages]) => messages.length > 1).map(([key]) => key)).toEqual([]);
    for (const run of runs) {
      expect(byKey.get(RunMessageKey.parent(run))).toHaveLength(1);
      for (const child of run.children) {
        expect(byKey.get(RunMessageKey.child(run, child))).toHaveLength(1);
        expect(byKey.get(RunMessageKey.failure(run, child)) ?? []).toHaveLength(
          child.status === 'Failed' ? 1 : 0,
        );
      }
    }
    expect(runs.flatMap((run) => run.children).filter((child) => child.status === 'Failed')).toHaveLength(1);
    // One approval decision, by whichever click won.
    const timeline = await harness.services.context.audit.timeline(change.id);
    expect(timeline.map((entry) => entry.action)).toEqual([
      'change.requested',
      'change.approved',
      'run.started',
      'run.finished',
    ]);
    expect([...messagesByKey(APPROVALS)].filter(([, messages]) => messages.length > 1)).toEqual([]);
  }, 90_000);
});
