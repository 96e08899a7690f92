// `ssm-chatops worker` (or `bot`) as a real process against a test harness, so tests can run several and kill them.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { BotHarness } from './bot-harness.js';
import { harnessLogPath } from './harness-log.js';

/** How long a test worker may take to stop in order before it drops its connections and exits 1. */
export const WORKER_SHUTDOWN_TIMEOUT_MS = 2_000;

export interface ProcessOptions {
  /** `worker` (default) or `bot`; a bot listens on the PORT given in `extraEnv`. */
  command?: 'worker' | 'bot';
  /** Node flags before the entry point, after `--import tsx` (e.g. another `--import`). */
  nodeArgs?: string[];
  /** A compiled entry point run by plain node (the runtime image's dist/runtime-cli.js) instead of src/cli.ts. */
  compiledEntry?: string;
}

/** What each subcommand logs once it is started. */
const READY = {
  worker: 'ssm-chatops worker following runs',
  bot: 'ssm-chatops bot listening on /slack/events',
} as const;

export interface WorkerProcess {
  child: ChildProcess;
  /** Where its stdout and stderr go (in the run's log directory). */
  logPath: string;
  /** SIGKILL: no cleanup at all, as a crash or an OOM kill. */
  kill(): Promise<void>;
  /** SIGTERM, then wait for it to exit. */
  stop(): Promise<void>;
}

export async function startWorkerProcess(
  harness: BotHarness,
  fileConfig: Record<string, unknown>,
  /** More settings, e.g. METRICS_PORT and HOST for its /metrics. */
  extraEnv: Record<string, string> = {},
  { command = 'worker', nodeArgs = [], compiledEntry }: ProcessOptions = {},
): Promise<WorkerProcess> {
  const path = join(mkdtempSync(join(tmpdir(), 'worker-')), 'config.yml');
  writeFileSync(path, stringify(fileConfig));
  const env = harness.config.env;
  const entry = compiledEntry ? [...nodeArgs, compiledEntry] : ['--import', 'tsx', ...nodeArgs, 'src/cli.ts'];
  const child = spawn(process.execPath, [...entry, command], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      // Everything, so the harness's check for secrets in the logs sees all the worker could write.
      LOG_LEVEL: 'trace',
      SLACK_BOT_TOKEN: env.SLACK_BOT_TOKEN,
      ...(command === 'bot' && { SLACK_SIGNING_SECRET: env.SLACK_SIGNING_SECRET }),
      SLACK_API_URL: env.SLACK_API_URL,
      REDIS_URL: env.REDIS_URL,
      AWS_REGION: env.AWS_REGION,
      AWS_ENDPOINT_URL: env.AWS_ENDPOINT_URL,
      AWS_ACCESS_KEY_ID: 'sandbox',
      AWS_SECRET_ACCESS_KEY: 'sandbox',
      SSM_CHATOPS_CONFIG: path,
      POLL_INTERVAL_MS: '50',
      POLL_MAX_INTERVAL_MS: '200',
      WORKER_LOCK_MS: '2000',
      SHUTDOWN_TIMEOUT_MS: String(WORKER_SHUTDOWN_TIMEOUT_MS),
      // Any free port unless the test asks for one: several workers may run at once.
      METRICS_PORT: '0',
      HOST: '127.0.0.1',
      ...extraEnv,
    },
  });
  // Ready once it logs that it follows runs or listens (JSON lines on stdout); what it logged until then goes to
  // its file.
  let seen = '';
  await new Promise<void>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      seen += chunk.toString();
      if (!seen.includes(READY[command])) return;
      child.stdout!.off('data', read);
      resolve();
    };
    child.stdout!.on('data', read);
    child.once('exit', (code) =>
      reject(new Error(`${command} exited with ${code} before it was ready:\n${seen}`)),
    );
  });
  // The worker's log goes to the run's log directory, for a failed run to be read afterwards and for the
  // harness to scan for secrets when it closes.
  const logPath = harnessLogPath(command);
  harness.addLogFile(logPath);
  const log = createWriteStream(logPath);
  log.write(seen);
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const exited = () =>
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : once(child, 'exit').then(() => undefined);
  return {
    child,
    logPath,
    kill: async () => {
      child.kill('SIGKILL');
      await exited();
    },
    stop: async () => {
      child.kill('SIGTERM');
      await exited();
    },
  };
}
