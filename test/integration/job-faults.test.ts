// Faults in jobs, against a real Redis and BullMQ: a deterministic fault fails the job once; a transient one
// is retried with backoff until it passes. Both through the wrapper alone and through the run workers as built.
import { randomUUID } from 'node:crypto';
import { type Job, Queue, Worker } from 'bullmq';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, StoreError } from '../../src/errors.js';
import { BullWorkScheduler } from '../../src/jobs/bull-work-scheduler.js';
import { createRunWorkers } from '../../src/jobs/create-run-workers.js';
import { classifyingFaults } from '../../src/jobs/job-faults.js';
import { JOB_ATTEMPTS, retryingJobOptions, workerOptions } from '../../src/jobs/job-settings.js';
import { QueueName } from '../../src/jobs/queue-names.js';
import { createLogger } from '../../src/logging/logger.js';
import { createRedisConnection, type RedisClient } from '../../src/store/redis-connection.js';
import { aRun } from '../support/builders.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { aRunContext } from '../support/run-context-builder.js';

let redis: TestRedis;
let connection: RedisClient;
const closing: Array<() => Promise<unknown>> = [];
beforeAll(async () => {
  redis = await startTestRedis();
  connection = createRedisConnection(redis.url);
});
afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close();
});
afterAll(async () => {
  connection.disconnect();
  await redis.stop();
});

/** A worker's own connection (BullMQ blocks on it), closed with the worker. */
function workerConnection(): RedisClient {
  const own = createRedisConnection(redis.url);
  closing.push(async () => own.disconnect());
  return own;
}

/** Resolves once the job has failed for good (no attempt left, or not retried) or has completed. */
function settled(worker: Worker, attempts: number) {
  return new Promise<{ state: 'completed' | 'failed'; job: Job }>((resolve) => {
    worker.on('completed', (job) => resolve({ state: 'completed', job }));
    worker.on('failed', (job, error) => {
      if (job && (job.attemptsMade >= attempts || error.name === 'UnrecoverableError'))
        resolve({ state: 'failed', job });
    });
  });
}

/** Runs one job, with the work queues' real attempts, through a worker whose processor is `fail`. */
async function settle(fail: (job: Job) => void) {
  const prefix = `test-${randomUUID()}`;
  const queue = new Queue('faults', { connection, prefix });
  const calls: number[] = [];
  const worker = new Worker(
    'faults',
    classifyingFaults(async (job) => {
      calls.push(job.attemptsMade);
      fail(job);
    }),
    workerOptions({ connection: workerConnection(), prefix, concurrency: 1, backoffMs: () => 10 }),
  );
  closing.push(
    () => queue.close(),
    () => worker.close(),
  );
  const done = settled(worker, JOB_ATTEMPTS.work);
  await queue.add('one', {}, retryingJobOptions('work'));
  return { ...(await done), calls };
}

describe('classifyingFaults', () => {
  it.each([
    [ErrorCode.StoreCorruptRecord, 'run store: run-7k3m9q2x is corrupt'],
    [ErrorCode.StoreMissing, 'run store: run-7k3m9q2x is gone'],
    [ErrorCode.StoreDuplicateId, 'run store: run-7k3m9q2x exists'],
  ] as const)('when a job meets %s, then it fails once, not retried, saying so', async (code, message) => {
    const { state, job, calls } = await settle(() => {
      throw new StoreError(code, message);
    });

    expect(state).toBe('failed');
    expect(calls).toHaveLength(1);
    expect(job.attemptsMade).toBe(1);
    expect(job.failedReason).toMatch(/run-7k3m9q2x.*not retried/);
  });

  it.each([
    ['a contended store', () => new StoreError(ErrorCode.StoreContention, 'run store: contended')],
    [
      'Redis gone',
      () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' }),
    ],
    ['AWS throttling', () => Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' })],
  ])('when a job meets %s twice, then it is retried and completes on the third attempt', async (_, fault) => {
    const { state, calls } = await settle((job) => {
      if (job.attemptsMade < 2) throw fault();
    });

    expect(state).toBe('completed');
    expect(calls).toEqual([0, 1, 2]);
  });
});

describe('the run workers as built', () => {
  /** A starter job scheduled as the bot schedules it, run by the workers createRunWorkers builds. */
  async function startJob(get: (id: string) => Promise<never | undefined>) {
    const queuePrefix = `test-${randomUUID()}`;
    const context = aRunContext();
    const run = aRun();
    let reads = 0;
    context.runs.get = async (id) => {
      reads++;
      return get(id);
    };
    const queues = {
      poll: new Queue(QueueName.pollLocation, { connection, prefix: queuePrefix }),
      start: new Queue(QueueName.startChildren, { connection, prefix: queuePrefix }),
      expiry: new Queue(QueueName.changeExpiry, { connection, prefix: queuePrefix }),
    };
    const workers = createRunWorkers(context, {
      connection: workerConnection(),
      redis: connection,
      prefix: `${queuePrefix}:`,
      queuePrefix,
      logger: createLogger({ level: 'silent' }),
      concurrency: 1,
    });
    closing.push(...Object.values(queues).map((queue) => () => queue.close()));
    closing.push(...workers.map((worker) => () => worker.close()));
    const starter = workers.find((worker) => worker.name === QueueName.startChildren)!;
    const done = settled(starter, JOB_ATTEMPTS.work);
    await new BullWorkScheduler(queues, connection, `${queuePrefix}:`).startChildren(run.id);
    return { ...(await done), reads: () => reads };
  }

  it('when a starter meets a corrupt run record, then its job fails at once instead of 50 times', async () => {
    const { state, job, reads } = await startJob(async (id) => {
      throw new StoreError(ErrorCode.StoreCorruptRecord, `run store: ${id} does not parse`);
    });

    expect(state).toBe('failed');
    expect(job.attemptsMade).toBe(1);
    expect(job.opts.attempts).toBe(JOB_ATTEMPTS.work);
    expect(reads()).toBe(1);
  });

  it('when a starter meets a contended store once, then its job is retried and completes', async () => {
    let calls = 0;
    const { state, reads } = await startJob(async () => {
      if (calls++ === 0) throw new StoreError(ErrorCode.StoreContention, 'run store: contended');
      return undefined;
    });

    expect(state).toBe('completed');
    expect(reads()).toBe(2);
  });
});
