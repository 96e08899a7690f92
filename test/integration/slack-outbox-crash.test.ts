// A worker killed between Slack taking a post and the outbox recording its ts: the retry must find the post by
// its metadata and adopt it, never post twice. The worker is a real child process, killed with SIGKILL.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { outboxKeys } from '../../src/slack/outbox/outbox-keys.js';
import { messagesWithKey, type OutboxRig, startOutboxRig } from '../contract/slack-outbox-harness.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';

const OPS = 'C0OPS00001';
const LOCK_MS = 1_000;
const STALLED_CHECK_MS = 250;

let redis: TestRedis;
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(() => redis.stop());

let rig: OutboxRig;
let child: ChildProcess | undefined;
afterEach(async () => {
  child?.kill('SIGKILL');
  child = undefined;
  await rig?.close();
});

/** An outbox worker in its own process (through tsx), with a short lock so its stalled job is taken up soon. */
async function startChildWorker(): Promise<ChildProcess> {
  const module = (path: string) => JSON.stringify(new URL(path, import.meta.url).href);
  const script = `
    import { pino } from 'pino';
    import { createOutboxWorker } from ${module('../../src/slack/outbox/outbox-worker.ts')};
    import { createRedisConnection } from ${module('../../src/store/redis-connection.ts')};
    const env = process.env;
    const worker = createOutboxWorker({
      connection: createRedisConnection(env.REDIS_URL),
      queuePrefix: env.QUEUE_PREFIX,
      keyPrefix: env.KEY_PREFIX,
      slack: { token: env.SLACK_TOKEN, clientOptions: { slackApiUrl: env.SLACK_API_URL, logLevel: 'error' } },
      logger: pino({ level: 'silent' }),
      settings: { editIntervalMs: 300 },
      lockDurationMs: ${LOCK_MS},
      // Every worker of a queue must check this often: a check blocks the others' for this long.
      stalledIntervalMs: ${STALLED_CHECK_MS},
    });
    await worker.waitUntilReady();
    process.stdout.write('ready\\n');
  `;
  const started = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: new URL('../..', import.meta.url).pathname,
    env: {
      ...process.env,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: rig.queuePrefix,
      KEY_PREFIX: rig.keyPrefix,
      SLACK_TOKEN: rig.emulator.botToken,
      SLACK_API_URL: rig.emulator.apiUrl,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`child worker not ready:\n${output}`)), 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('ready')) {
        clearTimeout(timer);
        resolve();
      }
    };
    started.stdout?.on('data', onData);
    started.stderr?.on('data', onData);
    started.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`child worker exited (${code}) before it was ready:\n${output}`));
    });
  });
  started.removeAllListeners('exit');
  return started;
}

/**
 * Kills the child the moment the emulator stores the post of `key`: the emulator calls its listeners before
 * it answers, so the child never sees the ts.
 */
function killOnPost(worker: ChildProcess, key: string): Promise<unknown> {
  const exited = once(worker, 'exit');
  const stop = rig.emulator.on('message_posted', (event) => {
    if ((event.message.metadata?.event_payload as { key?: string } | undefined)?.key !== key) return;
    worker.kill('SIGKILL');
    stop();
  });
  return exited;
}

describe('a worker killed after Slack took the post', () => {
  it.each([
    ['a top-level message', false, 'conversations.history'],
    ['a thread reply', true, 'conversations.replies'],
  ])(
    'when the post was %s, then the retry adopts it and Slack shows it once',
    async (_what, isReply, search) => {
      rig = await startOutboxRig(redis, { withoutWorker: true });
      child = await startChildWorker();
      const run = `run:run-${randomUUID().slice(0, 8)}`;
      const parent = `${run}:parent`;
      const key = isReply ? `${run}:child:1` : parent;
      const killed = killOnPost(child, key);

      await rig.outbox.upsert({ key: parent, channel: OPS, content: { text: 'Run started' } });
      if (isReply)
        await rig.outbox.upsert({ key, channel: OPS, threadOf: parent, content: { text: 'Success' } });
      const [, signal] = (await killed) as [number | null, NodeJS.Signals | null];
      expect(signal).toBe('SIGKILL');
      expect(await rig.recordedTs(key)).toBeUndefined();

      await rig.startWorker({ stalledIntervalMs: STALLED_CHECK_MS });
      const found = await rig.waitForEvent(
        (event) => event.key === key && event.kind === 'found',
        'the adoption',
      );
      await rig.settled();

      const [message, ...duplicates] = messagesWithKey(rig.emulator, key, OPS);
      expect(duplicates).toEqual([]);
      expect(found).toMatchObject({ ts: message?.ts, version: 1 });
      expect(await rig.recordedTs(key)).toBe(message?.ts);
      expect(rig.emulator.calls()[search]).toMatchObject({ ok: 1 });
      expect(rig.emulator.calls()['chat.postMessage']).toMatchObject({ ok: isReply ? 2 : 1 });
    },
    30_000,
  );
});

describe('a worker killed after Slack took a file share', () => {
  it('when the retry looks in the thread, then it finds the share by its file name and shares nothing again', async () => {
    rig = await startOutboxRig(redis, { withoutWorker: true });
    child = await startChildWorker();
    const run = `run-${randomUUID().slice(0, 8)}`;
    const parent = `run:${run}:parent`;
    const key = `run:${run}:results`;
    const name = `${run}-results.csv`;
    const exited = once(child, 'exit');
    // The emulator stores the share before it answers: the child never learns it went through.
    const stop = rig.emulator.on('message_posted', (event) => {
      if (event.message.files?.[0]?.name !== name) return;
      child?.kill('SIGKILL');
      stop();
    });

    await rig.outbox.upsert({ key: parent, channel: OPS, content: { text: 'Run ended' } });
    await rig.outbox.upsert({
      key,
      channel: OPS,
      threadOf: parent,
      postOnly: true,
      content: { text: 'Results', files: [{ name, title: 'CSV', content: 'a,b\r\n' }] },
    });
    const [, signal] = (await exited) as [number | null, NodeJS.Signals | null];
    expect(signal).toBe('SIGKILL');
    expect(await rig.recordedTs(key)).toBeUndefined();

    await rig.startWorker({ stalledIntervalMs: STALLED_CHECK_MS });
    await rig.waitForEvent((event) => event.key === key && event.kind === 'found', 'the adoption');
    await rig.settled();

    const [parentMessage] = messagesWithKey(rig.emulator, parent, OPS);
    const shares = rig.emulator
      .thread(OPS, parentMessage!.ts)
      .filter((message) => message.files?.[0]?.name === name);
    expect(shares).toHaveLength(1);
    // Adopted by the message's ts (a share the worker saw through is recorded by its first file's id).
    expect(await rig.recordedTs(key)).toBe(shares[0]?.ts);
    expect(rig.emulator.calls()['files.completeUploadExternal']).toMatchObject({ ok: 1 });
  }, 30_000);
});

describe('a worker killed before the post reached Slack', () => {
  it('when the retry finds no earlier post, then it posts once', async () => {
    rig = await startOutboxRig(redis, { withoutWorker: true });
    const key = `run:run-${randomUUID().slice(0, 8)}:parent`;
    await rig.outbox.upsert({ key, channel: OPS, content: { text: 'Run started' } });
    // What a worker leaves behind when it dies between marking the post and sending it.
    await redis
      .client()
      .hset(outboxKeys(rig.keyPrefix).message(key), 'postingAt', Date.now(), 'postingVersion', 1);

    await rig.startWorker();
    await rig.shown(key, 'Run started');
    await rig.settled();

    expect(messagesWithKey(rig.emulator, key, OPS)).toHaveLength(1);
    expect(rig.emulator.calls()['conversations.history']).toMatchObject({ ok: 1 });
    expect(rig.emulator.calls()['chat.postMessage']).toMatchObject({ ok: 1 });
  });
});
