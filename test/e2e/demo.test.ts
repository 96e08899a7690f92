// `ssm-chatops demo` as a person runs it: one process that brings everything up, answers a slash command from
// the emulator, and on Ctrl-C leaves no process, port or temporary file behind — also when a part fails to start.

import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, readlink, rm } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { SSMClient, StartAutomationExecutionCommand } from '@aws-sdk/client-ssm';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { SandboxControlClient } from '../../src/sandbox/control-client.js';
import { fakeCliIo } from '../support/fake-cli-io.js';
import { ENVIRONMENT_SECRETS, secretsIn } from '../support/find-leaked-secrets.js';
import { startTestRedis } from '../support/redis.js';

const ALICE = 'U0REQUEST1';
const OPS = 'C0OPS00001';
const NOTIFY = 'C0NOTIFY01';
const PAYMENTS_PROD = '333333333301';

interface DemoProcess {
  child: ChildProcess;
  /** Everything it printed so far. */
  stdout(): string;
  stderr(): string;
  exited: Promise<number | null>;
}

const started: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const child of started.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** A temporary directory of the test's own, given to the demo as TMPDIR: what the demo leaves there is visible. */
async function ownTmpdir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'demo-test-'));
  dirs.push(dir);
  return dir;
}

function startDemo(args: string[], env: Record<string, string | undefined>): DemoProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'demo', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { LOG_LEVEL: 'warn', ...env },
  });
  started.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8');
  });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Resolves with the banner's URLs once it is printed; rejects if the demo exits first. */
async function banner(demo: DemoProcess) {
  const lines = createInterface({ input: demo.child.stdout! });
  const seen: Record<string, string> = {};
  const printed = new Promise<Record<string, string>>((resolve) => {
    lines.on('line', (line) => {
      const [, name, url] = /^\s+(Playground|AWS sandbox|Bot|Redis)\s+(\S+)/.exec(line) ?? [];
      if (name && url) seen[name] = url;
      if (line.startsWith('Stop with Ctrl-C')) resolve(seen);
    });
  });
  const early = demo.exited.then((code) => {
    throw new Error(`the demo exited (${code}) before its banner:\n${demo.stdout()}\n${demo.stderr()}`);
  });
  return Promise.race([printed, early]);
}

/** The redis-servers working in `dir`: redis-server renames its command line, but its cwd is its --dir. */
async function redisServersIn(dir: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cwd = await readlink(`/proc/${entry}/cwd`).catch(() => '');
    if (cwd.startsWith(dir)) pids.push(Number(entry));
  }
  return pids;
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Re-reads the emulator's state until `found` sees what it waits for (the state has no push for plain HTTP). */
async function untilState<T>(slackUrl: string, found: (state: EmulatorState) => T | undefined): Promise<T> {
  const deadline = Date.now() + 45_000;
  let state: EmulatorState | undefined;
  while (Date.now() < deadline) {
    state = (await (await fetch(`${slackUrl}/_emulator/state`)).json()) as EmulatorState;
    const value = found(state);
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the emulator never showed it; last state:\n${JSON.stringify(state, null, 2)}`);
}

interface EmulatorState {
  channels: Array<{
    id: string;
    messages: Array<{ text?: string; blocks?: unknown; replies: Array<{ text?: string }> }>;
  }>;
  ephemerals: Array<{ user: string; channel: string; text?: string }>;
}

/** What the demo made in TMPDIR (tsx keeps a cache of its own there). */
const demoDirsIn = async (dir: string) =>
  (await readdir(dir)).filter((name) => name.startsWith('ssm-chatops-demo-'));

const portOf = (url: string) => Number(new URL(url).port);

describe('ssm-chatops demo', () => {
  it('when started, then a slash command sent through the emulator is run by the bot and the worker, and Ctrl-C leaves nothing behind', async () => {
    const tmp = await ownTmpdir();
    // A deployment's secrets left in the shell: the demo brings its own, and must print none of these.
    const given = Object.fromEntries(ENVIRONMENT_SECRETS.map((secret) => [secret.name, secret.value]));
    const demo = startDemo([], { PATH: process.env.PATH, TMPDIR: tmp, ...given });
    const urls = await banner(demo);
    const slackUrl = urls.Playground!.replace(/\/$/, '');
    expect(Object.keys(urls)).toEqual(['Playground', 'AWS sandbox', 'Bot', 'Redis']);
    const redisPids = await redisServersIn(tmp);
    expect(redisPids).toHaveLength(1);
    // The playground is served at the emulator's root, and its sandbox panel reaches the demo's sandbox.
    const page = await fetch(urls.Playground!);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const panel = (await (await fetch(`${slackUrl}/_emulator/sandbox`)).json()) as { url: string | null };
    expect(panel.url).toBe(urls['AWS sandbox']);

    const sent = await fetch(`${slackUrl}/_emulator/slash-command`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        userId: ALICE,
        channelId: OPS,
        text: 'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --accounts dev-shared',
      }),
    });
    // The emulator signed the request and the bot accepted the signature.
    expect(((await sent.json()) as { status: number }).status).toBe(200);
    const run = await untilState(slackUrl, (state) =>
      state.channels
        .find((channel) => channel.id === OPS)
        ?.messages.find((message) => /Succeeded/.test(message.text ?? '') && message.replies.length > 0),
    );
    expect(run.text).toContain('AWS-RestartEC2Instance');
    expect(run.replies[0]?.text).toMatch(/dev-shared \(555555555501\) ap-northeast-1: Success/);

    demo.child.kill('SIGINT');
    expect(await demo.exited).toBe(0);
    expect(demo.stdout()).toContain('Stopped.');
    expect(secretsIn(demo.stdout() + demo.stderr(), ENVIRONMENT_SECRETS)).toEqual([]);
    // On a supported Node nothing warns about its version (the AWS SDK does below Node 22).
    expect(demo.stderr()).not.toMatch(/NodeVersionSupportWarning|Warning: .*node/i);
    expect(await redisServersIn(tmp)).toEqual([]);
    for (const url of Object.values(urls)) expect(await portAnswers(portOf(url))).toBe(false);
    expect(await demoDirsIn(tmp)).toEqual([]);
  }, 90_000);

  it('when an execution started outside Slack fails, then its failure notice reaches #aws-notifications', async () => {
    const tmp = await ownTmpdir();
    const demo = startDemo([], { PATH: process.env.PATH, TMPDIR: tmp });
    const urls = await banner(demo);
    const sandboxUrl = urls['AWS sandbox']!.replace(/\/$/, '');
    const slackUrl = urls.Playground!.replace(/\/$/, '');
    await new SandboxControlClient(sandboxUrl).addFault({
      kind: 'step-failure',
      documentName: 'AWS-RestartEC2Instance',
      stepName: 'startInstances',
      accountId: PAYMENTS_PROD,
    });
    const executionId = await startInTheAccount(sandboxUrl, PAYMENTS_PROD);
    const notice = await untilState(slackUrl, (state) =>
      state.channels
        .find((channel) => channel.id === NOTIFY)
        ?.messages.find((message) => JSON.stringify(message).includes(executionId)),
    );
    expect(JSON.stringify(notice)).toContain('AWS-RestartEC2Instance');
    expect(JSON.stringify(notice)).toContain('startInstances');
    demo.child.kill('SIGINT');
    expect(await demo.exited).toBe(0);
  }, 90_000);

  it('when Ctrl-C comes while the playground listens to its event stream, then it still stops promptly and cleanly', async () => {
    const tmp = await ownTmpdir();
    const demo = startDemo([], { PATH: process.env.PATH, TMPDIR: tmp });
    const urls = await banner(demo);
    // What the playground's EventSource holds open for as long as the page is open.
    const stream = await fetch(new URL('_emulator/events', urls.Playground!));
    const reader = stream.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain(': connected');
    const streamEnded = reader.read().then(
      (chunk) => chunk.done,
      () => true,
    );
    const signalled = Date.now();
    demo.child.kill('SIGINT');
    expect(await demo.exited).toBe(0);
    // Well within the 10 s the demo gives a part that does not stop before it moves on without it.
    expect(Date.now() - signalled).toBeLessThan(5_000);
    expect(await streamEnded).toBe(true);
    expect(demo.stdout()).toContain('Stopped.');
    expect(await demoDirsIn(tmp)).toEqual([]);
  }, 60_000);

  it('when --keep-data is given, then at stop the temporary directory is left with a dump of Redis', async () => {
    const tmp = await ownTmpdir();
    const demo = startDemo(['--keep-data'], { PATH: process.env.PATH, TMPDIR: tmp });
    await banner(demo);
    demo.child.kill('SIGTERM');
    expect(await demo.exited).toBe(0);
    const [kept] = await demoDirsIn(tmp);
    expect(kept).toBeDefined();
    expect(await readdir(join(tmp, kept!))).toContain('dump.rdb');
    expect(demo.stdout()).toContain(`Redis's data is in ${join(tmp, kept!)}`);
    expect(await redisServersIn(tmp)).toEqual([]);
  }, 60_000);

  it('when REDIS_URL is set, then no redis-server is started and the demo keys are removed at stop', async () => {
    const tmp = await ownTmpdir();
    const redis = await startTestRedis();
    try {
      const demo = startDemo([], { PATH: process.env.PATH, TMPDIR: tmp, REDIS_URL: redis.url });
      const urls = await banner(demo);
      expect(urls.Redis).toBe(redis.url);
      expect(await demoDirsIn(tmp)).toEqual([]);
      const client = redis.client();
      // Its own keys, and its queues' under BullMQ's hash-tagged prefix.
      const demoKeys = async () => [
        ...(await client.keys('ssm-chatops-demo:*')),
        ...(await client.keys('{ssm-chatops-demo:bull}*')),
      ];
      expect((await demoKeys()).length).toBeGreaterThan(0);
      demo.child.kill('SIGINT');
      expect(await demo.exited).toBe(0);
      expect(await demoKeys()).toEqual([]);
    } finally {
      await redis.stop();
    }
  }, 60_000);

  it('when there is no redis-server on the PATH and no REDIS_URL, then it says how to get one and exits non-zero', async () => {
    const tmp = await ownTmpdir();
    const emptyPath = await ownTmpdir();
    const demo = startDemo([], { PATH: emptyPath, TMPDIR: tmp });
    expect(await demo.exited).toBe(1);
    expect(demo.stderr()).toContain('redis-server is not on the PATH');
    expect(demo.stderr()).toContain('sudo apt-get install redis-server');
    expect(demo.stderr()).toContain('brew install redis');
    expect(demo.stderr()).toContain('REDIS_URL');
    expect(await demoDirsIn(tmp)).toEqual([]);
  });

  it('when the bot cannot take its port, then the parts already started are stopped and the exit names the bot', async () => {
    const tmp = await ownTmpdir();
    const stderr = await demoWithTheBotsPortTaken(tmp);
    expect(stderr).toMatch(/ssm-chatops demo: bot did not start: .*EADDRINUSE/);
    // Redis, the sandbox and the emulator had started: the process is gone, and so are its redis-server and files.
    expect(await redisServersIn(tmp)).toEqual([]);
    expect(await demoDirsIn(tmp)).toEqual([]);
  }, 60_000);

  it.each([
    [['--port-base', '0'], /--port-base must be a port from 1 to 65532 \(the demo uses N to N\+3\), got "0"/],
    [['--port-base', '65533'], /--port-base must be a port from 1 to 65532/],
    [['--port-base', 'x'], /--port-base must be a port/],
    [['--keep'], /unknown flag --keep for "ssm-chatops demo"/],
  ])('when run as demo %j, then it is a usage error (exit 2) and nothing starts', async (args, message) => {
    const run = fakeCliIo();
    expect(await main(['demo', ...args], run.io)).toBe(2);
    expect(run.err()).toMatch(message);
    expect(run.out()).toBe('');
  });

  it('when asked for help, then it explains the flags and what it starts', async () => {
    const run = fakeCliIo();
    expect(await main(['demo', '--help'], run.io)).toBe(0);
    expect(run.out()).toMatch(/--port-base N/);
    expect(run.out()).toMatch(/--keep-data/);
    expect(run.out()).toMatch(/REDIS_URL/);
  });
});

/** Someone with a role in the account starts a runbook there with the AWS SDK, not through Slack. */
async function startInTheAccount(sandboxUrl: string, accountId: string): Promise<string> {
  const client = { endpoint: sandboxUrl, region: 'ap-northeast-1' };
  const sts = new STSClient({
    ...client,
    credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
  });
  const { Credentials: session } = await sts.send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${accountId}:role/SsmChatOpsExecution`,
      RoleSessionName: 'operator',
      ExternalId: 'ssm-chatops-sandbox',
    }),
  );
  sts.destroy();
  const ssm = new SSMClient({
    ...client,
    credentials: {
      accessKeyId: session!.AccessKeyId!,
      secretAccessKey: session!.SecretAccessKey!,
      sessionToken: session!.SessionToken!,
    },
  });
  try {
    const { AutomationExecutionId } = await ssm.send(
      new StartAutomationExecutionCommand({
        DocumentName: 'AWS-RestartEC2Instance',
        Parameters: { InstanceId: ['i-0123456789abcdef0'] },
      }),
    );
    return AutomationExecutionId!;
  } finally {
    ssm.destroy();
  }
}

/**
 * Runs the demo with a port base whose bot port (base + 2) this test holds, and returns what it printed on stderr
 * once it exited 1. Other processes on this machine take free ports too: when one took a neighbour first (another
 * part failed to listen), it tries another base.
 */
async function demoWithTheBotsPortTaken(tmp: string): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, resolve));
    const address = blocker.address();
    const base = (typeof address === 'object' && address ? address.port : 0) - 2;
    try {
      const neighbours = await Promise.all([base, base + 1, base + 3].map((port) => portAnswers(port)));
      if (base < 1024 || base > 65532 || neighbours.some(Boolean)) continue;
      const demo = startDemo(['--port-base', String(base)], { PATH: process.env.PATH, TMPDIR: tmp });
      expect(await demo.exited).toBe(1);
      if (!/(redis|aws-sandbox|slack-emulator) did not start: .*EADDRINUSE/.test(demo.stderr()))
        return demo.stderr();
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  }
  throw new Error('found no port base whose neighbours stayed free');
}
