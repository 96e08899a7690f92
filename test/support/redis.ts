// Redis for tests: a throwaway redis-server per test file (the demo's launcher), or REDIS_URL_FOR_TESTS when set.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { RedisServerNotFound, startRedisServer } from '../../src/demo/start-redis-server.js';
import { closeRedis, type RedisClient } from '../../src/store/redis-connection.js';

/** A Redis for tests: one server (`startTestRedis`) or a cluster (`startTestRedisCluster`, redis-cluster.ts). */
export interface TestRedis<Client extends RedisClient = Redis> {
  /** `redis://…`, or `redis+cluster://…` for a cluster: what REDIS_URL and createRedisConnection take. */
  url: string;
  port: number;
  /** A new connection, quit by `stop()`. */
  client(): Client;
  /** Empties the database (db 15 of an external Redis). */
  flush(): Promise<void>;
  /** Quits every client, then stops the server and removes its directory (an external Redis is left running). */
  stop(): Promise<void>;
  /** Stops the server as a crash would (SIGKILL), leaving clients to reconnect; `resume` starts it again. */
  crash(): Promise<void>;
  /** Starts the crashed server again on the same port and directory (with AOF, with its data). */
  resume(): Promise<void>;
  /** SIGSTOP: connections stay open and nothing answers, as a hung server or a dropped network does. */
  freeze(): void;
  /** SIGCONT after `freeze`. */
  thaw(): void;
}

export interface TestRedisOptions {
  /** Persist every write to an append-only file, so `crash` then `resume` keeps the data. */
  appendOnly?: boolean;
}

/** An external Redis is shared with whatever else uses it, so tests keep to one database of their own. */
const EXTERNAL_DB = 15;

/**
 * Starts Redis for one test file (call it in `beforeAll`, stop it in `afterAll`). Nothing is persisted:
 * no RDB, no AOF, a temporary working directory, loopback only.
 */
export async function startTestRedis(options: TestRedisOptions = {}): Promise<TestRedis> {
  const external = process.env.REDIS_URL_FOR_TESTS;
  if (external && !options.appendOnly) return useExternalRedis(external);
  const dir = await mkdtemp(join(tmpdir(), 'ssm-chatops-redis-'));
  const appendOnly = options.appendOnly ?? false;
  try {
    let server = await startRedisServer({ dir, appendOnly }).catch(explainMissingRedis);
    const url = `redis://127.0.0.1:${server.port}`;
    const clients = trackClients(url);
    return {
      url,
      port: server.port,
      client: clients.open,
      flush: async () => {
        await clients.admin().flushall();
      },
      stop: async () => {
        await clients.quitAll();
        await server.stop();
        await rm(dir, { recursive: true, force: true });
      },
      crash: async () => {
        await server.kill();
      },
      resume: async () => {
        server = await startRedisServer({ dir, appendOnly, port: server.port });
      },
      freeze: () => process.kill(server.pid, 'SIGSTOP'),
      thaw: () => process.kill(server.pid, 'SIGCONT'),
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** redis-server missing: say how to get it, as the tests need it. */
export function explainMissingRedis(error: unknown): never {
  if (!(error instanceof RedisServerNotFound)) throw error;
  throw new Error(
    'redis-server is not on the PATH. The tests start their own Redis: install it with ' +
      '`apt-get install redis-server` (what .ci/run does), or set REDIS_URL_FOR_TESTS to use a running one.',
  );
}

function useExternalRedis(rawUrl: string): TestRedis {
  const parsed = new URL(rawUrl);
  parsed.pathname = `/${EXTERNAL_DB}`;
  const url = parsed.toString();
  const clients = trackClients(url);
  return {
    url,
    port: Number(parsed.port || 6379),
    client: clients.open,
    flush: async () => {
      await clients.admin().flushdb();
    },
    stop: () => clients.quitAll(),
    crash: () =>
      Promise.reject(new Error('an external Redis (REDIS_URL_FOR_TESTS) is not the tests to crash')),
    resume: () =>
      Promise.reject(new Error('an external Redis (REDIS_URL_FOR_TESTS) is not the tests to resume')),
    freeze: () => {
      throw new Error('an external Redis (REDIS_URL_FOR_TESTS) is not the tests to freeze');
    },
    thaw: () => {
      throw new Error('an external Redis (REDIS_URL_FOR_TESTS) is not the tests to thaw');
    },
  };
}

function trackClients(url: string) {
  const open: Redis[] = [];
  let admin: Redis | undefined;
  const connect = () => {
    const client = new Redis(url);
    open.push(client);
    return client;
  };
  return {
    open: connect,
    admin: () => {
      admin ??= connect();
      return admin;
    },
    quitAll: async () => {
      await Promise.all(open.splice(0).map((client) => closeRedis(client)));
    },
  };
}
