// Whether Redis answers now: the health check must not wait out a reconnect, as every other caller does.
import type { Redis } from 'ioredis';

/** A PING slower than this counts as down: a health probe answers within its own timeout, not Redis's. */
export const REDIS_PING_TIMEOUT_MS = 1_000;

/** ioredis sends commands in these states; in the others (connecting, reconnecting, closed) it queues them. */
const CONNECTED = new Set(['connect', 'ready']);

/**
 * False at once while the client is not connected (a command would queue until Redis is back, for as long as
 * an outage lasts), else whether PING answers within `timeoutMs`.
 */
export async function redisAnswers(client: Redis, timeoutMs = REDIS_PING_TIMEOUT_MS): Promise<boolean> {
  if (!CONNECTED.has(client.status)) return false;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    const ping = client.ping().then(
      (reply) => reply === 'PONG',
      () => false,
    );
    return await Promise.race([ping, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
