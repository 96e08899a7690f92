// Faults in jobs, against a real Redis and BullMQ: a deterministic fault fails the job once; a transient one
// is retried with backoff until it passes.
import { randomUUID } from 'node:crypto';
import { type Job, Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, StoreError } from '../../src/errors.js';
import { classifyingFaults } from '../../src/jobs/job-faults.js';
import { workerOptions } from '../../src/jobs/worker-options.js';
import { createRedisConnection } from '../../src/store/redis-connection.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';

let redis: TestRedis;
let connection: Redis;
let queue: Queue;
let worker: Worker | undefined;
beforeAll(async () => {
  redis = await startTestRedis();
  connection = createRedisConnection(redis.url);
});
afterEach(async () => {
  await worker?.close();
  (worker?.opts.connection as Redis | undefined)?.disconnect();
  await queue?.close();
});
afterAll(async () => {
  connection.disconnect();
  await redis.stop();
});

/** Runs one job with `attempts` through a worker whose processor is `fail`; resolves when it settles. */
async function settle(fail: (job: Job) => void, attempts: number) {
  const prefix = `test-${randomUUID()}`;
  queue = new Queue('faults', { connection, prefix });
  const calls: number[] = [];
  const settled = new Promise<{ state: 'completed' | 'failed'; job: Job }>((resolve) => {
    worker = new Worker(
      'faults',
      classifyingFaults(async (job) => {
        calls.push(job.attemptsMade);
        fail(job);
      }),
      workerOptions({
        connection: createRedisConnection(redis.url),
        prefix,
        concurrency: 1,
        backoffMs: () => 10,
      }),
    );
    worker.on('completed', (job) => resolve({ state: 'completed', job }));
    worker.on('failed', (job, error) => {
      if (job && (job.attemptsMade >= attempts || error.name === 'UnrecoverableError'))
        resolve({ state: 'failed', job });
    });
  });
  await queue.add('one', {}, { attempts, backoff: { type: 'custom' } });
  return { ...(await settled), calls };
}

describe('classifyingFaults', () => {
  it('when a job meets a corrupt record, then it fails once, not retried, saying so', async () => {
    const { state, job, calls } = await settle(() => {
      throw new StoreError(ErrorCode.StoreCorruptRecord, 'run store: run-7k3m9q2x is corrupt');
    }, 5);

    expect(state).toBe('failed');
    expect(calls).toHaveLength(1);
    expect(job.attemptsMade).toBe(1);
    expect(job.failedReason).toMatch(/corrupt.*not retried/);
  });

  it('when a job meets a transient fault twice, then it is retried and completes on the third attempt', async () => {
    const { state, calls } = await settle((job) => {
      if (job.attemptsMade < 2) throw new StoreError(ErrorCode.StoreContention, 'run store: contended');
    }, 5);

    expect(state).toBe('completed');
    expect(calls).toEqual([0, 1, 2]);
  });
});
