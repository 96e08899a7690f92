// A throwaway redis-server for the demo: loopback only, a given directory, nothing persisted unless asked at stop.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

/** What someone without Redis should run; the demo prints it as is. */
export const REDIS_INSTALL_HINT =
  'redis-server is not on the PATH. Install it (Debian/Ubuntu: `sudo apt-get install redis-server`, ' +
  'macOS: `brew install redis`), or set REDIS_URL to use a Redis that is already running.';

/** redis-server is missing: the one start-up failure the demo explains with a remedy rather than a cause. */
export class RedisServerNotFound extends Error {
  override readonly name = 'RedisServerNotFound';
  constructor() {
    super(REDIS_INSTALL_HINT);
  }
}

export interface RunningRedisServer {
  url: string;
  port: number;
  pid: number;
  /** Writes dump.rdb into the directory first when `save` is set, then stops the server and waits for it. */
  stop(options?: { save?: boolean }): Promise<void>;
  /** SIGKILL, as a crash or an OOM kill: nothing is flushed beyond what the server already wrote. */
  kill(): Promise<void>;
}

const START_ATTEMPTS = 5;
const READY_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;

/**
 * Starts redis-server in `dir` on `port`, or on a free port when none is given (retrying if another process takes
 * the probed port first). Rejects with RedisServerNotFound when there is no redis-server to start.
 */
export async function startRedisServer(options: {
  dir: string;
  port?: number;
  /** Log every write to an append-only file in `dir`, so a restart keeps everything (chaos tests). */
  appendOnly?: boolean;
  /** More flags, after the launcher's own (the tests' cluster nodes: `--cluster-enabled yes`, …). */
  extraArgs?: readonly string[];
}): Promise<RunningRedisServer> {
  let lastError: Error | undefined;
  for (let attempt = 1; attempt <= (options.port === undefined ? START_ATTEMPTS : 1); attempt++) {
    const port = options.port ?? (await freePort());
    const outcome = await spawnRedis(port, options.dir, options.appendOnly ?? false, options.extraArgs ?? []);
    if ('child' in outcome) return running(outcome.child, port);
    if (!outcome.portClash || options.port !== undefined) throw outcome.error;
    lastError = outcome.error;
  }
  throw new Error(`redis-server found no free port in ${START_ATTEMPTS} attempts`, { cause: lastError });
}

function running(child: ChildProcess, port: number): RunningRedisServer {
  const url = `redis://127.0.0.1:${port}`;
  return {
    url,
    port,
    pid: child.pid ?? 0,
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    },
    stop: async ({ save = false } = {}) => {
      if (save) await saveSnapshot(url);
      await stopServer(child);
    },
  };
}

/** A port nothing listens on now, on loopback (a cluster node's bus port too). */
export function freePort(): Promise<number> {
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

type SpawnOutcome = { child: ChildProcess } | { error: Error; portClash: boolean };

function spawnRedis(
  port: number,
  dir: string,
  appendOnly: boolean,
  extraArgs: readonly string[],
): Promise<SpawnOutcome> {
  // Flags, not a config file, so the distribution's /etc/redis/redis.conf cannot change the demo's server.
  const args = [
    ...['--port', String(port), '--bind', '127.0.0.1', '--protected-mode', 'yes'],
    ...['--save', '', '--appendonly', appendOnly ? 'yes' : 'no', '--appendfsync', 'always'],
    ...['--dir', dir, '--daemonize', 'no', '--loglevel', 'notice'],
    ...extraArgs,
  ];
  // Its own process group: a Ctrl-C in the terminal reaches only the demo, which stops Redis last, after the
  // bot and worker have let go of it.
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  return new Promise((resolve) => {
    const settle = (outcome: SpawnOutcome) => {
      clearTimeout(deadline);
      child.stdout?.off('data', onOutput);
      child.stderr?.off('data', onOutput);
      child.off('exit', onExit);
      child.off('error', onError);
      if ('child' in outcome) {
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
      if (output.includes('Ready to accept connections')) settle({ child });
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      const error = new Error(
        `redis-server exited before it was ready (code ${code}, signal ${signal}) on port ${port}: ${output.trim()}`,
      );
      settle({ error, portClash: /address already in use/i.test(output) });
    };
    const onError = (error: NodeJS.ErrnoException) => {
      settle({
        error: error.code === 'ENOENT' ? new RedisServerNotFound() : error,
        portClash: false,
      });
    };
    const deadline = setTimeout(() => {
      settle({
        error: new Error(`redis-server was not ready within ${READY_TIMEOUT_MS} ms: ${output}`),
        portClash: false,
      });
    }, READY_TIMEOUT_MS);
    child.stdout?.on('data', onOutput);
    child.stderr?.on('data', onOutput);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}

/** A demo that dies without stopping (an uncaught error) must not leave its redis-server behind. */
function killOnExit(child: ChildProcess): void {
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  child.once('exit', () => process.off('exit', kill));
}

/** SAVE writes dump.rdb into --dir, even with no save points configured. */
async function saveSnapshot(url: string): Promise<void> {
  const client = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await client.connect();
    await client.save();
  } finally {
    client.disconnect();
  }
}

/** SIGTERM is a clean shutdown; with no save points it writes nothing. SIGKILL if it does not end in time. */
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
