// Runs the worker side: pollers and starters that carry runs, and the outbox that delivers to Slack. A restarted
// worker picks up every location still tracked, so nothing in flight is lost.
import type { Worker } from 'bullmq';
import type { Logger } from 'pino';
import type { Config } from '../config/load-config.js';
import { createRunWorkers } from '../jobs/create-run-workers.js';
import { createOutboxWorker } from '../slack/outbox/outbox-worker.js';
import { sweepChanges } from '../use-cases/sweep-changes.js';
import { sweepWork } from '../use-cases/sweep-work.js';
import type { BotServices } from './create-bot-services.js';

const SWEEP_INTERVAL_MS = 60_000;

export interface RunningWorker {
  close(): Promise<void>;
}

export async function startWorker(
  config: Config,
  services: BotServices,
  logger: Logger,
): Promise<RunningWorker> {
  // Workers block on Redis: they get their own connection, as BullMQ recommends.
  const connection = services.redis.duplicate();
  const workers: Worker[] = [
    ...createRunWorkers(services.context, {
      connection,
      redis: services.redis,
      prefix: services.keyPrefix,
      queuePrefix: services.queuePrefix,
      logger: logger.child({ component: 'worker' }),
      lockDurationMs: config.env.WORKER_LOCK_MS,
    }),
    createOutboxWorker({
      connection,
      queuePrefix: services.queuePrefix,
      keyPrefix: services.keyPrefix,
      slack: { token: config.env.SLACK_BOT_TOKEN ?? '', clientOptions: services.slackClientOptions },
      settings: services.outboxSettings,
      logger: logger.child({ component: 'outbox' }),
      lockDurationMs: config.env.WORKER_LOCK_MS,
      stalledIntervalMs: config.env.WORKER_LOCK_MS,
    }),
  ];
  await Promise.all(workers.map((worker) => worker.waitUntilReady()));
  // Whatever was being followed when the last worker stopped is followed again; then, once a minute, a sweep
  // makes sure no tracked place and no waiting run is left without its job.
  for (const location of await services.context.tracker.locations()) {
    await services.context.scheduler.pollLocation(location);
  }
  const sweep = setInterval(() => {
    sweepWork(services.context).catch((error) => logger.warn({ err: error }, 'sweeping the queues failed'));
    sweepChanges(services.context).catch((error) => logger.warn({ err: error }, 'sweeping changes failed'));
  }, SWEEP_INTERVAL_MS);
  sweep.unref();
  logger.info('ssm-chatops worker following runs');
  return {
    close: async () => {
      clearInterval(sweep);
      await Promise.all(workers.map((worker) => worker.close()));
      await connection.quit().catch(() => connection.disconnect());
    },
  };
}
