// The bot's Redis connections: one set of options for the run store, BullMQ queues and workers alike, to one
// Redis or to a Redis Cluster.
import { Cluster, Redis } from 'ioredis';
import { parseRedisUrl, type RedisTarget } from '../config/redis-target.js';

/**
 * What the stores, queues and metrics are given: a connection to one Redis or to a cluster. Every script and
 * transaction they send touches keys of one hash slot (see key-slot.ts), so both serve them alike.
 */
export type RedisClient = Redis | Cluster;

/** How long `closeRedis` waits for pending replies before dropping the connection. */
const QUIT_TIMEOUT_MS = 2_000;

/**
 * Reconnect delays: 100 ms, doubling, capped at 5 s. ioredis retries forever while this returns a number, which
 * is what a long-running bot wants: Redis restarting must stall work, not kill the process.
 */
export function reconnectDelayMs(attempt: number): number {
  return Math.min(100 * 2 ** Math.max(attempt - 1, 0), 5_000);
}

/** What a caller may change of the defaults, for one Redis and a cluster alike. */
export interface ConnectionOptions {
  connectionName?: string;
  /** null (the default): a command waits out a reconnect; a number fails it after that many retries. */
  maxRetriesPerRequest?: number | null;
  /** Delay before reconnect attempt n (of the cluster as a whole, for a cluster), or null to give up. */
  retryStrategy?: (attempt: number) => number | null;
}

/**
 * Opens a connection to `target`: a RedisTarget from the config, or a URL — `redis://[:password@]host:port[/db]`,
 * `rediss://` for TLS, or a cluster's `redis+cluster://[user:password@]host:port[,host:port…]` (`rediss+cluster://`
 * for TLS). `maxRetriesPerRequest: null` makes commands wait out a reconnect instead of failing after a few
 * attempts; BullMQ workers require it (they refuse a client without it), and the run store's compare-and-set
 * loop is safe to stall. Keys are prefixed by each store, never by ioredis `keyPrefix`, which BullMQ rejects.
 */
export function createRedisConnection(
  target: RedisTarget | string,
  options: ConnectionOptions = {},
): RedisClient {
  const resolved = typeof target === 'string' ? targetOf(target) : target;
  const connectionName = options.connectionName ?? 'ssm-chatops';
  const maxRetriesPerRequest =
    options.maxRetriesPerRequest === undefined ? null : options.maxRetriesPerRequest;
  const retryStrategy = options.retryStrategy ?? reconnectDelayMs;
  if (resolved.kind === 'standalone') {
    return new Redis(resolved.url, {
      connectionName,
      maxRetriesPerRequest,
      enableReadyCheck: true,
      lazyConnect: false,
      retryStrategy,
    });
  }
  return new Cluster(resolved.nodes, {
    enableReadyCheck: true,
    lazyConnect: false,
    clusterRetryStrategy: retryStrategy,
    // Connect to the names the cluster gives its nodes, not to their addresses: with TLS (ElastiCache) the
    // certificates name the hosts, so a connection by IP address would fail their check.
    dnsLookup: (address, callback) => callback(null, address),
    redisOptions: {
      connectionName,
      maxRetriesPerRequest,
      ...(resolved.tls && { tls: {} }),
      ...(resolved.username !== undefined && { username: resolved.username }),
      ...(resolved.password !== undefined && { password: resolved.password }),
    },
  });
}

/** Another connection to the same Redis or cluster, with the same options (BullMQ workers block on their own). */
export function duplicateConnection(client: RedisClient): RedisClient {
  return client instanceof Cluster ? client.duplicate() : client.duplicate();
}

function targetOf(url: string): RedisTarget {
  const parsed = parseRedisUrl(url);
  if (!parsed.ok) throw new Error(`Redis URL: ${parsed.problem}`);
  return parsed.value;
}

/**
 * Closes gracefully: QUIT lets the replies already asked for arrive first, for at most `timeoutMs`; after that,
 * or when the connection is not up, it is dropped. A client caught reconnecting keeps its status and its queued
 * commands never settle (an ioredis 5 limitation, redis/ioredis#2169), but it stops reconnecting, so nothing of it
 * keeps the process alive.
 */
export async function closeRedis(client: RedisClient, timeoutMs = QUIT_TIMEOUT_MS): Promise<void> {
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
