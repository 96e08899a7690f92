// The compliance refresh on BullMQ: a job scheduler reads every place on the configured interval, and a stale
// answer asks for one read now (one job id, so asking while one is queued adds nothing).
import { Queue, type QueueOptions, Worker } from 'bullmq';
import type { Logger } from 'pino';
import type { ComplianceRefresh } from '../ports.js';
import type { RedisClient } from '../store/redis-connection.js';
import type { ComplianceServices } from '../use-cases/compliance-services.js';
import { refreshCompliance } from '../use-cases/refresh-compliance.js';
import type { RunContext } from '../use-cases/run-context.js';
import { classifyingFaults } from './job-faults.js';
import { workerOptions } from './job-settings.js';

export const COMPLIANCE_QUEUE_NAME = 'compliance-refresh';
/** The scheduler's id: upserting it from every worker process keeps one schedule. */
export const COMPLIANCE_SCHEDULER_ID = 'compliance-refresh';
/** The on-demand read's job id: a second request while it waits is the same job. */
export const COMPLIANCE_NOW_JOB_ID = 'compliance-refresh-now';

export class BullComplianceRefresh implements ComplianceRefresh {
  constructor(private readonly queue: Queue) {}

  async requestRefresh(): Promise<void> {
    // Removed once done, so the next stale answer can ask again.
    await this.queue.add(
      'refresh-now',
      {},
      { jobId: COMPLIANCE_NOW_JOB_ID, removeOnComplete: true, removeOnFail: true },
    );
  }
}

export function complianceQueue(options: QueueOptions): Queue {
  return new Queue(COMPLIANCE_QUEUE_NAME, options);
}

/**
 * Reads every `everyMs`, the first one interval from now: a worker's start must not read the whole organization
 * (the first `/ssm compliance` or Home reads or asks when nothing is cached). A scheduler already at this interval
 * is left alone, so restarting workers do not keep pushing the next read away.
 */
export async function scheduleComplianceRefresh(
  queue: Queue,
  everyMs: number,
  now: () => number = Date.now,
): Promise<void> {
  const existing = await queue.getJobScheduler(COMPLIANCE_SCHEDULER_ID);
  if (existing?.every === everyMs) return;
  await queue.upsertJobScheduler(
    COMPLIANCE_SCHEDULER_ID,
    { every: everyMs, startDate: now() + everyMs },
    { name: 'refresh', opts: { removeOnComplete: true, removeOnFail: 50 } },
  );
}

export function createComplianceWorker(
  run: RunContext,
  compliance: ComplianceServices,
  options: { connection: RedisClient; queuePrefix: string; logger: Logger; lockDurationMs?: number },
): Worker {
  return new Worker(
    COMPLIANCE_QUEUE_NAME,
    classifyingFaults(async () => {
      const snapshot = await refreshCompliance(run, compliance);
      options.logger.info(
        {
          places: snapshot.places.length,
          unreadable: snapshot.places.filter((p) => p.kind === 'unreadable').length,
        },
        'patch compliance read',
      );
    }),
    // One read at a time: each one reads the whole organization already.
    workerOptions({
      connection: options.connection,
      prefix: options.queuePrefix,
      concurrency: 1,
      ...(options.lockDurationMs !== undefined && { lockDurationMs: options.lockDurationMs }),
    }),
  );
}
