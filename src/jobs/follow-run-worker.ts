// The BullMQ worker that follows runs: each tick calls the followRun use case, then re-delays its own job
// until the run has ended. A process killed mid-tick leaves a stalled job that another worker picks up.
import { DelayedError, type Job, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { followRun } from '../use-cases/follow-run.js';
import type { RunContext } from '../use-cases/run-context.js';
import { type FollowRunJobData, QueueName } from './queue-names.js';

export interface FollowRunWorkerOptions {
  connection: Redis;
  prefix?: string;
  concurrency?: number;
  logger: Logger;
}

/** Transient faults (AWS throttling beyond the SDK's retries, Slack or Redis hiccups) retry with this. */
export const cappedExponentialBackoff = (attemptsMade: number) =>
  Math.min(60_000, 1_000 * 2 ** Math.max(0, attemptsMade - 1));

export function createFollowRunWorker(
  context: RunContext,
  options: FollowRunWorkerOptions,
): Worker<FollowRunJobData> {
  const worker = new Worker<FollowRunJobData>(
    QueueName.followRun,
    async (job: Job<FollowRunJobData>, token?: string) => {
      const outcome = await followRun(context, job.data.runId, job.data.delayMs ?? 0);
      if (outcome.finished) return;
      await job.updateData({ ...job.data, delayMs: outcome.nextCheckMs });
      await job.moveToDelayed(Date.now() + outcome.nextCheckMs, token);
      throw new DelayedError();
    },
    {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency ?? 16,
      settings: {
        backoffStrategy: (attemptsMade: number) => cappedExponentialBackoff(attemptsMade),
      },
    },
  );
  worker.on('failed', (job, error) =>
    options.logger.warn(
      { err: error, runId: job?.data.runId, attempt: job?.attemptsMade },
      'following a run failed',
    ),
  );
  worker.on('error', (error) => options.logger.error({ err: error }, 'follow-run worker error'));
  return worker;
}
