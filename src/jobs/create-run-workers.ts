// The BullMQ workers that carry runs: pollers (one job per account and region) and starters (one per run). Any
// number of processes may run them against one Redis; a process killed mid-job leaves a stalled job another
// process picks up, and every step is idempotent (ClientToken, compare-and-set, outbox keys).
import { DelayedError, type Job, type Telemetry, Worker } from 'bullmq';
import type { Logger } from 'pino';
import type { ExecutionLocation } from '../core/tracking/tracked-location.js';
import type { AcceptedAutomationEvent } from '../http/aws-events-route.js';
import type { RedisClient } from '../store/redis-connection.js';
import { expireChange } from '../use-cases/expire-change.js';
import { ingestAutomationEvent } from '../use-cases/ingest-automation-event.js';
import { openChangeWindow } from '../use-cases/open-change-window.js';
import { pollLocation } from '../use-cases/poll-location.js';
import type { RunContext } from '../use-cases/run-context.js';
import { startChildren } from '../use-cases/start-children.js';
import { classifyingFaults } from './job-faults.js';
import { workerOptions } from './job-settings.js';
import {
  ChangeJobName,
  type ExpiryJobData,
  type PollJobData,
  QueueName,
  type StartJobData,
} from './queue-names.js';
import { rescheduleOrFinish } from './self-rescheduling.js';

export interface RunWorkersOptions {
  /** A connection of the workers' own: BullMQ workers block on Redis. */
  connection: RedisClient;
  /** For the "asked again" keys. */
  redis: RedisClient;
  /** The bot's key prefix (the "asked again" keys) and BullMQ's. */
  prefix: string;
  queuePrefix: string;
  logger: Logger;
  concurrency?: number;
  /** BullMQ's job lock: a killed worker's jobs are taken over after about this long (and a stalled check). */
  lockDurationMs?: number;
  /** Told after each poll of a place, and whether anything is still tracked there (the poll-lag metrics). */
  onPolled?: (location: ExecutionLocation, stillTracked: boolean) => void;
  /** BullMQ's OpenTelemetry add-on, when the process traces. */
  telemetry?: Telemetry;
}

export function createRunWorkers(context: RunContext, options: RunWorkersOptions): Array<Worker> {
  const settings = workerOptions({
    connection: options.connection,
    prefix: options.queuePrefix,
    concurrency: options.concurrency ?? 16,
    ...(options.lockDurationMs !== undefined && { lockDurationMs: options.lockDurationMs }),
    ...(options.telemetry && { telemetry: options.telemetry }),
  });
  const again = (job: Job, token: string | undefined, delayMs: number | undefined) =>
    rescheduleOrFinish(job, token, options.redis, options.prefix, delayMs);

  const poller = new Worker<PollJobData>(
    QueueName.pollLocation,
    classifyingFaults(async (job, token) => {
      const { accountId, region, delayMs } = job.data;
      const outcome = await pollLocation(context, { accountId, region }, delayMs);
      options.onPolled?.({ accountId, region }, outcome.nextDelayMs !== undefined);
      await again(job, token, outcome.nextDelayMs);
    }),
    settings,
  );
  const starter = new Worker<StartJobData>(
    QueueName.startChildren,
    classifyingFaults(async (job, token) => {
      const outcome = await startChildren(context, job.data.runId);
      await again(job, token, outcome.againInMs);
    }),
    // A starter holds a whole run and starts up to eight executions at once: a few runs at a time per worker.
    { ...settings, concurrency: Math.min(settings.concurrency ?? 16, 4) },
  );
  const ingester = new Worker<AcceptedAutomationEvent>(
    QueueName.automationEvents,
    classifyingFaults(async (job) => {
      const outcome = await ingestAutomationEvent(context, job.data);
      options.logger.debug({ eventId: job.data.eventId, outcome }, 'EventBridge event handled');
    }),
    settings,
  );
  const expirer = new Worker<ExpiryJobData>(
    QueueName.changeExpiry,
    classifyingFaults(async (job, token) => {
      const outcome =
        job.name === ChangeJobName.openWindow
          ? await openChangeWindow(context, job.data.changeId)
          : await expireChange(context, job.data.changeId);
      options.logger.debug({ changeId: job.data.changeId, job: job.name, outcome }, 'change job');
      if (outcome.outcome === 'not-due' && outcome.dueInMs !== undefined && token) {
        await job.moveToDelayed(Date.now() + outcome.dueInMs, token);
        throw new DelayedError();
      }
    }),
    settings,
  );
  for (const [name, worker] of [
    ['poll', poller],
    ['start', starter],
    ['event', ingester],
    ['expiry', expirer],
  ] as const) {
    worker.on('failed', (job, error) =>
      options.logger.warn({ err: error, job: job?.id, attempt: job?.attemptsMade }, `${name} job failed`),
    );
    worker.on('error', (error) => options.logger.error({ err: error }, `${name} worker error`));
  }
  return [poller, starter, ingester, expirer];
}
