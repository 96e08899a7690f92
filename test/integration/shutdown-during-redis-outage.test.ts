// `ssm-chatops worker`, `bot` and `start` asked to stop while Redis is down: they used to wait out the reconnects
// for as long as the outage lasted; now they give up after SHUTDOWN_TIMEOUT_MS, drop their connections, and exit 1.
// (What a bot does with a Slack request while Redis is down is tested in the e2e suite.)
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestRedis, type TestRedis } from '../support/redis.js';

const SHUTDOWN_TIMEOUT_MS = 1_000;
/** Past the timeout, the slack the process has to log, drop its connections and let Node exit. */
const EXIT_SLACK_MS = 5_000;

type Subcommand = 'worker' | 'bot' | 'start';
/** What each subcommand logs last once it is started. */
const READY: Record<Subcommand, string> = {
  worker: 'ssm-chatops worker following runs',
  bot: 'ssm-chatops bot listening on /slack/events',
  start: 'ssm-chatops worker following runs',
};

let redis: TestRedis;
let child: ChildProcess | undefined;
let output = '';
let crashed = false;
let frozen = false;

beforeEach(async () => {
  redis = await startTestRedis();
  crashed = false;
  frozen = false;
});
afterEach(async () => {
  // A process that failed to exit must not outlive the test run.
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  if (crashed) await redis.resume();
  if (frozen) redis.thaw();
  await redis.stop();
});

/** The subcommand as a real process with the settings it needs and nothing else; resolves once it is started. */
async function startProcess(subcommand: Subcommand): Promise<ChildProcess> {
  const started = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', subcommand], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      SLACK_BOT_TOKEN: 'xoxb-shutdown-test',
      SLACK_SIGNING_SECRET: 'shutdown-test-signing-secret',
      // Nothing listens there: these tests never reach Slack.
      SLACK_API_URL: 'http://127.0.0.1:9/api/',
      HOST: '127.0.0.1',
      PORT: '0',
      METRICS_PORT: '0',
      REDIS_URL: redis.url,
      AWS_REGION: 'ap-northeast-1',
      SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
    },
  });
  output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  started.stdout!.on('data', collect);
  started.stderr!.on('data', collect);
  await Promise.race([
    logged(started, READY[subcommand]),
    once(started, 'exit').then(([code]) => {
      throw new Error(`${subcommand} exited with ${code} before it was ready:\n${output}`);
    }),
  ]);
  return started;
}

/** Resolves once the process has written `text` (already written, or later). */
function logged(process: ChildProcess, text: string): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (!output.includes(text)) return;
      process.stdout!.off('data', check);
      resolve();
    };
    process.stdout!.on('data', check);
    check();
  });
}

/** The port the bot logged it listens on. */
function botPort(): number {
  const port = /"port":(\d+)/.exec(output)?.[1];
  if (!port) throw new Error(`the bot logged no port:\n${output}`);
  return Number(port);
}

/** Resolves once the bot's /healthz says 503: its Redis client has seen the connection go. */
async function healthReports503(port: number): Promise<void> {
  for (;;) {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    if (response.status === 503) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** The exit code, or a rejection once `withinMs` has passed without an exit. */
function exitWithin(process: ChildProcess, withinMs: number): Promise<number | null> {
  let timer: NodeJS.Timeout | undefined;
  const tooLate = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () =>
        reject(new Error(`still running ${withinMs} ms after SIGTERM; it logged:\n${output.slice(-3_000)}`)),
      withinMs,
    );
  });
  const exited = once(process, 'exit').then(([code]) => code as number | null);
  return Promise.race([exited, tooLate]).finally(() => clearTimeout(timer));
}

describe.each(['worker', 'bot', 'start'] as const)('ssm-chatops %s on SIGTERM', (subcommand) => {
  it('when Redis is up, then it closes in order and exits 0', async () => {
    child = await startProcess(subcommand);
    child.kill('SIGTERM');
    expect(await exitWithin(child, SHUTDOWN_TIMEOUT_MS + EXIT_SLACK_MS)).toBe(0);
    expect(output).not.toContain('by force');
  }, 30_000);

  it('when Redis is down, then it exits within SHUTDOWN_TIMEOUT_MS, and its exit code says whether it dropped work', async () => {
    child = await startProcess(subcommand);
    await redis.crash();
    crashed = true;
    // SIGTERM once the process has noticed the outage and its commands wait for a reconnect, as in production.
    if (subcommand === 'bot') await healthReports503(botPort());
    else await logged(child, '"msg":"poll worker error"');
    child.kill('SIGTERM');
    const code = await exitWithin(child, SHUTDOWN_TIMEOUT_MS + EXIT_SLACK_MS);
    // Whether a close finds something to wait for depends on what the client had queued when the connection
    // went; either way the process is gone in time, and says so truthfully.
    if (code === 0) expect(output).not.toContain('by force');
    else {
      expect(code).toBe(1);
      expect(output).toContain('had not closed within SHUTDOWN_TIMEOUT_MS');
    }
  }, 30_000);

  it('when Redis hangs (SIGSTOP), then it stops within SHUTDOWN_TIMEOUT_MS, and exits 1 if it dropped work', async () => {
    child = await startProcess(subcommand);
    redis.freeze();
    frozen = true;
    child.kill('SIGTERM');
    const code = await exitWithin(child, SHUTDOWN_TIMEOUT_MS + EXIT_SLACK_MS);
    if (subcommand === 'bot') {
      // An idle bot has no job in hand: whether its bounded QUIT (closeRedis) ends before SHUTDOWN_TIMEOUT_MS
      // depends on the machine's pace. Either way it is gone in time, and its exit code says which it was.
      if (code === 0) expect(output).not.toContain('by force');
      else expect(output).toContain('had not closed within SHUTDOWN_TIMEOUT_MS');
      return;
    }
    // A worker's QUIT and blocking commands are never answered: it cannot close in order.
    expect(code).toBe(1);
    expect(output).toMatch(/"abandoned":\[".*"\]/);
    expect(output).toContain('had not closed within SHUTDOWN_TIMEOUT_MS');
  }, 30_000);
});
