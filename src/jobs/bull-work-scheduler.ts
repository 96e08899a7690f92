// WorkScheduler over BullMQ: deterministic job ids make "one poll per location, one starter per run" hold across
// processes; an earlier request moves a waiting job up, and a request during a running job is remembered in Redis
// so that job runs again at once instead of backing off.
import type { Job, Queue } from 'bullmq';
import type { ExecutionLocation } from '../core/tracking/tracked-location.js';
import type { WorkScheduler } from '../ports.js';
import type { RedisClient } from '../store/redis-connection.js';
import { retryingJobOptions } from './job-settings.js';
import {
  ChangeJobName,
  type ExpiryJobData,
  expiryJobId,
  type PollJobData,
  pollJobId,
  type StartJobData,
  startJobId,
  windowJobId,
} from './queue-names.js';

export interface WorkQueues {
  poll: Queue<PollJobData>;
  start: Queue<StartJobData>;
  expiry: Queue<ExpiryJobData>;
}

const JOB_OPTIONS = {
  ...retryingJobOptions('work'),
  removeOnComplete: true,
  removeOnFail: { age: 7 * 24 * 3600 },
};

export class BullWorkScheduler implements WorkScheduler {
  constructor(
    private readonly queues: WorkQueues,
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  pollLocation(location: ExecutionLocation, delayMs = 0): Promise<void> {
    return this.schedule(this.queues.poll, pollJobId(location), { ...location }, delayMs);
  }

  startChildren(runId: string, delayMs = 0): Promise<void> {
    return this.schedule(this.queues.start, startJobId(runId), { runId }, delayMs);
  }

  async expireChange(changeId: string, delayMs: number): Promise<void> {
    // One job per change for its whole life; a second request (a retried click) leaves the first in place.
    await this.queues.expiry.add(ChangeJobName.expire as never, { changeId } as never, {
      ...JOB_OPTIONS,
      jobId: expiryJobId(changeId),
      delay: Math.max(0, delayMs),
    });
  }

  async openChangeWindow(changeId: string, delayMs: number): Promise<void> {
    // On the expiry queue, under its own id and name: a change's timed work has one worker.
    await this.queues.expiry.add(ChangeJobName.openWindow as never, { changeId } as never, {
      ...JOB_OPTIONS,
      jobId: windowJobId(changeId),
      delay: Math.max(0, delayMs),
    });
  }

  /** The key a running job checks when it ends: someone asked for it again meanwhile. */
  static againKey(prefix: string, jobId: string): string {
    return `${prefix}again:${jobId}`;
  }

  private async schedule<T extends object>(queue: Queue<T>, jobId: string, data: T, delayMs: number) {
    const existing = (await queue.getJob(jobId)) as Job<T> | undefined;
    if (existing) {
      const state = await existing.getState();
      if (state === 'delayed') {
        const due = existing.timestamp + (existing.delay ?? 0);
        if (Date.now() + delayMs < due) await existing.changeDelay(delayMs).catch(ignoreMoved);
        return;
      }
      if (state === 'active' || state === 'waiting' || state === 'prioritized') {
        if (state === 'active')
          await this.redis.set(BullWorkScheduler.againKey(this.prefix, jobId), '1', 'EX', 3600);
        return;
      }
      // Completed or failed jobs are kept a while under their id: make room for a new one.
      await existing.remove().catch(ignoreMoved);
    }
    await queue.add('work' as never, data as never, { ...JOB_OPTIONS, jobId, delay: delayMs });
  }
}

/** The job moved on between our read and our write (it ran, or another process moved it). */
function ignoreMoved(): void {}
