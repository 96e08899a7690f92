// The product as real processes under faults: the bot process, two worker processes, Redis with an append-only
// file, the AWS sandbox and the Slack emulator, on 127.0.0.1 (the harness's own in-process bot stays idle: it only
// lends the test its Redis client and AWS clients). Each
// scenario drives runs through one fault, then every run is checked against what the sandbox says ran and what
// the emulator shows: each execution's final state shown exactly once, one parent per run in its final state,
// nothing started twice, nothing left unfinished. The table goes to the console and test-artifacts.
import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { DescribeAutomationExecutionsCommand } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Run } from '../../src/core/run/run.js';
import { redisAnswers } from '../../src/http/redis-health.js';
import { ActionId } from '../../src/slack/ids.js';
import { runStatusCue } from '../../src/slack/render/run-status-cue.js';
import { RunMessageKey } from '../../src/slack/slack-run-notifier.js';
import type { SlackMessage } from '../../src/slack-emulator/state/slack-types.js';
import {
  type BotHarness,
  freePort,
  HARNESS_CONFIG,
  ONE_LEAD_CONFIG,
  startBotHarness,
} from '../support/bot-harness.js';
import { untilRunEnds } from '../support/run-driving.js';
import {
  startWorkerProcess,
  WORKER_SHUTDOWN_TIMEOUT_MS,
  type WorkerProcess,
} from '../support/worker-process.js';
import { hostileCommands } from './hostile-commands.js';

const ALICE = 'U0REQUEST1';
const BOB = 'U0APPROVE1';
/** mallory: no policy lets her do anything; in #ops and #general, not in #aws-notifications. */
const MALLORY = 'U0OUTSIDE1';
const OPS = 'C0OPS00001';
const APPROVALS = 'C0APPROVE1';
const NOTIFICATIONS = 'C0NOTIFY01';
const GENERAL = 'C0GENERAL1';
const RUN_ID = /run-[a-km-np-z2-9]{8}/;
const STORM_MS = 120_000;
const REDIS_OUTAGE_MS = 30_000;

const CONFIG = ONE_LEAD_CONFIG;

interface ScenarioReport {
  scenario: string;
  executions: number;
  shown: number;
  duplicates: number;
  stale: number;
  lost: number;
  /** Runs of others an outsider could see through /ssm status or /ssm history. */
  leaked: number;
}

let harness: BotHarness;
/** The bot process Slack sends to (`ssm-chatops bot`); scenarios kill or stop it and start another. */
let bot: { process: WorkerProcess; url: string };
const workers: WorkerProcess[] = [];
const reports: ScenarioReport[] = [];

beforeAll(async () => {
  harness = await startBotHarness({ config: CONFIG, worker: false, redisAppendOnly: true });
  const [botProcess, ...started] = await Promise.all([startBot(), startWorker(), startWorker()]);
  bot = botProcess!;
  workers.push(...started);
});
afterAll(async () => {
  printAndWrite(reports);
  await Promise.all([bot?.process, ...workers].map((part) => part?.stop().catch(() => {})));
  await harness?.close();
});

async function startWorker(): Promise<WorkerProcess> {
  return startWorkerProcess(harness, CONFIG);
}

/** A new bot process on a free port, and Slack's request URL pointed at it (as a redeployed bot would be). */
async function startBot(): Promise<typeof bot> {
  const port = await freePort();
  const process = await startWorkerProcess(harness, CONFIG, { PORT: String(port) }, { command: 'bot' });
  const url = `http://127.0.0.1:${port}`;
  harness.slack.setRequestUrl(`${url}/slack/events`);
  return { process, url };
}

const isAlive = (part: WorkerProcess) => part.child.exitCode === null && part.child.signalCode === null;

/** Sends `/ssm <text>` as alice and returns the run id from her reply (the parent may be held back by Slack). */
async function run(text: string, channelId = OPS): Promise<string> {
  return RUN_ID.exec(await ask(ALICE, channelId, text, RUN_ID))![0];
}

/** Sends `/ssm <text>` and returns the text and blocks of the user's next ephemeral (matching `pattern`). */
async function ask(userId: string, channelId: string, text: string, pattern = /./): Promise<string> {
  const before = harness.slack.ephemerals(userId, channelId).length;
  await harness.slack.driver.slashCommand({ userId, channelId, text });
  const reply = await harness.slack.waitFor(
    (slack) =>
      slack
        .ephemerals(userId, channelId)
        .slice(before)
        .find((message) => pattern.test(message.text ?? '')),
    { timeoutMs: 30_000, description: `the answer to /ssm ${text}` },
  );
  // Block ids are the emulator's, numbered per message: not what a person reads.
  return `${reply.text ?? ''}\n${JSON.stringify(reply.blocks ?? [])}`.replace(
    /"block_id":"[^"]*"/g,
    '"block_id"',
  );
}

/** The messages the outbox posted for `key` in the channel (top level and thread replies). */
function postedInChannel(key: string, channelId: string): SlackMessage[] {
  const keyed = (message: SlackMessage) =>
    (message.metadata?.event_payload as { key?: string } | undefined)?.key === key;
  return harness.slack.messages(channelId).flatMap((top) => {
    const thread = top.reply_count ? harness.slack.thread(channelId, top.ts) : [top];
    return thread.filter(keyed);
  });
}

type Census = Map<string, number>;

/** How many Automation executions each account and region holds now, read in each account. */
async function census(): Promise<Census> {
  const { accounts } = await harness.services.context.accounts.organization();
  const counts: Census = new Map();
  for (const account of accounts.filter((candidate) => candidate.status === 'ACTIVE')) {
    for (const region of HARNESS_CONFIG.aws.regions) {
      const credentials = await harness.sandbox
        .assumeRole(`arn:aws:iam::${account.id}:role/SsmChatOpsReadOnly`, 'chaos')
        .catch(() => undefined);
      if (!credentials) continue;
      const listed = await harness.sandbox
        .ssm({ region, credentials })
        .send(new DescribeAutomationExecutionsCommand({ MaxResults: 50 }))
        .catch((error: unknown) => {
          // A region the account has not enabled: AWS refuses the token there, and nothing can run in it.
          if ((error as Error).name === 'UnrecognizedClientException') return undefined;
          throw error;
        });
      if (!listed) continue;
      counts.set(`${account.id}:${region}`, listed.AutomationExecutionMetadataList?.length ?? 0);
    }
  }
  return counts;
}

/** Executions each target of the run got during the scenario (the runs of one scenario never share a target). */
const executionsDuring = (finished: Run, before: Census, after: Census) =>
  finished.children
    .filter((child) => child.executionId)
    .map((child) => {
      const place = `${child.accountId}:${child.region}`;
      return (after.get(place) ?? 0) - (before.get(place) ?? 0);
    });

/** What Slack shows for a finished run compared with what ran, once nothing more is on its way. */
async function check(
  finished: Run,
  before: Census,
  after: Census,
): Promise<Omit<ScenarioReport, 'scenario' | 'leaked'>> {
  const postedFor = (key: string) => postedInChannel(key, finished.channelId);
  const started = finished.children.filter((child) => child.executionId);
  const counts = executionsDuring(finished, before, after);
  // Give the outbox time to deliver the final states (Slack's pace), then judge what is there.
  await harness.slack
    .waitFor(
      () => {
        const parentFinal = postedFor(RunMessageKey.parent(finished)).some((message) =>
          message.text?.startsWith(runStatusCue(finished.status).label),
        );
        const allShown = started.every((child) =>
          postedFor(RunMessageKey.child(finished, child)).some((reply) =>
            reply.text?.includes(`: ${child.status}`),
          ),
        );
        return parentFinal && allShown ? true : undefined;
      },
      { timeoutMs: 60_000, description: `the final state of ${finished.id} in Slack` },
    )
    .catch(() => undefined);
  const parents = postedFor(RunMessageKey.parent(finished));
  let shown = 0;
  let duplicates = counts.reduce((sum, count) => sum + Math.max(0, count - 1), 0);
  let stale = parents.some((message) => message.text?.startsWith(runStatusCue(finished.status).label))
    ? 0
    : 1;
  let lost = counts.filter((count) => count === 0).length;
  duplicates += Math.max(0, parents.length - 1);
  for (const child of started) {
    const replies = postedFor(RunMessageKey.child(finished, child));
    duplicates += Math.max(0, replies.length - 1);
    if (replies.length === 0) lost += 1;
    else if (replies.some((reply) => reply.text?.includes(`: ${child.status}`))) shown += 1;
    else stale += 1;
  }
  if (finished.status === 'starting' || finished.status === 'running') stale += 1;
  return { executions: started.length, shown, duplicates, stale, lost };
}

/** Checks the runs a scenario drove (`before`: the census taken before it began) and records its row. */
async function scenario(name: string, before: Census, runs: Run[], leaked = 0): Promise<void> {
  const report: ScenarioReport = {
    scenario: name,
    executions: 0,
    shown: 0,
    duplicates: 0,
    stale: 0,
    lost: 0,
    leaked,
  };
  const after = await census();
  for (const finished of runs) {
    const one = await check(finished, before, after);
    report.executions += one.executions;
    report.shown += one.shown;
    report.duplicates += one.duplicates;
    report.stale += one.stale;
    report.lost += one.lost;
  }
  reports.push(report);
  expect(report).toEqual({
    ...report,
    shown: report.executions,
    duplicates: 0,
    stale: 0,
    lost: 0,
    leaked: 0,
  });
}

/** Resolves once Redis answers the test again and the bot process is ready (its /readyz pings its store). */
async function untilStoreAnswers(): Promise<void> {
  await vi.waitFor(
    async () => {
      expect(await redisAnswers(harness.services.redis)).toBe(true);
      expect((await fetch(`${bot.url}/readyz`)).status).toBe(200);
    },
    { timeout: 30_000, interval: 50 },
  );
}

const live = () => workers.filter(isAlive);

/** Sends `/ssm <text>` as alice and returns the change id of her answer. */
async function requestChange(text: string): Promise<string> {
  return /chg-[a-km-np-z2-9]{8}/.exec(await ask(ALICE, OPS, text, /chg-/))![0];
}

/** Clicks Approve, as bob, on the change's request message in the approvals channel. */
async function approve(changeId: string): Promise<void> {
  const request = await harness.slack.waitFor(
    (slack) => slack.messages(APPROVALS).find((message) => message.text?.includes(changeId)),
    { timeoutMs: 30_000, description: 'the change request message' },
  );
  await harness.slack.driver.clickButton({
    userId: BOB,
    channelId: APPROVALS,
    messageTs: request.ts,
    actionId: ActionId.approveChange,
  });
}

describe('chaos', () => {
  it('a worker SIGKILLed mid-run', async () => {
    const before = await census();
    const runId = await run(
      'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --mode fan-out --ou ou-sbx1-prod0001 --regions ap-northeast-1,us-east-1 --concurrency 2',
    );
    await vi.waitFor(
      async () => {
        const started = (await harness.run(runId))?.children.filter((child) => child.executionId).length ?? 0;
        expect(started).toBeGreaterThanOrEqual(2);
      },
      { timeout: 30_000, interval: 20 },
    );
    await live()[0]!.kill();
    workers.push(await startWorker());
    await scenario('worker SIGKILL mid-run', before, [await untilRunEnds(harness, runId, 90_000)]);
  });

  it('the bot SIGKILLed mid-run and with a pending change, then started again', async () => {
    const before = await census();
    const runId = await run(
      'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --mode fan-out --accounts dev-shared,data-dev --regions ap-northeast-1 --concurrency 1',
    );
    const changeId = await requestChange(
      'run AWS-StartEC2Instance InstanceId=i-0123456789abcdef0 --accounts payments-staging --regions us-east-1',
    );
    await vi.waitFor(async () => expect((await harness.run(runId))?.status).toBe('running'), {
      timeout: 30_000,
      interval: 20,
    });
    await bot.process.kill();
    bot = await startBot();
    // The new bot takes the click on a change the killed one opened, and a command of its own.
    await approve(changeId);
    const afterId = await run(
      'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --accounts log-archive --regions ap-northeast-1',
    );
    await scenario('bot SIGKILL mid-run + pending change', before, [
      await untilRunEnds(harness, runId, 90_000),
      await untilRunEnds(harness, changeId.replace('chg-', 'run-'), 90_000),
      await untilRunEnds(harness, afterId, 90_000),
    ]);
  });

  it('Redis crashed and resumed (AOF) mid-run, and with a pending change', async () => {
    const executionsBefore = await census();
    const runId = await run(
      'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --mode fan-out --accounts dev-shared,data-dev,log-archive --concurrency 1',
    );
    await vi.waitFor(async () => expect((await harness.run(runId))?.status).toBe('running'), {
      timeout: 30_000,
      interval: 20,
    });
    const changeId = await requestChange(
      'run AWS-StartEC2Instance InstanceId=i-0123456789abcdef0 --accounts payments-staging',
    );

    await harness.redis.crash();
    await harness.redis.resume();
    // A click while the bot has not yet reconnected is refused (it cannot reach its store): approve once it has.
    await untilStoreAnswers();

    await approve(changeId);
    const changeRunId = changeId.replace('chg-', 'run-');
    await scenario('Redis crash + resume (AOF), run and pending change', executionsBefore, [
      await untilRunEnds(harness, runId, 90_000),
      await untilRunEnds(harness, changeRunId, 90_000),
    ]);
  });

  it('20% of AWS calls throttled', async () => {
    const before = await census();
    await harness.sandbox.control.addFault({
      kind: 'api-error',
      errorCode: 'ThrottlingException',
      httpStatus: 400,
      probability: 0.2,
    });
    let finished: Run;
    try {
      const runId = await run(
        'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --mode fan-out --ou ou-sbx1-dev00001 --regions ap-northeast-1,us-east-1',
      );
      finished = await untilRunEnds(harness, runId, 90_000);
    } finally {
      // The census is the measurement, not the system under test: take it without the injected faults.
      await harness.sandbox.control.clearFaults();
    }
    await scenario('20% AWS throttling', before, [finished]);
  });

  it('Slack answering 429 to 90% of chat.postMessage and chat.update for 2 minutes', async () => {
    const before = await census();
    const storm = { forMs: STORM_MS, share: 0.9, retryAfterSeconds: 1 };
    const stormEndsAt = Date.now() + STORM_MS;
    harness.slack.forceRateLimit({ method: 'chat.postMessage', ...storm });
    harness.slack.forceRateLimit({ method: 'chat.update', ...storm });
    const runId = await run(
      'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --ou ou-sbx1-prod0001 --regions ap-northeast-1,us-east-1',
    );
    const finished = await untilRunEnds(harness, runId, STORM_MS + 60_000);
    // The storm is the fault under test: judge Slack once it has passed, as a person would look afterwards.
    await delay(Math.max(0, stormEndsAt - Date.now()));
    await scenario('429 storm (90%, 2 min) on post and update', before, [finished]);
  });

  it('Redis down for 30 s, with SIGTERM sent to a worker and to the bot', async () => {
    const before = await census();
    const runId = await run(
      'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --mode fan-out --accounts dev-shared,data-dev,log-archive --regions us-east-1 --concurrency 1',
    );
    await vi.waitFor(async () => expect((await harness.run(runId))?.status).toBe('running'), {
      timeout: 30_000,
      interval: 20,
    });
    const downAt = Date.now();
    await harness.redis.crash();
    try {
      // Stopping in order waits on Redis; past SHUTDOWN_TIMEOUT_MS a process drops what it holds and exits 1.
      // Whether anything is left to drop depends on where the crash caught it (exit 0 when nothing was):
      // test/integration/shutdown-during-redis-outage.test.ts checks that the code says which.
      const stops = await Promise.all([stopInTime(live()[0]!), stopInTime(bot.process)]);
      expect(stops).toEqual([
        { exited: true, inTime: true },
        { exited: true, inTime: true },
      ]);
      // The outage is the fault under test: it lasts 30 s, whatever the processes do meanwhile.
      await delay(Math.max(0, REDIS_OUTAGE_MS - (Date.now() - downAt)));
    } finally {
      // Whatever happened above, later scenarios need Redis, a bot and two workers back.
      await harness.redis.resume();
      if (!isAlive(bot.process)) bot = await startBot();
      await untilStoreAnswers();
      while (live().length < 2) workers.push(await startWorker());
    }
    await scenario('Redis down 30 s + SIGTERM to a worker and the bot', before, [
      await untilRunEnds(harness, runId, 90_000),
    ]);
  });

  it('an outsider asks about runs that do not concern her', async () => {
    const before = await census();
    const reason = 'Chaos: private reason INC-0042';
    const runId = await run(
      `run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --accounts dev-shared --regions ap-northeast-1 --reason "${reason}"`,
      NOTIFICATIONS,
    );
    const finished = await untilRunEnds(harness, runId, 60_000);
    // mallory is in #ops, so she may see the suite's other runs; this one, in #aws-notifications, not.
    let leaked = 0;
    for (const channel of [OPS, GENERAL]) {
      const history = await ask(MALLORY, channel, 'history');
      if (history.includes(runId) || history.includes(reason)) leaked += 1;
      // A run she may not see is answered exactly as an id nobody has.
      const status = await ask(MALLORY, channel, `status ${runId}`);
      const unknown = await ask(MALLORY, channel, 'status run-zzzzzzzz');
      if (status !== unknown.replaceAll('run-zzzzzzzz', runId)) leaked += 1;
    }
    await scenario('outsider visibility (status, history)', before, [finished], leaked);
  });

  it('1,000 hostile commands', async () => {
    const startsBefore = await startCalls();
    const commands = hostileCommands(1_000);
    const slow: string[] = [];
    const failed: string[] = [];
    for (let index = 0; index < commands.length; index += 20) {
      const batch = commands.slice(index, index + 20);
      const answers = await Promise.all(
        batch.map((text) => harness.slack.driver.slashCommand({ userId: ALICE, channelId: OPS, text })),
      );
      answers.forEach((answer, offset) => {
        if (answer.status !== 200) failed.push(`${answer.status}: ${batch[offset]}`);
        if (answer.timedOut || answer.durationMs > 3_000) slow.push(batch[offset]!);
      });
    }
    expect({ failed, slow }).toEqual({ failed: [], slow: [] });
    expect((await startCalls()) - startsBefore).toBe(0);
    expect(live().length).toBeGreaterThan(0);
    expect(isAlive(bot.process)).toBe(true);
  });
});

/** SIGTERM, for real: did the process exit, in order or by force, within its shutdown timeout (plus slack)? */
async function stopInTime(part: WorkerProcess): Promise<{ exited: boolean; inTime: boolean }> {
  const startedAt = Date.now();
  part.child.kill('SIGTERM');
  const [code] = (await once(part.child, 'exit')) as [number | null];
  return {
    exited: code === 0 || code === 1,
    inTime: Date.now() - startedAt < WORKER_SHUTDOWN_TIMEOUT_MS + 5_000,
  };
}

/** StartAutomationExecution calls the sandbox answered so far, in any account. */
async function startCalls(): Promise<number> {
  return Object.entries((await harness.sandbox.control.calls()).byOperation)
    .filter(([operation]) => operation.endsWith(':StartAutomationExecution'))
    .reduce((sum, [, count]) => sum + count, 0);
}

function printAndWrite(rows: ScenarioReport[]): void {
  const header = ['scenario', 'executions', 'shown', 'duplicates', 'stale', 'lost', 'leaked'] as const;
  const widths = header.map((name) => Math.max(name.length, ...rows.map((row) => String(row[name]).length)));
  const line = (cells: string[]) => cells.map((cell, index) => cell.padEnd(widths[index]!)).join('  ');
  console.log(
    [line([...header]), ...rows.map((row) => line(header.map((name) => String(row[name]))))].join('\n'),
  );
  mkdirSync('test-artifacts', { recursive: true });
  writeFileSync('test-artifacts/chaos-report.json', `${JSON.stringify(rows, null, 2)}\n`);
}
