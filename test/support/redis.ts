// The one Redis launcher for tests: a throwaway redis-server per test file, or REDIS_URL_FOR_TESTS when set.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { closeRedis } from '../../src/store/redis-connection.js';

export interface TestRedis {
  url: string;
  port: number;
  /** A new connection, quit by `stop()`. */
  client(): Redis;
  /** Empties the database (db 15 of an external Redis). */
  flush(): Promise<void>;
  /** Quits every client, then stops the server and removes its directory (an external Redis is left running). */
  stop(): Promise<void>;
}

/** An external Redis is shared with whatever else uses it, so tests keep to one database of their own. */
const EXTERNAL_DB = 15;
const START_ATTEMPTS = 5;
const READY_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;

/**
 * Starts Redis for one test file (call it in `beforeAll`, stop it in `afterAll`). Nothing is persisted:
 * no RDB, no AOF, a temporary working directory, loopback only.
 */
export async function startTestRedis(): Promise<TestRedis> {
  const external = process.env.REDIS_URL_FOR_TESTS;
  if (external) return useExternalRedis(external);
  const dir = await mkdtemp(join(tmpdir(), 'ssm-chatops-redis-'));
  try {
    const server = await spawnOnFreePort(dir);
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
        await stopServer(server.process);
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
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

interface RunningServer {
  port: number;
  process: ChildProcess;
}

/** Another process can take the free port between our probe and redis-server's bind, so a clash retries. */
async function spawnOnFreePort(dir: string): Promise<RunningServer> {
  let lastError: Error | undefined;
  for (let attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
    const port = await freePort();
    const outcome = await spawnRedis(port, dir);
    if ('process' in outcome) return { port, process: outcome.process };
    if (!outcome.portClash) throw outcome.error;
    lastError = outcome.error;
  }
  throw new Error(`redis-server could not find a free port in ${START_ATTEMPTS} attempts`, {
    cause: lastError,
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

type SpawnOutcome = { process: ChildProcess } | { error: Error; portClash: boolean };

function spawnRedis(port: number, dir: string): Promise<SpawnOutcome> {
  // Flags, not a config file, so the distribution's /etc/redis/redis.conf cannot change the test server.
  const args = [
    ...['--port', String(port), '--bind', '127.0.0.1', '--protected-mode', 'yes'],
    ...['--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no', '--loglevel', 'notice'],
  ];
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve) => {
    const settle = (outcome: SpawnOutcome) => {
      clearTimeout(deadline);
      child.stdout?.off('data', onOutput);
      child.stderr?.off('data', onOutput);
      child.off('exit', onExit);
      child.off('error', onError);
      if ('process' in outcome) {
        // Keep draining the pipes so a chatty server never blocks on a full buffer.
        child.stdout?.resume();
        child.stderr?.resume();
        killOnExit(child);
      } else {
        child.kill('SIGKILL');
      }
      resolve(outcome);
    };
    const onOutput = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('Ready to accept connections')) settle({ process: child });
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      const portClash = /address already in use/i.test(output);
      const error = new Error(
        `redis-server exited before it was ready (code ${code}, signal ${signal}) on port ${port}:\n${output}`,
      );
      settle({ error, portClash });
    };
    const onError = (error: NodeJS.ErrnoException) => {
      const message =
        error.code === 'ENOENT'
          ? 'redis-server is not on the PATH. The tests start their own Redis: install it with ' +
            '`apt-get install redis-server` (what .ci/run does), or set REDIS_URL_FOR_TESTS to use a running one.'
          : `redis-server could not be started: ${error.message}`;
      settle({ error: new Error(message, { cause: error }), portClash: false });
    };
    const deadline = setTimeout(() => {
      const error = new Error(`redis-server was not ready within ${READY_TIMEOUT_MS} ms:\n${output}`);
      settle({ error, portClash: false });
    }, READY_TIMEOUT_MS);
    child.stdout?.on('data', onOutput);
    child.stderr?.on('data', onOutput);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}

/** A test process that dies without `stop()` must not leave redis-servers behind. */
function killOnExit(child: ChildProcess): void {
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  child.once('exit', () => process.off('exit', kill));
}

/** SIGTERM is a clean shutdown; with no save points configured it writes nothing. */
async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const deadline = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(deadline);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
