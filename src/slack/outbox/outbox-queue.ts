// The outbox's BullMQ queue: its name, job data, job ids and job options, so the outbox and its worker agree.
import { createHash } from 'node:crypto';
import type { JobsOptions } from 'bullmq';
import { retryingJobOptions } from '../../jobs/job-settings.js';

/** The BullMQ queue every Slack delivery job goes through. */
export const OUTBOX_QUEUE_NAME = 'slack-outbox';

/** What a delivery job carries: the message key and the generation of the job (see `deliverJobId`). */
export interface OutboxJobData {
  key: string;
  generation: number;
}

/**
 * One job per message key and generation. A generation starts when an upsert finds no job scheduled for the
 * key and ends when its job finds nothing left to deliver; a new generation gets a new id, so an upsert never
 * collides with a job that is just finishing. BullMQ ids may not contain `:`, hence the hash of the key.
 */
export function deliverJobId(key: string, generation: number): string {
  const digest = createHash('sha256').update(key).digest('hex').slice(0, 32);
  return `deliver-${digest}-${generation}`;
}

export function deliverJobOptions(jobId: string, delayMs: number): JobsOptions {
  return {
    jobId,
    delay: delayMs,
    // Transport faults retry for about 16 hours (see job-settings.ts).
    ...retryingJobOptions('outbox'),
    removeOnComplete: true,
    // A failed job must go, or the next upsert of its key could not add it again under the same id.
    removeOnFail: true,
  };
}
