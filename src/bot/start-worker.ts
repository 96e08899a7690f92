// Runs the worker side: pollers and starters that carry runs, and the outbox that delivers to Slack. A restarted
// worker picks up every location still tracked, so nothing in flight is lost.
import type { Worker } from 'bullmq';
import type { Logger } from 'pino';
import type { Config } from '../config/load-config.js';
import {
  COMPLIANCE_QUEUE_NAME,
  createComplianceWorker,
  scheduleComplianceRefresh,
} from '../jobs/compliance-refresh.js';
import { createRunWorkers } from '../jobs/create-run-workers.js';
import { createOutboxWorker } from '../slack/outbox/outbox-worker.js';
import { duplicateConnection } from '../store/redis-connection.js';
import { closeCutShortStarts } from '../use-cases/close-cut-short-starts.js';
import { sweepChanges } from '../use-cases/sweep-changes.js';
import { sweepWork } from '../use-cases/sweep-work.js';
import type { BotServices } from './create-bot-services.js';

const SWEEP_INTERVAL_MS = 60_000;

export interface RunningWorker {
  /** Lets the jobs in hand finish, then closes the workers and their connections. */
  close(): Promise<void>;
  /** Abandons the jobs in hand (their locks expire and another worker takes them over) and drops connections. */
  forceClose(): void;
  /** Whether every BullMQ worker is running (not closing, not paused): the worker's own readiness. */
  isRunning(): boolean;
}

export async function startWorker(
  config: Config,
  services: BotServices,
  logger: Logger,
): Promise<RunningWorker> {
  // Workers block on Redis: they get their own connection, as BullMQ recommends.
  const connection = duplicateConnection(services.redis);
  const workers: Worker[] = [
    ...createRunWorkers(services.context, {
      connection,
      redis: services.redis,
      prefix: services.keyPrefix,
      queuePrefix: services.queuePrefix,
      logger: logger.child({ component: 'worker' }),
      lockDurationMs: config.env.WORKER_LOCK_MS,
      onPolled: (location, stillTracked) => services.metrics.pollLag.polled(location, stillTracked),
      ...(services.queueTelemetry && { telemetry: services.queueTelemetry }),
    }),
    createOutboxWorker({
      connection,
      queuePrefix: services.queuePrefix,
      keyPrefix: services.keyPrefix,
      slack: { token: config.env.SLACK_BOT_TOKEN ?? '', clientOptions: services.slackClientOptions },
      settings: services.outboxSettings,
      retentionSeconds: services.outboxRetentionSeconds,
      logger: logger.child({ component: 'outbox' }),
      lockDurationMs: config.env.WORKER_LOCK_MS,
      stalledIntervalMs: config.env.WORKER_LOCK_MS,
      ...(services.queueTelemetry && { telemetry: services.queueTelemetry }),
    }),
    createComplianceWorker(services.context, services.compliance, {
      connection,
      queuePrefix: services.queuePrefix,
      logger: logger.child({ component: 'compliance' }),
      lockDurationMs: config.env.WORKER_LOCK_MS,
    }),
  ];
  await Promise.all(workers.map((worker) => worker.waitUntilReady()));
  // Every worker upserts the same scheduler: one schedule, whatever the number of workers, at the configured pace.
  const complianceQueue = services.queues.find((queue) => queue.name === COMPLIANCE_QUEUE_NAME);
  if (complianceQueue) {
    await scheduleComplianceRefresh(complianceQueue, services.compliance.settings.refreshEveryMs);
  }
  // Whatever was being followed when the last worker stopped is followed again; then, once a minute, a sweep
  // makes sure no tracked place and no waiting run is left without its job.
  for (const location of await services.context.tracker.locations()) {
    await services.context.scheduler.pollLocation(location);
  }
  const sweep = setInterval(() => {
    sweepWork(services.context).catch((error) => logger.warn({ err: error }, 'sweeping the queues failed'));
    sweepChanges(services.context).catch((error) => logger.warn({ err: error }, 'sweeping changes failed'));
    closeCutShortStarts(services.context).catch((error) =>
      logger.warn({ err: error }, 'closing the messages of starts cut short failed'),
    );
  }, SWEEP_INTERVAL_MS);
  sweep.unref();
  logger.info('ssm-chatops worker following runs');
  return {
    isRunning: () => workers.every((worker) => worker.isRunning() && !worker.isPaused()),
    close: async () => {
      clearInterval(sweep);
      await Promise.all(workers.map((worker) => worker.close()));
      await connection.quit().catch(() => connection.disconnect());
    },
    forceClose: () => {
      clearInterval(sweep);
      for (const worker of workers) {
        // close(true) stops waiting for jobs in hand, unless an orderly close() began first (BullMQ keeps the
        // first close); either way the blocking connection BullMQ made for the worker must be dropped here.
        worker.close(true).catch(ignore);
        worker.backend.disconnectBlocking(false).catch(ignore);
      }
      connection.disconnect();
    },
  };
}

/** Closing by force: what fails now fails because its connection was dropped on purpose. */
const ignore = () => {};
