// Gauges of the BullMQ queues: jobs by state, and how long the oldest waiting job has waited.
import type { Queue } from 'bullmq';
import { Gauge, type Registry } from 'prom-client';
import type { RedisClient } from '../store/redis-connection.js';
import { collectFromRedis } from './collect-from-redis.js';

const STATES = ['waiting', 'active', 'delayed', 'prioritized'] as const;

/** Registers the queue gauges; each scrape costs two round trips per queue, however deep the queues are. */
export function registerQueueGauges(
  registry: Registry,
  queues: readonly Queue[],
  /** The queues' connection. */
  redis: RedisClient,
  now: () => number = Date.now,
): void {
  new Gauge({
    name: 'ssm_chatops_queue_jobs',
    help: 'BullMQ jobs by queue and state (waiting, active, delayed, prioritized)',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      await collectFromRedis(redis, this, async () => {
        const counts = await Promise.all(queues.map((queue) => queue.getJobCounts(...STATES)));
        queues.forEach((queue, index) => {
          for (const state of STATES) this.set({ queue: queue.name, state }, counts[index]?.[state] ?? 0);
        });
      });
    },
  });
  new Gauge({
    name: 'ssm_chatops_queue_oldest_waiting_seconds',
    help: 'Age of the oldest job waiting for a worker, by queue (0 when none waits)',
    labelNames: ['queue'],
    registers: [registry],
    async collect() {
      await collectFromRedis(redis, this, async () => {
        const oldest = await Promise.all(queues.map((queue) => queue.getWaiting(0, 0)));
        queues.forEach((queue, index) => {
          const job = oldest[index]?.[0];
          this.set({ queue: queue.name }, job ? Math.max(0, now() - waitingSince(job)) / 1000 : 0);
        });
      });
    },
  });
}

/**
 * When a waiting job started waiting, as far as its record tells: added (plus its delay), or last taken by a
 * worker. A job that re-delays itself (a poll) is promoted without a trace, so its age may include its last
 * delay: an overestimate, never an underestimate of a stall.
 */
function waitingSince(job: { timestamp: number; delay?: number; processedOn?: number }): number {
  return Math.max(job.timestamp + (job.delay ?? 0), job.processedOn ?? 0);
}
