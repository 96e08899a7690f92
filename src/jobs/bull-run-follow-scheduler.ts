// RunFollowScheduler over BullMQ: one follow job per run (deterministic id), promoted when asked for now.
import type { Queue } from 'bullmq';
import type { RunFollowScheduler } from '../ports.js';
import { type FollowRunJobData, followRunJobId } from './queue-names.js';

export class BullRunFollowScheduler implements RunFollowScheduler {
  constructor(private readonly queue: Queue<FollowRunJobData>) {}

  async follow(runId: string, delayMs = 0): Promise<void> {
    const jobId = followRunJobId(runId);
    const existing = await this.queue.getJob(jobId);
    if (existing) {
      // Already followed: a waiting tick is moved up when someone needs it now (a cancel, an event).
      if (delayMs === 0 && (await existing.isDelayed())) await existing.promote().catch(ignoreMoved);
      if (!(await existing.isCompleted()) && !(await existing.isFailed())) return;
      await existing.remove().catch(ignoreMoved);
    }
    await this.queue.add(
      'follow',
      { runId },
      {
        jobId,
        delay: delayMs,
        attempts: 50,
        backoff: { type: 'capped-exponential' },
        removeOnComplete: true,
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    );
  }
}

/** The job moved on between our read and our write (it ran, or was promoted by someone else). */
function ignoreMoved(): void {}
