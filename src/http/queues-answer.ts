// Whether the BullMQ queues answer now: the readiness probe's "queues reachable".
import type { Queue } from 'bullmq';
import { REDIS_PING_TIMEOUT_MS, within } from './redis-health.js';

/** True when every queue counts its waiting jobs within `timeoutMs` (a queue's Redis must answer to do so). */
export async function queuesAnswer(
  queues: readonly Queue[],
  timeoutMs = REDIS_PING_TIMEOUT_MS,
): Promise<boolean> {
  const counted = Promise.all(queues.map((queue) => queue.getJobCounts('waiting'))).then(
    () => true,
    () => false,
  );
  return (await within(counted, timeoutMs)) ?? false;
}
