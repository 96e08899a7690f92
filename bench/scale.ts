// bench:scale — one organization of BENCH_ACCOUNTS (1,000) member accounts in nested OUs (3 levels), followed
// across BENCH_REGIONS (3) regions, with 2 % of the targets failing (one account in 50 fails a step, sandbox
// step fault). The bot (`ssm-chatops bot`) and two workers (`ssm-chatops worker`) run as processes of their own;
// the sandbox, Redis and the Slack emulator (Slack's rate limits on: it answers 429) run in one other process.
// AWS-RestartEC2Instance (two 5 s steps) at BENCH_TIME_SCALE (1×), 20 ms added AWS latency, the sandbox's
// per-account quotas on. One multi-account run, then one fan-out run, each with a naive poller beside it:
//   - thread complete: from the last execution's end (sandbox clock mapped to real time) to the run's thread
//     complete (every outbox record of the run shown in Slack, the results files shared). Target ≤ 60 s;
//   - Slack calls per run, by method, and the 429s the emulator answered. Target ≤ 100 beyond the failure
//     notices (one post per failed target), and no unhandled 429 (a record Slack refused for good, or a message
//     not shown when the run's thread should be complete);
//   - AWS calls per execution, the bot's and a naive poller's (GetAutomationExecution per execution per poll);
//   - worker RSS, the peak of each worker over both runs. Target ≤ 150 MB per worker;
//   - Redis memory per run: MEMORY USAGE of its run record, its execution index keys and its outbox records.
//     Target ≤ 2 MB;
//   - polling throughput: AWS reads (DescribeAutomationExecutions, GetAutomationExecution,
//     DescribeAutomationStepExecutions) the sandbox answered per second while 1, then 3 workers follow the
//     targets of a run whose executions never end (clock frozen), with a poll interval (200 ms) that asks more
//     than they can give, so the figure is capacity. Target: 3 workers ≥ 2.5× 1 worker.
// The floor the limits set is written beside the figures (lowerBounds). Writes bench/results/scale.json
// (scale-<accounts>.json for another size). Develop with BENCH_ACCOUNTS=20.
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { Redis } from 'ioredis';
import type { CallCount } from '../src/slack-emulator/state/call-counter.js';
import { DEFAULT_KEY_PREFIX } from '../src/store/redis-run-store.js';
import { runKeys } from '../src/store/run-keys.js';
import { HARNESS_CONFIG } from '../test/support/bot-harness.js';
import { writeLargeOrganization } from './support/large-organization.js';
import { naiveClients, naivePoller } from './support/naive-poller.js';
import { runFootprint } from './support/run-footprint.js';
import { type BotProcess, MALLOC, type OutsideWorld, spawnBot } from './support/spawn-bot.js';
import { cpuMsOf, cpuMsOfTree, machineCpuMs, spawnProcess } from './support/spawn-process.js';
import { sleep, storedRuns } from './support/stored-runs.js';

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 1000);
const REGIONS = ['ap-northeast-1', 'us-east-1', 'eu-west-1'].slice(0, Number(process.env.BENCH_REGIONS ?? 3));
// Real time by default: at 10× the runbook ends before a 2 s poller looks twice, and the naive poller would win.
const TIME_SCALE = Number(process.env.BENCH_TIME_SCALE ?? 1);
const RUNBOOK = 'AWS-RestartEC2Instance';
const RUNBOOK_SIMULATED_SECONDS = 10; // two aws:changeInstanceState steps of 5 s (src/sandbox/automation)
const FAIL_EVERY = 50;
const POLL_MS = 2_000;
const MAX_POLL_MS = 10_000;
const THROUGHPUT_POLL_MS = 200;
const LATENCY_MS = 20;
const CHANNEL = 'C0OPS00001';
const TARGETS = {
  threadCompleteMs: 60_000,
  slackCallsBeyondFailures: 100,
  workerRssMb: 150,
  redisBytes: 2 * 2 ** 20,
  throughputRatio: 2.5,
};
const FAILED = ['Failed', 'TimedOut', 'StartFailed', 'Cancelled'];
const READS = ['DescribeAutomationExecutions', 'GetAutomationExecution', 'DescribeAutomationStepExecutions'];

const organization = writeLargeOrganization(ACCOUNTS, {
  ouLevels: 3,
  ouBranching: 4,
  failing: { every: FAIL_EVERY, runbook: RUNBOOK, step: 'startInstances' },
});
const world = await spawnProcess<OutsideWorld>(
  new URL('./support/outside-world-process.ts', import.meta.url),
  {
    BENCH_FIXTURE: organization.path,
    BENCH_TIME_SCALE: String(TIME_SCALE),
  },
);
const config = {
  ...HARNESS_CONFIG,
  aws: { ...HARNESS_CONFIG.aws, regions: REGIONS },
  runs: {
    defaultMode: 'multi-account',
    defaultRegions: [REGIONS[0]],
    defaultConcurrency: '100%',
    defaultMaxErrors: '100%',
  },
};
const workerEnv = (pollMs: number, maxPollMs: number) => ({
  POLL_INTERVAL_MS: String(pollMs),
  POLL_MAX_INTERVAL_MS: String(maxPollMs),
  METRICS_PORT: '0',
  LOG_LEVEL: 'info',
});
const startWorker = (pollMs = POLL_MS, maxPollMs = MAX_POLL_MS) =>
  spawnBot(world.ready, 0, { config, command: 'worker', env: workerEnv(pollMs, maxPollMs) });
const bot = await spawnBot(world.ready, Number(process.env.BENCH_BOT_PORT ?? 3919), {
  config,
  command: 'bot',
  env: { ...workerEnv(POLL_MS, MAX_POLL_MS), LOG_LEVEL: 'error' },
});
let workers: BotProcess[] = [await startWorker(), await startWorker()];
const redis = new Redis(world.ready.redisUrl);
const { find: findRun, read: readRun, untilFinished } = storedRuns(redis);
const footprint = runFootprint(redis, DEFAULT_KEY_PREFIX);
const control =
  (base: string) =>
  // biome-ignore lint/suspicious/noExplicitAny: the control APIs' answers, read by the few fields used below
  <T = Record<string, any>>(path: string, method = 'GET', body?: unknown) =>
    fetch(`${base}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then((response) => response.json() as Promise<T>);
const sandbox = control(`${world.ready.sandboxUrl}/_sandbox`);
const emulator = control(`${world.ready.slackUrl}/_emulator/`);

const naive = naiveClients(world.ready.sandboxUrl);
const peakRssMb = new Map<number, number>();
const sampler = setInterval(() => {
  for (const [index, worker] of workers.entries()) {
    worker.rssBytes().then(
      (bytes) => peakRssMb.set(index, Math.max(peakRssMb.get(index) ?? 0, bytes / 2 ** 20)),
      () => {},
    );
  }
}, 500);

try {
  console.log(
    `${ACCOUNTS} accounts in ${organization.organizationalUnits} OUs (3 levels) × ${REGIONS.length} regions; ` +
      `${organization.failingAccountIds.length} accounts fail (${organization.failingAccountIds.length * REGIONS.length} targets); load ${loadavg()[0]!.toFixed(2)}`,
  );
  // The workers before any run: what the runtime and the bot's modules hold, beside which the peaks are read.
  const idleWorkerRssMb = await Promise.all(
    workers.map(async (worker) => Math.round((await worker.rssBytes()) / 2 ** 20)),
  );
  await sandbox('/latency', 'PUT', { ms: LATENCY_MS });
  await sandbox('/throttling', 'PUT', { enabled: true });
  await emulator('request-url', 'PUT', { url: `${bot.url}/slack/events` });
  await emulator('rate-limits', 'PUT', { mode: 'slack' });
  // The naive poller's role sessions first: its AssumeRole calls would otherwise share the bot's quota mid-run.
  await naive.prepare(organization.accountIds);
  await sleep(3_000); // the AssumeRole bucket refills
  const multiAccount = await followRun('multi-account');
  report('multi-account', multiAccount);
  const fanOut = await followRun('fan-out');
  report('fan-out', fanOut);
  const workerPeaksMb = [...peakRssMb.values()].map(Math.round);
  const throughput = await pollingThroughput();
  console.log(
    `worker RSS (${MALLOC} malloc) peaks ${workerPeaksMb.join(', ')} MB, idle before the runs ${idleWorkerRssMb.join(', ')} MB (target ≤ ${TARGETS.workerRssMb}: ${verdict(Math.max(...workerPeaksMb) <= TARGETS.workerRssMb)}); ` +
      `polling throughput ${throughput.oneWorker.readsPerSecond.toFixed(0)} reads/s with 1 worker, ` +
      `${throughput.threeWorkers.readsPerSecond.toFixed(0)} with 3 (×${throughput.ratio.toFixed(2)}, target ≥ ${TARGETS.throughputRatio}: ${verdict(throughput.ratio >= TARGETS.throughputRatio)}; this machine's ceiling ×${throughput.ceilingRatio.toFixed(2)})`,
  );
  for (const [label, phase] of [
    ['1 worker', throughput.oneWorker],
    ['3 workers', throughput.threeWorkers],
  ] as const) {
    console.log(
      `  ${label}: ${phase.readsPerWorkerCpuSecond.toFixed(0)} reads per worker CPU-second; CPU over ${phase.seconds.toFixed(0)} s: ` +
        `workers ${(phase.cpu.workersMs / 1000).toFixed(1)} s, sandbox+emulator+Redis ${(phase.cpu.worldMs / 1000).toFixed(1)} s, ` +
        `bot ${(phase.cpu.botMs / 1000).toFixed(1)} s; machine ${(phase.cpu.machineBusy * 100).toFixed(0)} % busy (${cpus().length} cores)`,
    );
  }
  const targets = {
    threadCompleteMs: [multiAccount, fanOut].every((run) => run.threadCompleteMs <= TARGETS.threadCompleteMs),
    slackCallsBeyondFailures: [multiAccount, fanOut].every(
      (run) => run.slack.callsBeyondFailureReplies <= TARGETS.slackCallsBeyondFailures,
    ),
    noUnhandled429: [multiAccount, fanOut].every((run) => run.slack.unhandled429 === 0),
    workerRssMb: Math.max(...workerPeaksMb) <= TARGETS.workerRssMb,
    redisBytesPerRun: [multiAccount, fanOut].every((run) => run.redis.totalBytes <= TARGETS.redisBytes),
    throughputRatio: throughput.ratio >= TARGETS.throughputRatio,
  };
  const results = {
    benchmark:
      'one organization of many accounts: thread completion, Slack and AWS calls, memory, throughput',
    measuredAt: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    loadAverageAtEnd: loadavg().map((load) => Number(load.toFixed(2))),
    organization: {
      accounts: ACCOUNTS,
      organizationalUnits: organization.organizationalUnits,
      ouLevels: 3,
      regions: REGIONS,
      targets: ACCOUNTS * REGIONS.length,
      failingTargets: organization.failingAccountIds.length * REGIONS.length,
    },
    runbook: { name: RUNBOOK, simulatedSeconds: RUNBOOK_SIMULATED_SECONDS, timeScale: TIME_SCALE },
    pollIntervalMs: POLL_MS,
    maxPollIntervalMs: MAX_POLL_MS,
    awsLatencyMs: LATENCY_MS,
    runs: { multiAccount, fanOut },
    workerRss: { workers: 2, malloc: MALLOC, peakMb: workerPeaksMb, idleBeforeRunsMb: idleWorkerRssMb },
    pollingThroughput: throughput,
    lowerBounds: lowerBounds({ multiAccount, fanOut }),
    targets: TARGETS,
    targetsMet: targets,
  };
  const file =
    ACCOUNTS === 1000 && REGIONS.length === 3 ? 'scale.json' : `scale-${ACCOUNTS}x${REGIONS.length}.json`;
  await mkdir(new URL('./results/', import.meta.url), { recursive: true });
  await writeFile(new URL(`./results/${file}`, import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
  console.log(
    `targets: ${Object.entries(targets)
      .map(([name, met]) => `${name} ${verdict(met)}`)
      .join(', ')}; wrote bench/results/${file}`,
  );
  if (!Object.values(targets).every(Boolean)) process.exitCode = 1;
} finally {
  clearInterval(sampler);
  redis.disconnect();
  for (const worker of workers) await worker.stop();
  await bot.stop();
  await world.stop();
}

/** One run of the runbook over every account and region, a naive poller beside it, followed to its thread. */
async function followRun(mode: 'multi-account' | 'fan-out') {
  await sandbox('/calls', 'DELETE');
  const slackBefore = await emulator<Record<string, CallCount>>('calls');
  const commandAt = Date.now();
  const runId = await startRun(
    `run ${RUNBOOK} InstanceId=i-0123456789abcdef0 --accounts all --regions ${REGIONS.join(',')} ` +
      `--concurrency 100% --max-errors 100% --mode ${mode}`,
  );
  const naivePolls = naivePoller(world.ready.sandboxUrl, () => readRun(runId), POLL_MS, naive);
  progress(`${mode} ${runId} in the store`, commandAt);
  const run = await untilFinished(runId, 1_800_000);
  progress(`${mode} ${runId} ${run.status}`, commandAt);
  const ends = run.children
    .map((child) => Date.parse(child.endedAt ?? ''))
    .filter((end) => !Number.isNaN(end));
  const lastEndAt = await realTimeOf(Math.max(...ends));
  const firstEndAt = await realTimeOf(Math.min(...ends));
  const failed = new Set(
    run.children
      .filter((child) => FAILED.includes(child.status))
      .map((child) => `${child.accountId}:${child.region}`),
  );
  let thread = await footprint.thread(runId, failed);
  for (const deadline = Date.now() + 600_000; Date.now() < deadline; await sleep(250)) {
    thread = await footprint.thread(runId, failed);
    if (thread.resultsShared && thread.delivered === thread.records) break;
  }
  const completeAt = Date.now();
  progress(`${mode} ${runId} thread ${thread.delivered}/${thread.records} shown`, commandAt);
  const naiveReads = await naivePolls.finished;
  const slackAfter = await emulator<Record<string, CallCount>>('calls');
  const slack = slackDelta(slackBefore, slackAfter);
  const calls = (await sandbox('/calls')) as {
    rows: Array<{ operation: string; ok: number; error: number; throttled: number }>;
  };
  const count = (operations?: string[]) =>
    calls.rows
      .filter((row) => !operations || operations.includes(row.operation))
      .reduce((sum, row) => sum + row.ok + row.error + row.throttled, 0);
  const naiveCalls = naiveReads + naivePolls.discoveryCalls();
  const executions = run.children.filter((child) => child.executionId).length;
  const botReads = count(READS) - naiveReads - naivePolls.discoveryCalls();
  const undelivered = thread.records - thread.delivered;
  const gaveUp = Object.values(thread.gaveUp).reduce((sum, n) => sum + n, 0);
  return {
    runId,
    status: run.status,
    executions,
    failedTargets: failed.size,
    startToFirstEndMs: Math.round(firstEndAt - commandAt),
    startToLastEndMs: Math.round(lastEndAt - commandAt),
    threadCompleteMs:
      thread.resultsShared && undelivered === 0 ? completeAt - Math.round(lastEndAt) : Number.NaN,
    thread,
    slack: {
      ...slack,
      failureReplies: thread.failureReplies,
      callsBeyondFailureReplies: slack.total - thread.failureReplies,
      /** A 429 that made the bot give up a message, or left one unshown when the thread should be complete. */
      unhandled429: gaveUp + undelivered,
    },
    aws: {
      botCalls: count() - naiveCalls,
      botReads,
      botCallsPerExecution: (count() - naiveCalls) / executions,
      botReadsPerExecution: botReads / executions,
      naiveReadsPerExecution: (naiveReads + naivePolls.discoveryCalls()) / executions,
      readRatio: botReads / (naiveReads + naivePolls.discoveryCalls()),
      throttled: calls.rows.reduce((sum, row) => sum + row.throttled, 0),
      byOperation: Object.fromEntries(
        [...new Set(calls.rows.map((row) => row.operation))].map((operation) => [
          operation,
          count([operation]),
        ]),
      ),
    },
    redis: await footprint.memory(await readRun(runId)),
  };
}

/** The same targets followed by 1, then 3 workers, polled as fast as they can: AWS reads answered per second. */
async function pollingThroughput() {
  for (const worker of workers) await worker.stop();
  await sandbox('/clock/scale', 'POST', { scale: 0 });
  workers = [await startWorker(THROUGHPUT_POLL_MS, THROUGHPUT_POLL_MS)];
  const runId = await startRun(
    `run ${RUNBOOK} InstanceId=i-0123456789abcdef0 --accounts all --regions ${REGIONS.join(',')} --concurrency 100% --mode fan-out`,
  );
  for (const deadline = Date.now() + 900_000; Date.now() < deadline; await sleep(1000)) {
    // The command's answer can come before the run's record is written.
    const run = await findRun(runId);
    if (run && run.children.length > 0 && run.children.every((child) => child.executionId)) break;
  }
  const measure = async () => {
    await sleep(10_000); // every place polled a few times at the new pace
    const before = await readsAnswered();
    const cpuBefore = await cpuNow();
    const startedAt = Date.now();
    await sleep(20_000);
    const reads = (await readsAnswered()) - before;
    const cpu = cpuSince(cpuBefore, await cpuNow());
    return {
      reads,
      seconds: (Date.now() - startedAt) / 1000,
      readsPerSecond: (reads * 1000) / (Date.now() - startedAt),
      cpu,
      // What one CPU-second of the workers buys: if it holds with more workers, they scale and the limit is elsewhere.
      readsPerWorkerCpuSecond: reads / (cpu.workersMs / 1000),
    };
  };
  progress('throughput: every target started', Date.now());
  const oneWorker = await measure();
  workers.push(
    await startWorker(THROUGHPUT_POLL_MS, THROUGHPUT_POLL_MS),
    await startWorker(THROUGHPUT_POLL_MS, THROUGHPUT_POLL_MS),
  );
  const threeWorkers = await measure();
  return {
    definition:
      'AWS reads (DescribeAutomationExecutions, GetAutomationExecution, DescribeAutomationStepExecutions) the sandbox ' +
      `answered per second over 20 s, while the workers follow ${ACCOUNTS * REGIONS.length} executions that never end ` +
      `(clock frozen), poll interval ${THROUGHPUT_POLL_MS} ms (more than they can give), ${LATENCY_MS} ms added latency, quotas on`,
    oneWorker,
    threeWorkers,
    ratio: threeWorkers.readsPerSecond / oneWorker.readsPerSecond,
    ceilingRatio: throughputCeiling(oneWorker, threeWorkers),
  };
}

/**
 * The most three workers could give over one on this machine, given what one worker's reads cost in CPU: the
 * cores the three could have had (all but what everything else used meanwhile: the outside world, the bot, any
 * other load on the machine) over one worker's use, at most 3. Reads per worker CPU-second that hold from one
 * worker to three mean the workers scale, and the machine is the limit.
 */
function throughputCeiling(
  one: { seconds: number; cpu: { workersMs: number } },
  three: { seconds: number; cpu: { workersMs: number; machineBusy: number } },
): number {
  const oneWorkerCores = one.cpu.workersMs / 1000 / one.seconds;
  const cores = cpus().length;
  const everythingElseCores = three.cpu.machineBusy * cores - three.cpu.workersMs / 1000 / three.seconds;
  return Math.min(3, (cores - everythingElseCores) / oneWorkerCores);
}

/** CPU used so far by the workers, the outside world (sandbox, Slack emulator, Redis), the bot and the machine. */
async function cpuNow() {
  const workersMs = (await Promise.all(workers.map((worker) => cpuMsOf(worker.child.pid)))).reduce(
    (a, b) => a + b,
    0,
  );
  return {
    workersMs,
    worldMs: await cpuMsOfTree(world.child.pid),
    botMs: await cpuMsOf(bot.child.pid),
    machine: await machineCpuMs(),
  };
}

function cpuSince(before: Awaited<ReturnType<typeof cpuNow>>, after: Awaited<ReturnType<typeof cpuNow>>) {
  const machineBusyMs = after.machine.busyMs - before.machine.busyMs;
  return {
    workersMs: after.workersMs - before.workersMs,
    worldMs: after.worldMs - before.worldMs,
    botMs: after.botMs - before.botMs,
    // Share of all cores busy (any process, ours or not): near 1, the machine is the limit.
    machineBusy: machineBusyMs / (after.machine.totalMs - before.machine.totalMs),
  };
}

async function readsAnswered(): Promise<number> {
  const calls = (await sandbox('/calls')) as { rows: Array<{ operation: string; ok: number }> };
  return calls.rows.filter((row) => READS.includes(row.operation)).reduce((sum, row) => sum + row.ok, 0);
}

/** What Slack's pace, the sandbox's quotas and latency allow at best, beside what was measured. */
function lowerBounds(runs: Record<string, Awaited<ReturnType<typeof followRun>>>) {
  return {
    slack: {
      postsPerSecondPerChannel: 1,
      chatUpdatePerMinute: 50,
      note: 'chat.postMessage about 1/s per channel (files.completeUploadExternal paced with it); chat.update Tier 3, 50/min',
    },
    sandbox: {
      awsLatencyMs: LATENCY_MS,
      quotasPerAccountAndRegion: {
        StartAutomationExecution: '10/s',
        GetAutomationExecution: '40/s',
        DescribeAutomationExecutions: '20/s',
      },
      runbookRealSeconds: RUNBOOK_SIMULATED_SECONDS / TIME_SCALE,
    },
    perRun: Object.entries(runs).map(([mode, run]) => {
      const posts =
        (run.slack.byMethod['chat.postMessage']?.ok ?? 0) +
        (run.slack.byMethod['files.completeUploadExternal']?.ok ?? 0);
      const updates = run.slack.byMethod['chat.update']?.ok ?? 0;
      // Given the calls the bot made: one post a second in the channel, 50 edits a minute.
      const paceOfCallsMadeSeconds = Math.max(posts, (updates * 60) / 50);
      return {
        mode,
        postsAndShares: posts,
        updates,
        paceOfCallsMadeSeconds,
        /**
         * The least Slack's pace allows after the last end for a thread of this many messages, each posted once
         * in its final state: one a second, none before the first execution ends (nothing is final earlier), so
         * all but those that fit between the first and the last end come after it; plus one read to see the end
         * (two calls at the added latency). A thread with fewer messages could be faster.
         */
        threadCompleteFloorMs:
          2 * LATENCY_MS +
          Math.max(0, run.thread.records * 1000 - (run.startToLastEndMs - run.startToFirstEndMs)),
        threadCompleteMs: run.threadCompleteMs,
      };
    }),
  };
}

function slackDelta(before: Record<string, CallCount>, after: Record<string, CallCount>) {
  const byMethod: Record<string, { total: number; ok: number; rateLimited: number; errors: number }> = {};
  for (const [method, count] of Object.entries(after)) {
    const was = before[method] ?? { total: 0, ok: 0, rateLimited: 0, errors: 0 };
    const delta = {
      total: count.total - was.total,
      ok: count.ok - was.ok,
      rateLimited: count.rateLimited - was.rateLimited,
      errors: count.errors - was.errors,
    };
    if (delta.total > 0) byMethod[method] = delta;
  }
  const sum = (field: 'total' | 'rateLimited') =>
    Object.values(byMethod).reduce((total, count) => total + count[field], 0);
  return { total: sum('total'), rateLimited: sum('rateLimited'), byMethod };
}

/** The sandbox clock runs TIME_SCALE times faster than real time: a sandbox instant in real epoch ms. */
async function realTimeOf(sandboxMs: number): Promise<number> {
  const realNow = Date.now();
  const clock = await sandbox('/clock');
  return realNow - (Date.parse(clock.now) - sandboxMs) / TIME_SCALE;
}

function report(label: string, run: Awaited<ReturnType<typeof followRun>>) {
  console.log(
    `${label}: ${run.executions} executions (${run.failedTargets} failed), ${run.status}; last end ${run.startToLastEndMs} ms after the command; ` +
      `thread complete ${run.threadCompleteMs} ms after it (target ≤ ${TARGETS.threadCompleteMs}: ${verdict(run.threadCompleteMs <= TARGETS.threadCompleteMs)}); ` +
      `Slack ${run.slack.total} calls, ${run.slack.failureReplies} failure replies, ${run.slack.callsBeyondFailureReplies} beyond them ` +
      `(target ≤ ${TARGETS.slackCallsBeyondFailures}: ${verdict(run.slack.callsBeyondFailureReplies <= TARGETS.slackCallsBeyondFailures)}), ` +
      `${run.slack.rateLimited} answered 429, ${run.slack.unhandled429} unhandled; AWS reads per execution ${run.aws.botReadsPerExecution.toFixed(2)} ` +
      `vs naive ${run.aws.naiveReadsPerExecution.toFixed(2)} (all bot calls ${run.aws.botCallsPerExecution.toFixed(2)}); ` +
      `Redis ${(run.redis.totalBytes / 1024).toFixed(0)} KiB (target ≤ 2048: ${verdict(run.redis.totalBytes <= TARGETS.redisBytes)})`,
  );
}

/** Where the time goes, for a run that takes long: seconds since `since`. */
function progress(what: string, since: number) {
  console.log(`  ${((Date.now() - since) / 1000).toFixed(1)} s: ${what}`);
}

function verdict(met: boolean): string {
  return met ? 'met' : 'MISSED';
}

/** Runs `/ssm <text>` in the channel; the new run's id, once the run store has it (its only run is ours). */
async function startRun(text: string): Promise<string> {
  const recent = runKeys(DEFAULT_KEY_PREFIX).recent;
  const before = new Set(await redis.zrange(recent, 0, -1));
  await emulator('slash-command', 'POST', { userId: 'U0REQUEST1', channelId: CHANNEL, text });
  for (const deadline = Date.now() + 120_000; Date.now() < deadline; await sleep(200)) {
    const fresh = (await redis.zrange(recent, 0, -1)).find((id) => !before.has(id));
    // The recent list is written before the run's record (see RedisRunStore.create): wait for the record.
    if (fresh && (await findRun(fresh))) return fresh;
  }
  throw new Error(`no run in Redis two minutes after "/ssm ${text}": is the bot up?`);
}
