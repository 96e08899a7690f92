// Starts `ssm-chatops start`, `bot` or `worker` from the build (dist/, as the container runs it)
// against the outside world of a benchmark, and waits until /healthz answers. Run `npm run build` first.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { access, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { HARNESS_CONFIG } from '../../test/support/bot-harness.js';
import { ownChild, rssBytesOf } from './spawn-process.js';

export interface OutsideWorld {
  sandboxUrl: string;
  redisUrl: string;
  slackUrl: string;
  slackApiUrl: string;
  signingSecret: string;
  botToken: string;
  sinkUrl: string;
}

/**
 * jemalloc, as docker-compose.yml preloads it into the worker (the images carry the library). Debian's
 * redis-server depends on libjemalloc2, so machines that run the tests have it; without it (or with
 * BENCH_MALLOC=glibc, to compare) the benchmarks say their workers ran on glibc's malloc.
 */
const JEMALLOC =
  process.env.BENCH_MALLOC === 'glibc'
    ? undefined
    : ['/usr/lib/x86_64-linux-gnu/libjemalloc.so.2', '/usr/lib/aarch64-linux-gnu/libjemalloc.so.2'].find(
        (path) => existsSync(path),
      );
/** The workers' allocator in this run. */
export const MALLOC = JEMALLOC ? 'jemalloc' : 'glibc';

/** As the image runs Node (see Dockerfile): production, two malloc arenas. */
export const IMAGE_RUNTIME_ENV = {
  NODE_ENV: 'production',
  MALLOC_ARENA_MAX: '2',
};

/**
 * What docker-compose.yml adds to a process running `command`: for the worker, a small young generation and
 * jemalloc handing freed pages back within a second (the same MALLOC_CONF; test/unit/manifest.test.ts compares).
 */
export function serviceRuntimeEnv(command: string): Record<string, string> {
  if (command !== 'worker') return {};
  return {
    NODE_OPTIONS: '--max-semi-space-size=2',
    ...(JEMALLOC && {
      LD_PRELOAD: JEMALLOC,
      MALLOC_CONF: 'narenas:2,tcache:false,dirty_decay_ms:1000,muzzy_decay_ms:0',
    }),
  };
}

export interface BotProcess {
  url: string;
  child: ChildProcess;
  rssBytes(): Promise<number>;
  stop(): Promise<void>;
}

export interface BotSpawnOptions {
  /** The organization-facing config (default: the tests' harness config). */
  config?: Record<string, unknown>;
  /** Extra environment, e.g. POLL_INTERVAL_MS. */
  env?: Record<string, string>;
  /** `start` (bot and worker, default), `bot` or `worker`. A worker has no /healthz: ready once it logs so. */
  command?: 'start' | 'bot' | 'worker';
}

export async function spawnBot(
  world: OutsideWorld,
  port: number,
  options: BotSpawnOptions = {},
): Promise<BotProcess> {
  const configPath = join(tmpdir(), `ssm-chatops-bench-${process.pid}.yml`);
  await writeFile(configPath, stringify(options.config ?? HARNESS_CONFIG));
  const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
  await access(cli).catch(() => {
    throw new Error('dist/cli.js is missing: run `npm run build` first');
  });
  // BENCH_BOT_NODE_ARGS, e.g. `--cpu-prof --cpu-prof-dir=/tmp/profiles`, to look inside every process started
  // here while it is measured: each writes CPU.<date>.<pid>…cpuprofile when it exits on SIGTERM (stop()).
  const nodeArgs = process.env.BENCH_BOT_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const command = options.command ?? 'start';
  const child = spawn(process.execPath, [...nodeArgs, cli, command], {
    stdio: ['ignore', command === 'worker' ? 'pipe' : 'ignore', 'inherit'],
    env: {
      ...process.env,
      ...IMAGE_RUNTIME_ENV,
      ...serviceRuntimeEnv(command),
      LOG_LEVEL: 'warn',
      PORT: String(port),
      SLACK_BOT_TOKEN: world.botToken,
      SLACK_SIGNING_SECRET: world.signingSecret,
      SLACK_API_URL: world.slackApiUrl,
      REDIS_URL: world.redisUrl,
      AWS_REGION: 'ap-northeast-1',
      AWS_ENDPOINT_URL: world.sandboxUrl,
      AWS_ACCESS_KEY_ID: 'sandbox',
      AWS_SECRET_ACCESS_KEY: 'sandbox',
      SSM_CHATOPS_CONFIG: configPath,
      ...options.env,
    },
  });
  ownChild(child);
  const url = `http://127.0.0.1:${port}`;
  if (command === 'worker') await workerReady(child);
  for (let attempt = 0; command !== 'worker'; attempt++) {
    if (child.exitCode !== null) throw new Error(`the bot exited with code ${child.exitCode}`);
    const healthy = await fetch(`${url}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) break;
    if (attempt > 300) throw new Error('the bot did not become healthy within 30 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    child,
    rssBytes: () => rssBytesOf(child.pid),
    stop: async () => {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
    },
  };
}

/** The worker logs one line when it follows runs (LOG_LEVEL must let info through). */
function workerReady(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes('ssm-chatops worker following runs')) {
        child.stdout!.resume();
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`the worker exited with code ${code}`)));
  });
}
