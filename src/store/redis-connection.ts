// The bot's Redis connections: one set of options for the run store, BullMQ queues and workers alike.
import { Redis, type RedisOptions } from 'ioredis';

/** How long `closeRedis` waits for pending replies before dropping the connection. */
const QUIT_TIMEOUT_MS = 2_000;

/**
 * Reconnect delays: 100 ms, doubling, capped at 5 s. ioredis retries forever while this returns a number, which
 * is what a long-running bot wants: Redis restarting must stall work, not kill the process.
 */
export function reconnectDelayMs(attempt: number): number {
  return Math.min(100 * 2 ** Math.max(attempt - 1, 0), 5_000);
}

/**
 * Opens a connection to `url` (`redis://[:password@]host:port[/db]`, or `rediss://` for TLS).
 * `maxRetriesPerRequest: null` makes commands wait out a reconnect instead of failing after a few attempts;
 * BullMQ workers require it (they refuse a client without it), and the run store's compare-and-set loop is
 * safe to stall. `options` override the defaults — e.g. a short `maxRetriesPerRequest` for a health check.
 * Keys are prefixed by each store, never by ioredis `keyPrefix`, which BullMQ rejects.
 */
export function createRedisConnection(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, {
    connectionName: 'ssm-chatops',
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    lazyConnect: false,
    retryStrategy: reconnectDelayMs,
    ...options,
  });
}

/**
 * Closes gracefully: QUIT lets the replies already asked for arrive first, for at most `timeoutMs`; after that,
 * or when the connection is not up, it is dropped. A client caught reconnecting keeps its status and its queued
 * commands never settle (an ioredis 5 limitation, redis/ioredis#2169), but it stops reconnecting, so nothing of it
 * keeps the process alive.
 */
export async function closeRedis(client: Redis, timeoutMs = QUIT_TIMEOUT_MS): Promise<void> {
  if (client.status === 'end') return;
  if (client.status !== 'ready') {
    client.disconnect();
    return;
  }
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<'gave-up'>((resolve) => {
    timer = setTimeout(() => resolve('gave-up'), timeoutMs);
  });
  // Wait for 'end', not just QUIT's reply, so the caller sees a closed client when this resolves.
  const ended = new Promise<'closed'>((resolve) => client.once('end', () => resolve('closed')));
  const quit = client.quit().then(
    () => ended,
    () => 'failed' as const,
  );
  try {
    if ((await Promise.race([quit, gaveUp])) !== 'closed') client.disconnect();
  } finally {
    clearTimeout(timer);
  }
}
