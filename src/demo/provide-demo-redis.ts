// The demo's Redis: REDIS_URL when it is set, otherwise a redis-server of its own in a temporary directory.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { queuePrefixFor } from '../jobs/queue-names.js';
import { closeRedis } from '../store/redis-connection.js';
import { startRedisServer } from './start-redis-server.js';

/** The demo's keys and queues, kept apart from a real bot's (`ssm-chatops:`) when it shares a Redis. */
export const DEMO_KEY_PREFIX = 'ssm-chatops-demo:';

export interface DemoRedis {
  url: string;
  /** For the banner: "redis-server, data in /tmp/…" or "REDIS_URL". */
  description: string;
  /** The temporary directory of the demo's own redis-server. */
  dataDir?: string;
  /**
   * Stops what the demo started. Unless `keepData`: removes the temporary directory, or the demo's keys from
   * the Redis at REDIS_URL. With it: dump.rdb is written to the directory, and the keys are left.
   */
  stop(): Promise<void>;
}

const PING_TIMEOUT_MS = 3_000;

export async function provideDemoRedis(options: {
  redisUrl?: string;
  port?: number;
  keepData: boolean;
}): Promise<DemoRedis> {
  if (options.redisUrl) return useRunningRedis(options.redisUrl, options.keepData);
  const dataDir = await mkdtemp(join(tmpdir(), 'ssm-chatops-demo-'));
  try {
    const server = await startRedisServer({ dir: dataDir, port: options.port });
    return {
      url: server.url,
      description: `redis-server pid ${server.pid}, data in ${dataDir}`,
      dataDir,
      stop: async () => {
        try {
          await server.stop({ save: options.keepData });
        } finally {
          if (!options.keepData) await rm(dataDir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** The bot's connections retry forever; a wrong REDIS_URL must fail the start instead, and say so. */
async function useRunningRedis(url: string, keepData: boolean): Promise<DemoRedis> {
  // Its keys are removed with SCAN on one server: a cluster would need every node scanned.
  if (/^rediss?\+cluster:/.test(url)) {
    throw new Error('the demo runs on one Redis: REDIS_URL names a cluster (redis+cluster://)');
  }
  await withClient(url, async (client) => {
    await client.ping();
  }).catch((error: unknown) => {
    throw new Error(`nothing answers at REDIS_URL (${url}): ${(error as Error).message}`, { cause: error });
  });
  return {
    url,
    description: `REDIS_URL, keys under ${DEMO_KEY_PREFIX}`,
    stop: async () => {
      if (!keepData) await withClient(url, deleteDemoKeys);
    },
  };
}

async function withClient(url: string, use: (client: Redis) => Promise<void>): Promise<void> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: PING_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  try {
    await client.connect();
    await use(client);
  } finally {
    await closeRedis(client);
  }
}

/** The demo's own keys and its BullMQ queues', whose prefix is hash-tagged (`{ssm-chatops-demo:bull}`). */
async function deleteDemoKeys(client: Redis): Promise<void> {
  for (const pattern of [`${DEMO_KEY_PREFIX}*`, `${queuePrefixFor(DEMO_KEY_PREFIX)}*`]) {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      if (keys.length > 0) await client.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  }
}
