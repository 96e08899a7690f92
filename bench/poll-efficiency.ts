// bench:poll — what following executions costs, side by side with a naive poller in the same run.
//   B. 20 executions at real time (one channel, within Slack's limits): p95 delay from the end of an execution in
//      the sandbox to the Slack reply showing it. Target: within one poll interval plus one second.
//   A. 200 accounts × 3 regions (600 executions of Platform-RollingRestartService, a 9-minute runbook run at 10×
//      speed, 20 ms added AWS latency), once per mode: AWS read calls per execution over its life for the bot and
//      for a naive poller following the same executions at the same time (GetAutomationExecution per execution
//      every interval, after finding each child once). Target: at most a quarter of the naive calls (the default,
//      multi-account mode). Also Slack calls per execution.
//   C. 10,000 executions tracked at once (runs in the default multi-account mode, clock frozen so none ends): the RSS
//      of the `ssm-chatops worker` process
//      (the bot runs as `ssm-chatops bot` beside it). Target: under 200 MB.
// Writes bench/results/poll.json.
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { Redis } from 'ioredis';
import { HARNESS_CONFIG } from '../test/support/bot-harness.js';
import { writeLargeOrganization } from './support/large-organization.js';
import { naivePoller } from './support/naive-poller.js';
import { MALLOC, type OutsideWorld, spawnBot } from './support/spawn-bot.js';
import { spawnProcess } from './support/spawn-process.js';
import { sleep, storedRuns } from './support/stored-runs.js';

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 200);
const TRACKED_TARGET = Number(process.env.BENCH_TRACKED ?? 10_000);
const POLL_MS = 2_000;
const MAX_POLL_MS = 10_000;
const LATENCY_MS = 20;
const REGIONS = ['ap-northeast-1', 'us-east-1', 'eu-west-1'];

const { path: fixture } = writeLargeOrganization(ACCOUNTS);
const world = await spawnProcess<OutsideWorld>(
  new URL('./support/outside-world-process.ts', import.meta.url),
  {
    BENCH_FIXTURE: fixture,
    BENCH_TIME_SCALE: '1',
  },
);
const config = {
  ...HARNESS_CONFIG,
  aws: { ...HARNESS_CONFIG.aws, regions: REGIONS },
  runs: {
    defaultMode: 'fan-out',
    defaultRegions: ['ap-northeast-1'],
    defaultConcurrency: '100%',
    defaultMaxErrors: '0',
  },
};
const workerEnv = {
  POLL_INTERVAL_MS: String(POLL_MS),
  POLL_MAX_INTERVAL_MS: String(MAX_POLL_MS),
  // A worker being replaced may still hold the default metrics port: any free one.
  METRICS_PORT: '0',
};
const bot = await spawnBot(world.ready, Number(process.env.BENCH_BOT_PORT ?? 3918), {
  config,
  command: 'bot',
  env: { ...workerEnv, LOG_LEVEL: 'error' },
});
const startWorker = () =>
  spawnBot(world.ready, 0, { config, command: 'worker', env: { ...workerEnv, LOG_LEVEL: 'info' } });
let worker = await startWorker();
const redis = new Redis(world.ready.redisUrl);
const { read: readRun, untilFinished } = storedRuns(redis);
const sandbox = (path: string, method = 'GET', body?: unknown) =>
  fetch(`${world.ready.sandboxUrl}/_sandbox${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).then((response) => response.json() as Promise<Record<string, unknown>>);
const emulator = (path: string, method = 'GET', body?: unknown) =>
  fetch(`${world.ready.slackUrl}/_emulator/${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).then((response) => response.json() as Promise<Record<string, unknown>>);

let peakRssMb = 0;
const sampler = setInterval(() => {
  worker.rssBytes().then(
    (bytes) => {
      peakRssMb = Math.max(peakRssMb, bytes / 2 ** 20);
    },
    () => {},
  );
}, 500);

try {
  await sandbox('/latency', 'PUT', { ms: LATENCY_MS });
  await emulator('request-url', 'PUT', { url: `${bot.url}/slack/events` });

  // BENCH_PHASES=memory (etc.) runs some phases only, for a quicker look; the results file wants all three.
  const phases = new Set((process.env.BENCH_PHASES ?? 'latency,efficiency,memory').split(','));
  const skipped = {
    executions: 0,
    slackCallsPerExecution: Number.NaN,
    shown: 0,
    p50Ms: Number.NaN,
    p95Ms: Number.NaN,
    replies: { shown: 0, p50Ms: Number.NaN, p95Ms: Number.NaN },
  };
  const latency = phases.has('latency') ? await phaseLatency() : skipped;
  console.log(
    `B. ${latency.executions} executions: end in AWS → the run's Slack message, p50 ${latency.p50Ms} ms, p95 ${latency.p95Ms} ms ` +
      `(target ≤ ${POLL_MS + 1000} ms: ${latency.p95Ms <= POLL_MS + 1000 ? 'met' : 'NOT met'}); → each child's own reply, ` +
      `p50 ${latency.replies.p50Ms} ms, p95 ${latency.replies.p95Ms} ms (paced by Slack's limits); ` +
      `${latency.slackCallsPerExecution.toFixed(2)} Slack calls per execution once all is shown`,
  );
  await sandbox('/clock/scale', 'POST', { scale: 10 });
  const noEfficiency = {
    executions: 0,
    botReadsPerExecution: Number.NaN,
    naiveReadsPerExecution: Number.NaN,
    ratio: Number.NaN,
    slackCallsPerExecution: Number.NaN,
  };
  const efficiency = phases.has('efficiency') ? await phaseEfficiency('multi-account') : noEfficiency;
  const fanOut = phases.has('efficiency') ? await phaseEfficiency('fan-out') : noEfficiency;
  for (const [label, figures] of [
    ['multi-account', efficiency],
    ['fan-out', fanOut],
  ] as const) {
    console.log(
      `A. ${label}, ${figures.executions} executions: AWS reads per execution, bot ${figures.botReadsPerExecution.toFixed(2)} ` +
        `vs naive ${figures.naiveReadsPerExecution.toFixed(2)} (ratio ${figures.ratio.toFixed(3)}` +
        `${label === 'multi-account' ? `, target ≤ 0.25: ${figures.ratio <= 0.25 ? 'met' : 'NOT met'}` : ''}); ` +
        `Slack calls per execution ${figures.slackCallsPerExecution.toFixed(2)}`,
    );
  }
  const memory = phases.has('memory')
    ? await phaseMemory()
    : { tracked: 0, runs: 0, rssMb: Number.NaN, medianRssMb: Number.NaN, startBurstPeakMb: Number.NaN };
  console.log(
    `C. ${memory.tracked} executions tracked: worker RSS at most ${memory.rssMb} MB over 30 s (median ${memory.medianRssMb} MB; ` +
      `target < 200 MB: ${memory.rssMb < 200 ? 'met' : 'NOT met'}); while starting them it peaked at ${memory.startBurstPeakMb} MB`,
  );
  const met = latency.p95Ms <= POLL_MS + 1000 && efficiency.ratio <= 0.25 && memory.rssMb < 200;
  // A partial run would overwrite the figures of the phases it skipped with NaN.
  const resultsFile = phases.size === 3 ? 'poll.json' : `poll-${[...phases].sort().join('-')}.json`;
  await mkdir(new URL('./results/', import.meta.url), { recursive: true });
  await writeFile(
    new URL(`./results/${resultsFile}`, import.meta.url),
    `${JSON.stringify(
      {
        benchmark: 'following executions: AWS reads vs a naive poller, Slack delay, memory',
        measuredAt: new Date().toISOString(),
        node: process.version,
        workerMalloc: MALLOC,
        cpus: cpus().length,
        pollIntervalMs: POLL_MS,
        maxPollIntervalMs: MAX_POLL_MS,
        awsLatencyMs: LATENCY_MS,
        efficiency: { multiAccount: efficiency, fanOut },
        latency,
        memory: { ...memory, peakRssMb: Math.round(peakRssMb) },
        targetsMet: met,
      },
      null,
      2,
    )}\n`,
  );
  if (!met) process.exitCode = 1;
} finally {
  clearInterval(sampler);
  redis.disconnect();
  await worker.stop();
  await bot.stop();
  await world.stop();
}

async function startRun(text: string, channelId = 'C0OPS00001'): Promise<string> {
  const before = new Set(await runIdsIn(channelId));
  await emulator('slash-command', 'POST', { userId: 'U0REQUEST1', channelId, text });
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(200)) {
    const fresh = (await runIdsIn(channelId)).find((id) => !before.has(id));
    if (fresh) return fresh;
  }
  throw new Error(`no run message in ${channelId} a minute after "/ssm ${text}": is the bot up?`);
}

async function runIdsIn(channelId: string): Promise<string[]> {
  const state = (await emulator('state')) as {
    channels: Array<{ id: string; messages: Array<{ text?: string }> }>;
  };
  const channel = state.channels.find((candidate) => candidate.id === channelId);
  return (channel?.messages ?? []).flatMap(
    (message) => /run-[a-z2-9]{8}/.exec(message.text ?? '')?.[0] ?? [],
  );
}

/** B: the time from an execution's end in AWS to the Slack reply that shows it. */
async function phaseLatency() {
  const slackBefore = await slackCalls();
  const accounts = Array.from({ length: 20 }, (_, index) => String(900000000000 + index)).join(',');
  const runId = await startRun(
    `run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --accounts ${accounts}`,
    'C0GENERAL1',
  );
  // Watch Slack as a person would: when did the run's message first show k succeeded, and each reply its end?
  const parentShows = new Map<number, number>();
  const replyShows = new Map<string, number>();
  let run = await readRun(runId);
  for (const deadline = Date.now() + 240_000; Date.now() < deadline; await sleep(100)) {
    const state = (await emulator('state')) as {
      channels: Array<{
        id: string;
        messages: Array<Record<string, unknown> & { text?: string; replies?: Array<{ text?: string }> }>;
      }>;
    };
    const parent = state.channels
      .find((channel) => channel.id === 'C0GENERAL1')
      ?.messages.find((message) => message.text?.includes(runId));
    const succeeded = Number(/(\d+) succeeded/.exec(JSON.stringify(parent?.attachments ?? ''))?.[1] ?? 0);
    for (let k = 1; k <= succeeded; k++) if (!parentShows.has(k)) parentShows.set(k, Date.now());
    for (const reply of parent?.replies ?? []) {
      const match = /\((\d{12})\) ([a-z0-9-]+): Success/.exec(reply.text ?? '');
      if (match && !replyShows.has(`${match[1]}:${match[2]}`))
        replyShows.set(`${match[1]}:${match[2]}`, Date.now());
    }
    run = await readRun(runId);
    if (replyShows.size === run.children.length && parentShows.size === run.children.length) break;
  }
  const ends = run.children.map((child) => Date.parse(child.endedAt ?? '')).sort((a, b) => a - b);
  // The k-th execution to end is shown once the message counts k of them.
  const parentDelays = ends.map((end, index) => (parentShows.get(index + 1) ?? Number.NaN) - end);
  const replyDelays = run.children.map(
    (child) =>
      (replyShows.get(`${child.accountId}:${child.region}`) ?? Number.NaN) - Date.parse(child.endedAt ?? ''),
  );
  return {
    executions: run.children.length,
    /** Every Slack call the run made, once everything is shown: posts, edits, notices. */
    slackCallsPerExecution: ((await slackCalls()) - slackBefore) / run.children.length,
    /** The run's message (counts, progress, outcome): what the target is about. */
    ...percentiles(parentDelays),
    /** Each child's own reply: bounded by Slack's pace (one post a second per channel, chat.update Tier 3). */
    replies: percentiles(replyDelays),
  };
}

function percentiles(values: number[]) {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  const at = (fraction: number) =>
    Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN);
  return { shown: sorted.length, p50Ms: at(0.5), p95Ms: at(0.95) };
}

/** A: the bot's reads against a naive poller's, following the same 600 executions at the same time. */
async function phaseEfficiency(mode: 'multi-account' | 'fan-out') {
  await sandbox('/calls', 'DELETE');
  const slackBefore = await slackCalls();
  const runId = await startRun(
    `run Platform-RollingRestartService ClusterName=checkout --accounts all --regions ${REGIONS.join(',')} --concurrency 100% --mode ${mode}`,
  );
  const naive = naivePoller(world.ready.sandboxUrl, () => readRun(runId), POLL_MS);
  const run = await untilFinished(runId, 600_000);
  const naiveReads = await naive.finished;
  const calls = (await sandbox('/calls')) as {
    rows: Array<{ operation: string; ok: number; error: number; throttled: number }>;
  };
  const count = (operation: string) =>
    calls.rows
      .filter((row) => row.operation === operation)
      .reduce((sum, row) => sum + row.ok + row.error + row.throttled, 0);
  const botReads =
    count('DescribeAutomationExecutions') +
    count('GetAutomationExecution') -
    naiveReads -
    naive.discoveryCalls();
  const executions = run.children.filter((child) => child.executionId).length;
  const slackAfter = await slackCalls();
  return {
    executions,
    botReads,
    botDescribeCalls: count('DescribeAutomationExecutions'),
    naiveReads,
    naiveDiscoveryCalls: naive.discoveryCalls(),
    botReadsPerExecution: botReads / executions,
    naiveReadsPerExecution: (naiveReads + naive.discoveryCalls()) / executions,
    ratio: botReads / (naiveReads + naive.discoveryCalls()),
    assumeRoleCalls: count('AssumeRole'),
    slackCallsPerExecution: (slackAfter - slackBefore) / executions,
    runStatus: run.status,
  };
}

async function slackCalls(): Promise<number> {
  const calls = (await emulator('calls')) as Record<string, { total: number }>;
  return Object.entries(calls)
    .filter(([method]) => method.startsWith('chat.'))
    .reduce((sum, [, count]) => sum + count.total, 0);
}

/** C: many executions followed at once; the clock stands still so none of them ends. */
async function phaseMemory() {
  await sandbox('/clock/scale', 'POST', { scale: 0 });
  // A worker of its own: what A and B left in the last one's heap is not what tracking costs.
  await worker.stop();
  worker = await startWorker();
  peakRssMb = 0;
  const perRun = ACCOUNTS * REGIONS.length;
  const runIds: string[] = [];
  for (let tracked = 0; tracked < TRACKED_TARGET; tracked += perRun) {
    runIds.push(
      await startRun(
        `run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --accounts all --regions ${REGIONS.join(',')} --concurrency 100%`,
      ),
    );
  }
  let started = 0;
  for (const deadline = Date.now() + 300_000; Date.now() < deadline; await sleep(1000)) {
    started = 0;
    for (const runId of runIds)
      started += (await readRun(runId)).children.filter((child) => child.executionId).length;
    if (started >= runIds.length * perRun) break;
  }
  // Starting 10,000 executions is a burst (hundreds of run updates at once); tracking them is the steady state
  // that follows. Let the burst pass and the pollers go round every place, then measure for half a minute.
  const burstPeakMb = Math.round(peakRssMb);
  await sleep(45_000);
  const samples: number[] = [];
  for (let sample = 0; sample < 30; sample++) {
    await sleep(1000);
    samples.push((await worker.rssBytes()) / 2 ** 20);
  }
  samples.sort((a, b) => a - b);
  return {
    tracked: started,
    runs: runIds.length,
    rssMb: Math.round(samples[samples.length - 1]!),
    medianRssMb: Math.round(samples[Math.floor(samples.length / 2)]!),
    startBurstPeakMb: burstPeakMb,
  };
}
