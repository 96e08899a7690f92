// Whether Redis answers now: the health check must not wait out a reconnect, as every other caller does.
import type { Redis } from 'ioredis';

/** A PING slower than this counts as down: a health probe answers within its own timeout, not Redis's. */
export const REDIS_PING_TIMEOUT_MS = 1_000;

/** ioredis sends commands in these states; in the others (connecting, reconnecting, closed) it queues them. */
const CONNECTED = new Set(['connect', 'ready']);

/** Whether a command sent now goes out at once rather than waiting in the client's queue for a reconnect. */
export function redisConnected(client: Redis): boolean {
  return CONNECTED.has(client.status);
}

/**
 * False at once while the client is not connected (a command would queue until Redis is back, for as long as
 * an outage lasts), else whether PING answers within `timeoutMs`.
 */
export async function redisAnswers(client: Redis, timeoutMs = REDIS_PING_TIMEOUT_MS): Promise<boolean> {
  if (!redisConnected(client)) return false;
  const ping = client.ping().then(
    (reply) => reply === 'PONG',
    () => false,
  );
  return (await within(ping, timeoutMs)) ?? false;
}

/** What `work` resolves to, or undefined once `timeoutMs` has passed first (the work itself goes on). */
export async function within<T>(work: Promise<T>, timeoutMs: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), timeoutMs);
  });
  try {
    return await Promise.race([work, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
