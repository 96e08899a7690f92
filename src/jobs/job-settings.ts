// What every BullMQ job and worker of the bot shares (run workers and the Slack outbox's), defined once: the
// lock, how stalled jobs are taken over, how many attempts each queue's jobs get and the backoff between them.
import type { JobsOptions, Telemetry, WorkerOptions } from 'bullmq';
import type { RedisClient } from '../store/redis-connection.js';

/** How long a job is locked to its worker, and how often workers look for jobs whose worker died. */
export const DEFAULT_LOCK_DURATION_MS = 30_000;

/**
 * Every job is idempotent (ClientTokens, compare-and-set, outbox keys), so one taken over after its worker was
 * killed is safe to run again; only a job that kills its workers this many times is failed.
 */
export const MAX_STALLED_COUNT = 1_000;

/**
 * Attempts per job before a transient fault fails it (a deterministic one fails at once: see job-faults.ts).
 * With the backoff below, n attempts wait about n minutes in all once past the first few.
 * - `work`: polls, starters and expiries, about 45 minutes; the minute sweep schedules a failed one again.
 * - `event`: an EventBridge delivery, about 15 minutes; past that the poller has read the same change.
 * - `outbox`: a Slack delivery, about 16 hours, so a long Slack outage loses no message; nothing recreates it.
 */
export const JOB_ATTEMPTS = { work: 50, event: 20, outbox: 1_000 } as const;

/** Transient faults (AWS throttling beyond the SDK's retries, Slack or Redis hiccups): 1 s, doubling, ≤ 1 min. */
export const cappedExponentialBackoff = (attemptsMade: number): number =>
  Math.min(60_000, 1_000 * 2 ** Math.max(0, attemptsMade - 1));

/** The job side of a retry: its attempts, and the backoff type the workers compute (`backoffStrategy`). */
export function retryingJobOptions(
  queue: keyof typeof JOB_ATTEMPTS,
): Pick<JobsOptions, 'attempts' | 'backoff'> {
  return { attempts: JOB_ATTEMPTS[queue], backoff: { type: 'capped-exponential' } };
}

export interface SharedWorkerSettings {
  connection: RedisClient;
  /** BullMQ's key prefix (default BullMQ's own, `bull`). */
  prefix?: string;
  concurrency: number;
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  /** Milliseconds before retry `attemptsMade` of a failed job (default `cappedExponentialBackoff`). */
  backoffMs?: (attemptsMade: number) => number;
  /** BullMQ's OpenTelemetry add-on, when the process traces. */
  telemetry?: Telemetry;
}

export function workerOptions(settings: SharedWorkerSettings): WorkerOptions {
  const lockDuration = settings.lockDurationMs ?? DEFAULT_LOCK_DURATION_MS;
  const backoffMs = settings.backoffMs ?? cappedExponentialBackoff;
  return {
    connection: settings.connection,
    ...(settings.prefix !== undefined && { prefix: settings.prefix }),
    concurrency: settings.concurrency,
    lockDuration,
    stalledInterval: settings.stalledIntervalMs ?? lockDuration,
    maxStalledCount: MAX_STALLED_COUNT,
    settings: { backoffStrategy: (attemptsMade: number) => backoffMs(attemptsMade) },
    ...(settings.telemetry && { telemetry: settings.telemetry }),
  };
}
