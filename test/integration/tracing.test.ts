// Optional OpenTelemetry tracing, with the bot and a worker as real processes: with an OTLP endpoint set their
// spans reach a stand-in collector as one trace from the slash command to the run's jobs, and carry no secret;
// with nothing set, a worker loads no part of the SDK and sends nothing; a collector that does not answer costs
// a stop no more than SHUTDOWN_TIMEOUT_MS.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BotHarness, freePort, HARNESS_CONFIG, startBotHarness } from '../support/bot-harness.js';
import { type OtlpReceiver, type ReceivedSpan, startOtlpReceiver } from '../support/otlp-receiver.js';
import { newestRunId, untilRunEnds } from '../support/run-driving.js';
import { startWorkerProcess } from '../support/worker-process.js';

const ALICE = 'U0REQUEST1';
const OPS = 'C0OPS00001';
const INSTANCE = 'i-0123456789abcdef0';
const SERVER = 2;
const PRODUCER = 4;
const CONSUMER = 5;
/** A worker's SHUTDOWN_TIMEOUT_MS where the test waits it out. */
const SHORT_SHUTDOWN_MS = 500;

let harness: BotHarness;
let receiver: OtlpReceiver;

beforeAll(async () => {
  [harness, receiver] = await Promise.all([
    // No worker in the test process: the worker processes below run the jobs.
    startBotHarness({ worker: false, eventsSecret: 'events-secret-for-tracing-test' }),
    startOtlpReceiver(),
  ]);
});
afterAll(async () => {
  await harness?.close();
  await receiver?.close();
});

const runIds: string[] = [];

/** One run of one account, from the slash command to its end. */
async function runOnce(accounts: string): Promise<void> {
  await harness.slack.driver.slashCommand({
    userId: ALICE,
    channelId: OPS,
    text: `run AWS-RestartEC2Instance InstanceId=${INSTANCE} --accounts ${accounts}`,
  });
  const runId = await newestRunId(harness, OPS, runIds);
  runIds.push(runId);
  const run = await untilRunEnds(harness, runId);
  expect(run.status).toBe('succeeded');
}

describe('without OTEL_ settings', () => {
  it('when a worker follows a run, then it loads no OpenTelemetry package and sends the collector nothing', async () => {
    const loadedFile = join(mkdtempSync(join(tmpdir(), 'loaded-')), 'packages.txt');
    const worker = await startWorkerProcess(
      harness,
      HARNESS_CONFIG,
      { LOADED_PACKAGES_FILE: loadedFile },
      { nodeArgs: ['--import', './test/support/record-loaded-packages.ts'] },
    );
    // The harness's own bot (in this process, untraced) takes the command; the worker process runs the run.
    harness.slack.setRequestUrl(`http://127.0.0.1:${harness.bot.port}/slack/events`);
    await runOnce('payments-prod');
    await worker.stop();

    expect(worker.child.exitCode).toBe(0);
    const loaded = readFileSync(loadedFile, 'utf8').split('\n');
    // The hook saw what the worker loaded (so an empty list below means something)…
    expect(loaded).toEqual(expect.arrayContaining(['bullmq', 'ioredis', '@aws-sdk/client-ssm']));
    // …and no part of the SDK, the instrumentations or BullMQ's add-on was among it. (The API, a no-op facade
    // without the SDK, was loaded before tracing existed: prom-client requires it for exemplars.)
    const otel = loaded.filter((name) => name.startsWith('@opentelemetry/') || name === 'bullmq-otel');
    expect(otel).toEqual(['@opentelemetry/api']);
    expect(receiver.requests()).toEqual([]);
  });
});

describe('with OTEL_EXPORTER_OTLP_ENDPOINT set', () => {
  it('when a slash command starts a run, then the bot and the worker export one trace of it, each under its service name, with no secret in it', async () => {
    const otel = { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' };
    const port = await freePort();
    const [bot, worker] = await Promise.all([
      startWorkerProcess(
        harness,
        { ...HARNESS_CONFIG, events: { endpointUrl: harness.eventsUrl } },
        {
          ...otel,
          PORT: String(port),
          SSM_CHATOPS_EVENTS_SECRET: harness.config.env.SSM_CHATOPS_EVENTS_SECRET!,
        },
        { command: 'bot' },
      ),
      startWorkerProcess(harness, HARNESS_CONFIG, otel),
    ]);
    harness.slack.setRequestUrl(`http://127.0.0.1:${port}/slack/events`);
    await runOnce('identity-prod');
    // An EventBridge delivery with the events secret in its header (an event the bot ignores).
    const delivered = await fetch(`http://127.0.0.1:${port}/aws/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-ssm-chatops-secret': harness.config.env.SSM_CHATOPS_EVENTS_SECRET!,
      },
      body: JSON.stringify({ id: 'tracing-test', 'detail-type': 'Not an automation event', detail: {} }),
    });
    expect(delivered.ok).toBe(true);
    // No waiting for the exporters' schedule: a clean stop exports what is buffered, within SHUTDOWN_TIMEOUT_MS.
    await Promise.all([bot.stop(), worker.stop()]);
    expect([bot.child.exitCode, worker.child.exitCode]).toEqual([0, 0]);

    expect(new Set(receiver.requests())).toEqual(new Set(['POST /v1/traces']));
    const spans = receiver.spans();
    const of = (service: string) => spans.filter((span) => span.service === service);
    const named = (list: ReceivedSpan[], name: string, kind?: number) =>
      list.find((span) => span.name === name && (kind === undefined || span.kind === kind));
    const botSpans = of('ssm-chatops-bot');
    const workerSpans = of('ssm-chatops-worker');
    expect(new Set(spans.map((span) => span.service))).toEqual(
      new Set(['ssm-chatops-bot', 'ssm-chatops-worker']),
    );

    // The bot: the slash command as it came in, what it asked AWS and Slack, and the run's starter job it queued.
    const command = botSpans.find(
      (span) => span.kind === SERVER && span.attributes['url.path'] === '/slack/events',
    );
    expect(command).toBeDefined();
    const trace = botSpans.filter((span) => span.traceId === command!.traceId);
    expect(named(trace, 'SSM.DescribeDocument')).toBeDefined();
    expect(named(trace, 'add start-children.work', PRODUCER)).toBeDefined();
    expect(trace.some((span) => span.attributes['url.path'] === '/api/chat.postMessage')).toBe(true);
    expect(
      botSpans.some((span) => span.kind === SERVER && span.attributes['url.path'] === '/aws/events'),
    ).toBe(true);
    // The probes are not traced.
    expect(
      botSpans.filter((span) =>
        /^\/(livez|readyz|healthz|metrics)$/.test(String(span.attributes['url.path'])),
      ),
    ).toEqual([]);

    // The worker continues the same trace through the queue: the starter job, the execution it started.
    const started = workerSpans.filter((span) => span.traceId === command!.traceId);
    expect(named(started, 'process start-children', CONSUMER)).toBeDefined();
    expect(named(started, 'SSM.StartAutomationExecution')).toBeDefined();
    expect(named(workerSpans, 'process poll-location', CONSUMER)).toBeDefined();

    // Redis spans name their command, never a key or a value.
    const redis = spans.filter((span) => span.attributes['db.system.name'] === 'redis');
    expect(redis.length).toBeGreaterThan(0);
    for (const span of redis) expect(span.attributes['db.query.text']).toMatch(/^[a-z]+$/i);

    // No secret, no request body and no response_url reached the collector.
    const sent = receiver.bodies().join('\n');
    for (const secret of harness.secrets()) expect(sent, secret.name).not.toContain(secret.value);
    expect(sent).not.toContain(INSTANCE);
    expect(sent).not.toContain('/response/');
  });
});

describe('with a collector that does not answer', () => {
  it('when the worker is stopped, then it drops the spans it could not export and still exits 0 in time', async () => {
    const worker = await startWorkerProcess(harness, HARNESS_CONFIG, {
      // Nothing listens there: every export is refused, and the exporter retries for up to 10 s.
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${await freePort()}`,
      SHUTDOWN_TIMEOUT_MS: String(SHORT_SHUTDOWN_MS),
    });
    const stopping = Date.now();
    await worker.stop();

    expect(worker.child.exitCode).toBe(0);
    // SHUTDOWN_TIMEOUT_MS, then at most the CLI's 2 s grace for the exporter's retry timers, and some slack.
    expect(Date.now() - stopping).toBeLessThan(SHORT_SHUTDOWN_MS + 2_000 + 1_500);
    expect(readFileSync(worker.logPath, 'utf8')).toContain('spans still buffered were dropped');
  });
});
