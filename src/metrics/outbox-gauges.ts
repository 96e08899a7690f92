// Gauges of the Slack outbox: messages waiting for delivery, and how long the oldest has waited.
import type { Job, Queue } from 'bullmq';
import { Gauge, type Registry } from 'prom-client';
import { outboxKeys } from '../slack/outbox/outbox-keys.js';
import type { OutboxJobData } from '../slack/outbox/outbox-queue.js';
import type { RedisClient } from '../store/redis-connection.js';
import { collectFromRedis } from './collect-from-redis.js';

/** Delivery jobs read per state for the oldest age: a backlog beyond them is old enough to alert already. */
const OLDEST_SCAN = 200;
const STATES = ['waiting', 'active', 'delayed', 'prioritized'] as const;

/**
 * Registers the outbox gauges. A message has a delivery job while Slack does not show its latest content
 * (see outbox-queue.ts), so the backlog is the outbox queue's jobs.
 */
export function registerOutboxGauges(
  registry: Registry,
  queue: Queue<OutboxJobData>,
  redis: RedisClient,
  keyPrefix: string,
  now: () => number = Date.now,
): void {
  const keys = outboxKeys(keyPrefix);
  new Gauge({
    name: 'ssm_chatops_outbox_backlog',
    help: 'Slack messages whose latest content is not delivered yet (outbox delivery jobs)',
    registers: [registry],
    async collect() {
      await collectFromRedis(redis, this, async () => {
        const counts = await queue.getJobCounts(...STATES);
        this.set(STATES.reduce((sum, state) => sum + (counts[state] ?? 0), 0));
      });
    },
  });
  new Gauge({
    name: 'ssm_chatops_outbox_oldest_undelivered_seconds',
    help: 'Longest any outbox message has waited since its delivery began or Slack last took a version of it',
    registers: [registry],
    async collect() {
      await collectFromRedis(redis, this, async () => this.set(await oldestUndeliveredSeconds()));
    },
  });
  const oldestUndeliveredSeconds = async (): Promise<number> => {
    const jobs = (await queue.getJobs([...STATES], 0, OLDEST_SCAN - 1)).filter(
      (job): job is Job<OutboxJobData> => Boolean(job?.data?.key),
    );
    if (jobs.length === 0) return 0;
    // Sent together, not as one pipeline: on a cluster the messages live on different nodes.
    const lastSent = await Promise.all(
      jobs.map((job) => redis.hget(keys.message(job.data.key), 'lastSentAt')),
    );
    // A busy message keeps one job while it is edited again and again: what it waited is since the last send.
    const ages = jobs.map((job, index) => {
      const lastSentAt = Number(lastSent[index] ?? 0) || 0;
      return now() - Math.max(job.timestamp, lastSentAt);
    });
    return Math.max(0, ...ages) / 1000;
  };
}
