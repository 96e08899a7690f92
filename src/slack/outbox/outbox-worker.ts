// The BullMQ worker that delivers outbox messages to Slack. Any number may run against one Redis: each key has
// one job at a time, pacing is shared in Redis, and a worker killed mid-job leaves a stalled job another takes.
import type { WebClientOptions } from '@slack/web-api';
import { DelayedError, type Job, type Telemetry, UnrecoverableError, Worker } from 'bullmq';
import type { Logger } from 'pino';
import { classifyingFaults } from '../../jobs/job-faults.js';
import { workerOptions } from '../../jobs/job-settings.js';
import type { RedisClient } from '../../store/redis-connection.js';
import { DEFAULT_KEY_PREFIX } from '../../store/redis-run-store.js';
import { DEFAULT_DELIVERY_SETTINGS, type DeliverySettings } from './decide-delivery.js';
import { type DeliveryEvent, deliverMessage } from './deliver-message.js';
import { outboxKeys } from './outbox-keys.js';
import { OUTBOX_QUEUE_NAME, type OutboxJobData } from './outbox-queue.js';
import { DEFAULT_RETENTION_SECONDS, OutboxStore } from './outbox-store.js';
import { SendPermits } from './send-permits.js';
import { createOutboxWebClient, SlackMessages } from './slack-messages.js';

export interface OutboxWorkerOptions {
  /** BullMQ's connection (it duplicates it for its blocking reads); also used for the outbox's own keys. */
  connection: RedisClient;
  /** BullMQ's key prefix; must match the outbox's queue. */
  queuePrefix?: string;
  /** The outbox's key prefix (default `ssm-chatops:`); must match RedisSlackOutbox's. */
  keyPrefix?: string;
  /** The bot token and the WebClient options (slackApiUrl, logger); 429 handling and retries are the worker's. */
  slack: { token: string; clientOptions?: WebClientOptions };
  logger: Logger;
  /** Keys delivered at once by this process (default 8); pacing holds whatever the total. */
  concurrency?: number;
  /** Must match RedisSlackOutbox's. */
  settings?: Partial<DeliverySettings>;
  retentionSeconds?: number;
  /** Epoch ms (default Date.now): decides windows and permits; BullMQ's delays are converted from it. */
  now?: () => number;
  /** BullMQ's job lock (default 30 s): how long a killed worker's job waits before another takes it. */
  lockDurationMs?: number;
  /** How often this worker looks for stalled jobs (default 30 s). */
  stalledIntervalMs?: number;
  /** Called after each post, edit, adoption, refusal and 429. */
  onDelivery?: (event: DeliveryEvent) => void;
  /** BullMQ's OpenTelemetry add-on, when the process traces. */
  telemetry?: Telemetry;
}

export function createOutboxWorker(options: OutboxWorkerOptions): Worker<OutboxJobData> {
  const keys = outboxKeys(options.keyPrefix ?? DEFAULT_KEY_PREFIX);
  const now = options.now ?? Date.now;
  const logger = options.logger;
  const deps = {
    store: new OutboxStore(options.connection, keys, options.retentionSeconds ?? DEFAULT_RETENTION_SECONDS),
    permits: new SendPermits(options.connection, keys),
    slack: new SlackMessages(createOutboxWebClient(options.slack.token, options.slack.clientOptions)),
    settings: { ...DEFAULT_DELIVERY_SETTINGS, ...options.settings },
    now,
    report: (event: DeliveryEvent) => {
      if (event.kind === 'gave-up') logger.warn(event, 'slack outbox gave up on a message');
      // The one line of a 429: its WebClient rejects it without a warning of its own (see bolt-logger.ts).
      else if (event.kind === 'rate-limited')
        logger.warn({ ...event, error: 'ratelimited' }, 'Slack rate-limited the outbox');
      else logger.debug(event, `slack outbox: ${event.kind}`);
      options.onDelivery?.(event);
    },
  };
  const worker = new Worker<OutboxJobData>(
    OUTBOX_QUEUE_NAME,
    classifyingFaults(async (job: Job<OutboxJobData>, token?: string) => {
      const outcome = await deliverMessage(deps, job.data.key, job.data.generation);
      if (outcome.kind === 'gave-up') {
        throw new UnrecoverableError(`slack outbox gave up on ${job.data.key}: ${outcome.reason}`);
      }
      if (outcome.kind === 'later') {
        // BullMQ measures delays on the wall clock.
        await job.moveToDelayed(Date.now() + Math.max(0, outcome.atMs - now()), token);
        throw new DelayedError();
      }
    }),
    workerOptions({
      connection: options.connection,
      prefix: options.queuePrefix,
      concurrency: options.concurrency ?? 8,
      ...(options.lockDurationMs !== undefined && { lockDurationMs: options.lockDurationMs }),
      ...(options.stalledIntervalMs !== undefined && { stalledIntervalMs: options.stalledIntervalMs }),
      ...(options.telemetry && { telemetry: options.telemetry }),
    }),
  );
  worker.on('failed', (job, error) => {
    if (error instanceof UnrecoverableError) return;
    logger.warn(
      { key: job?.data.key, attempt: job?.attemptsMade, error: error.message },
      'slack outbox delivery failed; it will be retried',
    );
  });
  worker.on('error', (error) => logger.error({ error: error.message }, 'slack outbox worker error'));
  return worker;
}
