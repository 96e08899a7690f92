// /metrics, /livez and /readyz on the bot (beside /slack/events) and on a worker process (METRICS_PORT): a run
// driven end to end through the real bot, sandbox and Slack emulator shows up in a Prometheus scrape.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type BotHarness, freePort, HARNESS_CONFIG, startBotHarness } from '../support/bot-harness.js';
import { parsePrometheusText, type Scrape } from '../support/prometheus-text.js';
import { newestRunId, untilRunEnds } from '../support/run-driving.js';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process.js';

const ALICE = 'U0REQUEST1';
const OPS = 'C0OPS00001';
const QUEUES = ['poll-location', 'start-children', 'change-expiry', 'slack-outbox', 'automation-events'];
let harness: BotHarness;

beforeAll(async () => {
  harness = await startBotHarness({ redisAppendOnly: true });
});
afterAll(() => harness?.close());

const get = (port: number, path: string) =>
  fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(5_000) });

async function scrape(port: number): Promise<Scrape> {
  const response = await get(port, '/metrics');
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheusText(await response.text());
}

describe('the bot /metrics', () => {
  it('when a run goes end to end through one AWS throttle and one Slack 429, then the scrape counts the run, its AWS and Slack calls, the throttle and the 429', async () => {
    // One throttled StartAutomationExecution (the SDK retries it) and one 429 on an edit (the outbox waits).
    await harness.sandbox.control.addFault({
      kind: 'api-error',
      operation: 'StartAutomationExecution',
      errorCode: 'ThrottlingException',
      httpStatus: 400,
      message: 'Rate exceeded',
      remaining: 1,
    });
    harness.slack.forceRateLimit({ method: 'chat.update', count: 1, retryAfterSeconds: 1 });

    await harness.slack.driver.slashCommand({
      userId: ALICE,
      channelId: OPS,
      text: 'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --accounts payments-prod,identity-prod',
    });
    const runId = await newestRunId(harness, OPS);
    // While it runs (the sandbox clock stands still), the worker polls its place again and again.
    await vi.waitFor(
      async () => {
        const during = await scrape(harness.bot.port);
        expect(during.sum('ssm_chatops_runs', { status: 'running' })).toBe(1);
        expect(during.sum('ssm_chatops_tracked_places', { polled: 'true' })).toBeGreaterThan(0);
        expect(during.sum('ssm_chatops_poll_interval_seconds_count')).toBeGreaterThan(0);
        expect(during.sum('ssm_chatops_poll_lag_seconds')).toBeLessThan(5);
      },
      { timeout: 10_000, interval: 100 },
    );
    const run = await untilRunEnds(harness, runId);
    expect(run.status).toBe('succeeded');

    // The outbox edits the parent after the run ends: wait until the 429 and the edit that followed are counted.
    let metrics!: Scrape;
    await vi.waitFor(
      async () => {
        metrics = await scrape(harness.bot.port);
        expect(
          metrics.sum('ssm_chatops_slack_calls_total', { method: 'chat.update', outcome: 'ok' }),
        ).toBeGreaterThan(0);
        expect(
          metrics.sum('ssm_chatops_slack_calls_total', { method: 'chat.update', outcome: 'rate_limited' }),
        ).toBe(1);
      },
      { timeout: 15_000, interval: 200 },
    );

    // The run and its executions, by status.
    expect(metrics.sum('ssm_chatops_runs', { status: 'succeeded' })).toBe(1);
    expect(metrics.sum('ssm_chatops_runs', { status: 'failed' })).toBe(0);
    expect(metrics.sum('ssm_chatops_executions', { status: 'Success' })).toBe(run.children.length);
    expect(metrics.find('ssm_chatops_change_requests', { status: 'pending' })).toEqual([
      expect.objectContaining({ value: 0 }),
    ]);

    // AWS: by service and operation; the throttled attempt and its retry, and the call that succeeded after it.
    const start = { service: 'SSM', operation: 'StartAutomationExecution' };
    expect(metrics.sum('ssm_chatops_aws_calls_total', { ...start, outcome: 'success' })).toBe(1);
    expect(metrics.sum('ssm_chatops_aws_throttled_attempts_total', start)).toBe(1);
    expect(metrics.sum('ssm_chatops_aws_retries_total', start)).toBe(1);
    expect(
      metrics.sum('ssm_chatops_aws_calls_total', {
        operation: 'DescribeAutomationExecutions',
        outcome: 'success',
      }),
    ).toBeGreaterThan(0);
    expect(
      metrics.sum('ssm_chatops_aws_calls_total', { service: 'STS', operation: 'AssumeRole' }),
    ).toBeGreaterThan(0);
    expect(metrics.sum('ssm_chatops_aws_call_duration_seconds_count', start)).toBe(1);

    // Slack: by method and outcome, and the Retry-After it asked for.
    expect(
      metrics.sum('ssm_chatops_slack_calls_total', { method: 'chat.postMessage', outcome: 'ok' }),
    ).toBeGreaterThan(0);
    expect(metrics.sum('ssm_chatops_slack_retry_after_seconds_total', { method: 'chat.update' })).toBe(1);

    // Queues, outbox and polling.
    for (const queue of QUEUES) {
      for (const state of ['waiting', 'active', 'delayed']) {
        expect(metrics.find('ssm_chatops_queue_jobs', { queue, state }), `${queue} ${state}`).toHaveLength(1);
      }
      expect(metrics.find('ssm_chatops_queue_oldest_waiting_seconds', { queue })).toHaveLength(1);
    }
    expect(metrics.find('ssm_chatops_outbox_backlog')).toHaveLength(1);
    expect(metrics.find('ssm_chatops_outbox_oldest_undelivered_seconds')).toHaveLength(1);
    expect(metrics.find('ssm_chatops_poll_lag_seconds')).toHaveLength(1);
    expect(metrics.find('ssm_chatops_tracked_places', { polled: 'false' })).toHaveLength(1);

    // prom-client's default process metrics.
    for (const name of [
      'process_cpu_user_seconds_total',
      'process_start_time_seconds',
      'nodejs_eventloop_lag_seconds',
      'nodejs_heap_size_used_bytes',
    ]) {
      expect(metrics.find(name), name).not.toHaveLength(0);
    }
    // Our names follow Prometheus's conventions, each with a help line.
    for (const [name, type] of metrics.types) {
      if (!name.startsWith('ssm_chatops_')) continue;
      expect(metrics.help.get(name), name).toMatch(/\w/);
      if (type === 'counter') expect(name).toMatch(/_total$/);
      if (type === 'histogram') expect(name).toMatch(/_seconds$/);
    }
  });
});

describe('the bot /livez and /readyz', () => {
  it('when Redis is up, then both answer 200 and /readyz lists its checks', async () => {
    expect((await get(harness.bot.port, '/livez')).status).toBe(200);
    const ready = await get(harness.bot.port, '/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      ok: true,
      failed: [],
      checks: { redis: true, queues: true, config: true },
    });
    expect((await get(harness.bot.port, '/healthz')).status).toBe(200);
  });

  it('when Redis crashes, then /readyz answers 503 naming redis and the queues, /livez and /metrics still answer; when it is back, then /readyz is 200 again', async () => {
    // Not events.once: it rejects on the 'error' (ECONNRESET) a busy connection may emit first.
    const reconnecting = new Promise((resolve) => harness.services.redis.once('reconnecting', resolve));
    await harness.redis.crash();
    try {
      await reconnecting;
      const down = await get(harness.bot.port, '/readyz');
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ ok: false, failed: ['redis', 'queues'] });
      expect((await get(harness.bot.port, '/livez')).status).toBe(200);
      // The process's own metrics are served; what Redis would say is left out rather than waited for.
      const metrics = await scrape(harness.bot.port);
      expect(metrics.find('process_cpu_user_seconds_total')).toHaveLength(1);
      expect(metrics.find('ssm_chatops_runs')).toEqual([]);
      expect(metrics.find('ssm_chatops_queue_jobs')).toEqual([]);
    } finally {
      await harness.redis.resume();
    }
    await vi.waitFor(async () => expect((await get(harness.bot.port, '/readyz')).status).toBe(200), {
      timeout: 15_000,
      interval: 100,
    });
    expect((await scrape(harness.bot.port)).sum('ssm_chatops_runs', { status: 'succeeded' })).toBe(1);
  });
});

describe('the bot /metrics while Redis hangs', () => {
  it('when Redis is connected but answers nothing, then a scrape still answers within a few seconds, without the gauges read from Redis', async () => {
    harness.redis.freeze();
    try {
      const started = Date.now();
      const metrics = await scrape(harness.bot.port);
      expect(Date.now() - started).toBeLessThan(4_000);
      expect(metrics.find('process_cpu_user_seconds_total')).toHaveLength(1);
      expect(metrics.find('ssm_chatops_runs')).toEqual([]);
      expect((await get(harness.bot.port, '/readyz')).status).toBe(503);
    } finally {
      harness.redis.thaw();
    }
    await vi.waitFor(async () => expect((await get(harness.bot.port, '/readyz')).status).toBe(200), {
      timeout: 15_000,
      interval: 100,
    });
  });
});

describe('a worker process on METRICS_PORT', () => {
  let worker: WorkerProcess | undefined;
  afterAll(() => worker?.stop());

  it('when `ssm-chatops worker` runs, then it serves /metrics, /livez and /readyz on METRICS_PORT', async () => {
    const port = await freePort();
    worker = await startWorkerProcess(harness, HARNESS_CONFIG, { METRICS_PORT: String(port) });
    await vi.waitFor(async () => expect((await get(port, '/livez')).status).toBe(200), { timeout: 10_000 });

    const ready = await get(port, '/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      ok: true,
      failed: [],
      checks: { redis: true, queues: true, config: true, workers: true },
    });
    const metrics = await scrape(port);
    expect(metrics.find('ssm_chatops_queue_jobs', { queue: 'poll-location', state: 'waiting' })).toHaveLength(
      1,
    );
    // The same store as the bot's: the run driven above.
    expect(metrics.sum('ssm_chatops_runs', { status: 'succeeded' })).toBe(1);
    expect(metrics.find('process_resident_memory_bytes')).toHaveLength(1);
    expect((await get(port, '/slack/events')).status).toBe(404);
  });
});
