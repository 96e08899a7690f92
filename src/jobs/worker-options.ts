// The options every BullMQ worker of the bot shares (the run workers and the Slack outbox's), defined once.
import type { WorkerOptions } from 'bullmq';
import type { Redis } from 'ioredis';

/** How long a job is locked to its worker, and how often workers look for jobs whose worker died. */
export const DEFAULT_LOCK_DURATION_MS = 30_000;

/**
 * Every job is idempotent (ClientTokens, compare-and-set, outbox keys), so one taken over after its worker was
 * killed is safe to run again; only a job that kills its workers this many times is failed.
 */
export const MAX_STALLED_COUNT = 1_000;

export interface SharedWorkerSettings {
  connection: Redis;
  /** BullMQ's key prefix (default BullMQ's own, `bull`). */
  prefix?: string;
  concurrency: number;
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  /** Milliseconds before retry `attemptsMade` of a failed job. */
  backoffMs: (attemptsMade: number) => number;
}

export function workerOptions(settings: SharedWorkerSettings): WorkerOptions {
  const lockDuration = settings.lockDurationMs ?? DEFAULT_LOCK_DURATION_MS;
  return {
    connection: settings.connection,
    ...(settings.prefix !== undefined && { prefix: settings.prefix }),
    concurrency: settings.concurrency,
    lockDuration,
    stalledInterval: settings.stalledIntervalMs ?? lockDuration,
    maxStalledCount: MAX_STALLED_COUNT,
    settings: { backoffStrategy: (attemptsMade: number) => settings.backoffMs(attemptsMade) },
  };
}
