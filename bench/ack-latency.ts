// bench:ack — the bot's Slack latency measured against Bolt's own, in one run, under the same load.
// A. Ack latency: signed requests at a fixed rate (half `/ssm run … --dry-run`, half Status clicks), sent to
//    the bot and to a bare Bolt app that only acks them, in alternating segments with the same autocannon
//    settings. Targets: our p99 ≤ 1.5× the bare app's, under 100 ms, and no errors.
// B. Time to the first visible answer: sequential `/ssm run … --dry-run`, timed until the answer reaches the
//    response_url (a sink in this process), beside a bare Bolt app that `respond()`s a static message.
//    Target: our p99 ≤ 2× the bare app's.
// The bot and the worker run as production runs them, `ssm-chatops bot` and `ssm-chatops worker`, each in its
// own process from dist/; the bare app in another; the sandbox, Redis and the Slack emulator in another;
// autocannon here. CPU time per request is read from /proc for each app and for the outside world: on a busy
// machine it is the steadier figure. Writes bench/results/ack.json. BENCH_BOT_NODE_ARGS="--cpu-prof
// --cpu-prof-dir=…" profiles the bot and the worker; BENCH_SECONDS, BENCH_ROUNDS, BENCH_RATE and
// BENCH_FIRST_ANSWERS change the load.

import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { ackFigures, emptyLoad, runLoadSegment } from './support/ack-load.js';
import { type LatencySummary, ratio, summarizeLatencies } from './support/latency-summary.js';
import { startResponseSink } from './support/response-sink.js';
import {
  dryRunCommand,
  type SeededRun,
  type SignedRequest,
  seedRun,
  signed,
  statusClick,
} from './support/signed-slack-requests.js';
import { spawnBareBolt } from './support/spawn-bare-bolt.js';
import { MALLOC, type OutsideWorld, spawnBot } from './support/spawn-bot.js';
import { cpuMsOf, cpuMsOfTree, spawnProcess } from './support/spawn-process.js';

const RATE = Number(process.env.BENCH_RATE ?? 200);
/** Per app: each gets this many seconds at RATE, split into BENCH_ROUNDS segments that alternate. */
const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CONNECTIONS = 20;
const FIRST_ANSWERS = Number(process.env.BENCH_FIRST_ANSWERS ?? 200);
const FIRST_ANSWER_WARM_UP = 20;
/** Dry runs sent for B so far: each gets its own trigger_id, as from Slack. */
let firstAnswersSent = 0;
const TARGETS = { p99Ms: 100, ackP99VsBare: 1.5, firstAnswerP99VsBare: 2 };

interface App {
  name: 'ours' | 'bare';
  url: string;
  /** The process whose CPU time is counted: the bot's (the worker has no part in these requests). */
  pid: number | undefined;
}

/** The machine's 1-minute load average as the run starts: other work on these cores makes every figure noisy. */
const loadAtStart = loadavg()[0]!;
const world = await spawnProcess<OutsideWorld>(
  new URL('./support/outside-world-process.ts', import.meta.url),
);
// A worker being replaced may still hold the default metrics port: any free one.
const processEnv = { METRICS_PORT: '0' };
const bot = await spawnBot(world.ready, Number(process.env.BENCH_BOT_PORT ?? 3917), {
  command: 'bot',
  env: processEnv,
});
const worker = await spawnBot(world.ready, 0, {
  command: 'worker',
  env: { ...processEnv, LOG_LEVEL: 'info' },
});
const bareAck = await spawnBareBolt(world.ready, 'ack');
const sink = await startResponseSink();
console.log(`bot pid ${bot.child.pid}, worker pid ${worker.child.pid}, bare Bolt pid ${bareAck.child.pid}`);
try {
  const run = await seedRun(world.ready.slackUrl, world.ready.signingSecret, bot.url);
  const ours: App = { name: 'ours', url: bot.url, pid: bot.child.pid };
  const bare: App = { name: 'bare', url: bareAck.url, pid: bareAck.child.pid };

  // A. Each request is built and signed as it is sent, as Slack does: the bot refuses a signature it has seen
  // and a timestamp more than five minutes off. Signing costs the load generator, for both apps alike.
  let sent = 0;
  const nextRequest = (): SignedRequest => {
    sent += 1;
    const responseUrl = `${world.ready.sinkUrl}/${sent}`;
    const body = sent % 2 === 0 ? dryRunCommand(responseUrl, sent) : statusClick(run, responseUrl, sent);
    return signed(run.signingSecret, body);
  };
  // Warm up as a bot that has been running does: caches filled (Organizations, runbook schemas, group
  // memberships), code paths compiled by the JIT. Not measured.
  for (const app of [ours, bare]) {
    for (let warmUp = 0; warmUp < 100; warmUp++) {
      const request = nextRequest();
      await fetch(`${app.url}/slack/events`, { method: 'POST', ...request });
    }
  }
  const load = { ours: emptyLoad(), bare: emptyLoad() };
  const segmentSeconds = DURATION_SECONDS / ROUNDS;
  for (let round = 0; round < ROUNDS; round++) {
    // ours, bare, then bare, ours: neither always goes first, when the machine is freshest or busiest.
    for (const app of round % 2 === 0 ? [ours, bare] : [bare, ours]) {
      const cpuBefore = await cpuMsOf(app.pid);
      const worldCpuBefore = await cpuMsOfTree(world.child.pid);
      await runLoadSegment(
        {
          url: `${app.url}/slack/events`,
          seconds: segmentSeconds,
          ratePerSecond: RATE,
          connections: CONNECTIONS,
          nextRequest,
        },
        load[app.name],
      );
      // The bot's work after its acks (previews, ephemerals) finishes before the other app is measured, and
      // counts in its CPU time.
      await sleep(1_000);
      load[app.name].cpuMs += (await cpuMsOf(app.pid)) - cpuBefore;
      load[app.name].worldCpuMs += (await cpuMsOfTree(world.child.pid)) - worldCpuBefore;
    }
  }
  const ack = { ours: ackFigures(load.ours), bare: ackFigures(load.bare) };
  const botRssMb = Math.round((await bot.rssBytes()) / 2 ** 20);
  const bareRssMb = Math.round((await bareAck.rssBytes()) / 2 ** 20);
  await bareAck.stop();

  // B. One request at a time, alternating between the apps, so both see the same moments of the machine.
  const bareRespond = await spawnBareBolt(world.ready, 'respond');
  const firstAnswer = { ours: [] as number[], bare: [] as number[], failures: { ours: 0, bare: 0 } };
  try {
    const respondingBare: App = { name: 'bare', url: bareRespond.url, pid: bareRespond.child.pid };
    for (let index = 0; index < FIRST_ANSWER_WARM_UP + FIRST_ANSWERS; index++) {
      for (const app of index % 2 === 0 ? [ours, respondingBare] : [respondingBare, ours]) {
        const timed = await timeFirstAnswer(app, `${app.name}-${index}`, run);
        if (index < FIRST_ANSWER_WARM_UP) continue;
        if (timed === undefined) firstAnswer.failures[app.name] += 1;
        else firstAnswer[app.name].push(timed);
      }
    }
  } finally {
    await bareRespond.stop();
  }
  const answers = { ours: summarizeLatencies(firstAnswer.ours), bare: summarizeLatencies(firstAnswer.bare) };

  const ackRatios = {
    p50: ratio(ack.ours.p50Ms, ack.bare.p50Ms),
    p99: ratio(ack.ours.p99Ms, ack.bare.p99Ms),
  };
  const answerRatios = {
    p50: ratio(answers.ours.p50Ms, answers.bare.p50Ms),
    p99: ratio(answers.ours.p99Ms, answers.bare.p99Ms),
  };
  const ackErrors = ack.ours.non2xx + ack.ours.errors + ack.ours.timeouts;
  const met = {
    ackP99: ack.ours.p99Ms < TARGETS.p99Ms,
    ackP99VsBare: ackRatios.p99 <= TARGETS.ackP99VsBare,
    noErrors: ackErrors === 0 && firstAnswer.failures.ours === 0,
    firstAnswerP99VsBare: answerRatios.p99 <= TARGETS.firstAnswerP99VsBare,
  };
  const targetMet = Object.values(met).every(Boolean);

  const show = (figures: LatencySummary) =>
    `p50 ${figures.p50Ms} ms, p90 ${figures.p90Ms} ms, p99 ${figures.p99Ms} ms, max ${figures.maxMs} ms`;
  console.log(
    `A. ack: ${RATE}/s for ${DURATION_SECONDS} s per app in ${ROUNDS} alternating segments, ${CONNECTIONS} connections`,
  );
  for (const [name, figures] of Object.entries(ack)) {
    console.log(
      `  ${name.padEnd(4)} ${figures.requests} requests: ${show(figures)}; non-2xx ${figures.non2xx}, ` +
        `errors ${figures.errors}, timeouts ${figures.timeouts}; CPU per request ${figures.cpuMsPerRequest} ms ` +
        `(outside world ${figures.outsideWorldCpuMsPerRequest} ms)`,
    );
  }
  console.log(
    `  ours/bare: p50 ${ackRatios.p50}×, p99 ${ackRatios.p99}× (target ≤ ${TARGETS.ackP99VsBare}×, and p99 < ${TARGETS.p99Ms} ms)`,
  );
  console.log(`B. first visible answer to /ssm run --dry-run, ${FIRST_ANSWERS} sequential each:`);
  for (const name of ['ours', 'bare'] as const) {
    console.log(`  ${name.padEnd(4)} ${show(answers[name])}; no answer ${firstAnswer.failures[name]}`);
  }
  console.log(
    `  ours/bare: p50 ${answerRatios.p50}×, p99 ${answerRatios.p99}× (target ≤ ${TARGETS.firstAnswerP99VsBare}×)`,
  );
  console.log(
    `targets: ${Object.entries(met)
      .map(([name, ok]) => `${name} ${ok ? 'met' : 'NOT met'}`)
      .join(', ')}`,
  );

  await mkdir(new URL('./results/', import.meta.url), { recursive: true });
  await writeFile(
    new URL('./results/ack.json', import.meta.url),
    `${JSON.stringify(
      {
        benchmark: 'Slack request ack latency and time to the first visible answer, beside a bare Bolt app',
        measuredAt: new Date().toISOString(),
        node: process.version,
        workerMalloc: MALLOC,
        cpus: cpus().length,
        loadAverage: { atStart: round2(loadAtStart), atEnd: round2(loadavg()[0]!) },
        processes: 'ssm-chatops bot and ssm-chatops worker (dist/), bare Bolt app, outside world: one each',
        ratePerSecond: RATE,
        durationSeconds: DURATION_SECONDS,
        rounds: ROUNDS,
        connections: CONNECTIONS,
        mix: '50% /ssm run --dry-run, 50% Status button',
        // The bot's figures under the existing names, so earlier results compare.
        requests: ack.ours.requests,
        perSecond: ack.ours.perSecond,
        p50Ms: ack.ours.p50Ms,
        p90Ms: ack.ours.p90Ms,
        p99Ms: ack.ours.p99Ms,
        maxMs: ack.ours.maxMs,
        non2xx: ack.ours.non2xx,
        serverErrors: ack.ours.serverErrors,
        errors: ack.ours.errors,
        timeouts: ack.ours.timeouts,
        cpuMsPerRequest: ack.ours.cpuMsPerRequest,
        outsideWorldCpuMsPerRequest: ack.ours.outsideWorldCpuMsPerRequest,
        botRssMb,
        bare: { ...ack.bare, rssMb: bareRssMb },
        ratios: ackRatios,
        firstAnswer: {
          requests: FIRST_ANSWERS,
          warmUp: FIRST_ANSWER_WARM_UP,
          ours: { ...answers.ours, noAnswer: firstAnswer.failures.ours },
          bare: { ...answers.bare, noAnswer: firstAnswer.failures.bare },
          ratios: answerRatios,
        },
        targetP99Ms: TARGETS.p99Ms,
        targets: TARGETS,
        met,
        targetMet,
      },
      null,
      2,
    )}\n`,
  );
  if (!targetMet) process.exitCode = 1;
} finally {
  await sink.close();
  await bareAck.stop();
  await Promise.all([bot.stop(), worker.stop()]);
  await world.stop();
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * Milliseconds from sending a signed `/ssm run … --dry-run` to its answer at the response_url, or undefined when
 * it was refused, never came, or was not the preview (the bot's answer must read `Dry run`).
 */
async function timeFirstAnswer(app: App, id: string, run: SeededRun): Promise<number | undefined> {
  firstAnswersSent += 1;
  const request = signed(run.signingSecret, dryRunCommand(sink.urlFor(id), firstAnswersSent));
  const answer = sink.next(id, 10_000);
  const started = performance.now();
  const acked = await fetch(`${app.url}/slack/events`, { method: 'POST', ...request });
  await acked.arrayBuffer();
  const body = await answer.catch(() => undefined);
  const elapsed = performance.now() - started;
  if (!acked.ok || body === undefined || !body.includes('Dry run')) return undefined;
  return elapsed;
}
