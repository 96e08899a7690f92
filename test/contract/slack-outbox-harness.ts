// A Redis outbox wired to a real Slack emulator and real BullMQ workers, for the outbox's contract and
// integration tests: fresh key and queue prefixes per rig, and waits on delivery events instead of sleeps.
import { randomUUID } from 'node:crypto';
import { LogLevel } from '@slack/web-api';
import { type Job, Queue, type Worker } from 'bullmq';
import { pino } from 'pino';
import { queuePrefixFor } from '../../src/jobs/queue-names.js';
import type { DeliveryEvent } from '../../src/slack/outbox/deliver-message.js';
import { outboxKeys } from '../../src/slack/outbox/outbox-keys.js';
import { OUTBOX_QUEUE_NAME, type OutboxJobData } from '../../src/slack/outbox/outbox-queue.js';
import { OutboxStore } from '../../src/slack/outbox/outbox-store.js';
import { createOutboxWorker, type OutboxWorkerOptions } from '../../src/slack/outbox/outbox-worker.js';
import { RedisSlackOutbox } from '../../src/slack/outbox/redis-slack-outbox.js';
import { createFirstDeliveryWebClient, SlackMessages } from '../../src/slack/outbox/slack-messages.js';
import type { RateLimitMode } from '../../src/slack-emulator/rate-limiter.js';
import { type SlackEmulator, startSlackEmulator } from '../../src/slack-emulator/start-slack-emulator.js';
import type { SlackMessage } from '../../src/slack-emulator/state/slack-types.js';
import { closeRedis, createRedisConnection, type RedisClient } from '../../src/store/redis-connection.js';
import type { TestRedis } from '../support/redis.js';
import { SECRET_OPS } from '../support/slack-emulator.js';
import type { SlackOutboxUnderTest } from './slack-outbox.contract.js';

export const SILENT_SLACK_LOGGER = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

export interface OutboxRigOptions {
  /** The coalescing window of the outbox and its workers (short by default, to keep tests quick). */
  editIntervalMs?: number;
  /** Start no worker (the test starts its own, or a child process does). */
  withoutWorker?: boolean;
  /** The emulator's rate limits: Slack's tiers by default. */
  rateLimits?: RateLimitMode;
}

export interface OutboxRig {
  /** A Slack emulator of the rig's own (real time), so call counts and rate-limit buckets start fresh. */
  emulator: SlackEmulator;
  outbox: RedisSlackOutbox;
  queue: Queue<OutboxJobData>;
  keyPrefix: string;
  queuePrefix: string;
  /** Every delivery event of every worker of this rig, in order. */
  events: DeliveryEvent[];
  workerOptions(overrides?: Partial<OutboxWorkerOptions>): OutboxWorkerOptions;
  /** Starts one more worker (its own Redis connection), closed by `close()`. */
  startWorker(overrides?: Partial<OutboxWorkerOptions>): Promise<Worker<OutboxJobData>>;
  waitForEvent(predicate: (event: DeliveryEvent) => boolean, description: string): Promise<DeliveryEvent>;
  /** Waits until Slack shows the key's message with `text` and the outbox has recorded its ts. */
  shown(key: string, text: string): Promise<{ ts: string; threadTs?: string }>;
  /** The ts the outbox's record in Redis holds for the key (a post it knows of), if any. */
  recordedTs(key: string): Promise<string | undefined>;
  /** Delivery jobs not finished yet (waiting, delayed or active). */
  pending(): Promise<number>;
  /** Resolves once no delivery job is left, re-checked whenever a worker finishes one. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export async function startOutboxRig(
  redis: TestRedis<RedisClient>,
  options: OutboxRigOptions = {},
): Promise<OutboxRig> {
  const emulator = await startSlackEmulator({ now: Date.now, rateLimits: options.rateLimits ?? 'slack' });
  const id = randomUUID();
  const keyPrefix = `test:${id}:`;
  const queuePrefix = queuePrefixFor(keyPrefix);
  const settings = { editIntervalMs: options.editIntervalMs ?? 300 };
  const queue = new Queue<OutboxJobData>(OUTBOX_QUEUE_NAME, {
    connection: redis.client(),
    prefix: queuePrefix,
  });
  const events: DeliveryEvent[] = [];
  const listeners = new Set<() => void>();
  const record = (event: DeliveryEvent) => {
    events.push(event);
    for (const listener of listeners) listener();
  };
  const firstDeliveries = new SlackMessages(
    createFirstDeliveryWebClient(emulator.botToken, {
      slackApiUrl: emulator.apiUrl,
      logger: SILENT_SLACK_LOGGER,
    }),
  );
  const outbox = new RedisSlackOutbox(redis.client(), queue, firstDeliveries, {
    keyPrefix,
    settings,
    onDelivery: record,
  });
  const records = new OutboxStore(redis.client(), outboxKeys(keyPrefix));
  const workers: Worker<OutboxJobData>[] = [];
  // Workers get connections as the bot makes them (BullMQ requires maxRetriesPerRequest: null).
  const connections: RedisClient[] = [];
  const connect = () => {
    const connection = createRedisConnection(redis.url);
    connections.push(connection);
    return connection;
  };

  const workerOptions = (overrides: Partial<OutboxWorkerOptions> = {}): OutboxWorkerOptions => ({
    connection: overrides.connection ?? connect(),
    queuePrefix,
    keyPrefix,
    slack: {
      token: emulator.botToken,
      clientOptions: { slackApiUrl: emulator.apiUrl, logger: SILENT_SLACK_LOGGER },
    },
    logger: pino({ level: 'silent' }),
    settings,
    ...overrides,
    onDelivery: (event) => {
      record(event);
      overrides.onDelivery?.(event);
    },
  });

  const waitForEvent = (predicate: (event: DeliveryEvent) => boolean, description: string) =>
    new Promise<DeliveryEvent>((resolve, reject) => {
      const check = () => {
        const found = events.find(predicate);
        if (!found) return;
        clearTimeout(timer);
        listeners.delete(check);
        resolve(found);
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`no delivery event for ${description}; saw ${JSON.stringify(events)}`));
      }, 10_000);
      listeners.add(check);
      check();
    });

  const pending = async () => {
    const counts = await queue.getJobCounts('waiting', 'delayed', 'active', 'prioritized');
    return Object.values(counts).reduce((sum, count) => sum + count, 0);
  };

  const rig: OutboxRig = {
    emulator,
    outbox,
    queue,
    keyPrefix,
    queuePrefix,
    events,
    workerOptions,
    startWorker: async (overrides) => {
      const worker = createOutboxWorker(workerOptions(overrides));
      workers.push(worker);
      await worker.waitUntilReady();
      return worker;
    },
    waitForEvent,
    shown: async (key, text) => {
      const message = await emulator.waitFor(
        () => messagesWithKey(emulator, key).find((candidate) => candidate.text === text),
        { description: `${key} showing ${JSON.stringify(text)}`, timeoutMs: 10_000 },
      );
      await waitForEvent(
        (event) => event.key === key && 'ts' in event && event.ts === message.ts,
        `${key} recorded at ${message.ts}`,
      );
      const threadTs = message.thread_ts && message.thread_ts !== message.ts ? message.thread_ts : undefined;
      return threadTs ? { ts: message.ts, threadTs } : { ts: message.ts };
    },
    recordedTs: async (key) => (await records.load(key))?.ts,
    pending,
    settled: () =>
      new Promise<void>((resolve, reject) => {
        let done = false;
        const timer = setTimeout(() => finish(new Error('delivery jobs still pending after 10 s')), 10_000);
        const finish = (error?: Error) => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          for (const worker of workers) {
            worker.off('completed', check);
            worker.off('failed', check);
          }
          if (error) reject(error);
          else resolve();
        };
        const check = () => {
          pending().then((count) => count === 0 && finish(), finish);
        };
        for (const worker of workers) {
          worker.on('completed', check);
          worker.on('failed', check);
        }
        check();
      }),
    close: async () => {
      await Promise.all(workers.map((worker) => worker.close()));
      await queue.close();
      await Promise.all(connections.map((connection) => closeRedis(connection)));
      await emulator.close();
    },
  };
  if (!options.withoutWorker) await rig.startWorker();
  return rig;
}

/** Every message of the channel (thread replies included) that the outbox posted for `key`. */
export function messagesWithKey(emulator: SlackEmulator, key: string, channel?: string): SlackMessage[] {
  const channels = channel ? [channel] : emulator.workspace.channels().map((candidate) => candidate.id);
  const found = new Map<string, SlackMessage>();
  for (const id of channels) {
    for (const top of emulator.messages(id)) {
      const thread = top.reply_count ? emulator.thread(id, top.ts) : [top];
      for (const message of thread) {
        if ((message.metadata?.event_payload as { key?: string } | undefined)?.key === key) {
          found.set(message.ts, message);
        }
      }
    }
  }
  return [...found.values()];
}

/** The job of a key's current generation, as BullMQ holds it. */
export async function jobsOf(queue: Queue<OutboxJobData>, key: string): Promise<Job<OutboxJobData>[]> {
  const jobs = await queue.getJobs(['waiting', 'delayed', 'active', 'prioritized', 'failed', 'completed']);
  return jobs.filter((job) => job?.data.key === key);
}

/** A rig of its own as the outbox contract's subject: the emulator refuses `SECRET_OPS` (the bot is not in it). */
export async function redisOutboxUnderTest(redis: TestRedis<RedisClient>): Promise<SlackOutboxUnderTest> {
  const rig = await startOutboxRig(redis);
  return {
    outbox: rig.outbox,
    refusingChannel: { id: SECRET_OPS, error: 'channel_not_found' },
    shown: rig.shown,
    edits: async (key) => rig.events.filter((event) => event.key === key && event.kind === 'edited').length,
    settled: rig.settled,
    cleanup: rig.close,
  };
}
