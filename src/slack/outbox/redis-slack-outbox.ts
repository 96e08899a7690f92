// SlackOutbox over Redis and BullMQ: upsert stores the desired state and makes sure one delivery job exists.
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { OutboxMessage, SlackContent, SlackOutbox } from '../../ports.js';
import { DEFAULT_KEY_PREFIX } from '../../store/redis-run-store.js';
import { DEFAULT_DELIVERY_SETTINGS, type DeliverySettings, upsertDelayMs } from './decide-delivery.js';
import { outboxKeys } from './outbox-keys.js';
import { deliverJobId, deliverJobOptions, type OutboxJobData } from './outbox-queue.js';
import { DEFAULT_RETENTION_SECONDS, OutboxStore } from './outbox-store.js';

export interface RedisSlackOutboxOptions {
  /** Put before every key; default `ssm-chatops:`. Must match the worker's. */
  keyPrefix?: string;
  /** Must match the worker's. */
  settings?: Partial<DeliverySettings>;
  /** How long a record outlives its last change (default 30 days), then its hash expires. */
  retentionSeconds?: number;
  now?: () => number;
}

/**
 * Keys: `{prefix}outbox:message:{key}` (outbox-record.ts), plus the pacing keys of send-permits.ts. Jobs go to
 * the `slack-outbox` queue with ids from deliverJobId. A delivery is safe once `upsert` resolves: if the process
 * dies before that, the caller's own retry upserts again.
 */
export class RedisSlackOutbox implements SlackOutbox {
  private readonly store: OutboxStore;
  private readonly settings: DeliverySettings;
  private readonly now: () => number;

  constructor(
    client: Redis,
    private readonly queue: Queue<OutboxJobData>,
    options: RedisSlackOutboxOptions = {},
  ) {
    const keys = outboxKeys(options.keyPrefix ?? DEFAULT_KEY_PREFIX);
    this.store = new OutboxStore(client, keys, options.retentionSeconds ?? DEFAULT_RETENTION_SECONDS);
    this.settings = { ...DEFAULT_DELIVERY_SETTINGS, ...options.settings };
    this.now = options.now ?? Date.now;
  }

  async upsert(message: OutboxMessage): Promise<void> {
    assertValid(message);
    const { outcome, generation } = await this.store.upsert(message, this.now());
    if (outcome === 'idle') return;
    const record = await this.store.load(message.key);
    if (!record) return;
    const jobId = deliverJobId(message.key, generation);
    // For 'scheduled' this is a no-op (BullMQ keeps the job with that id), unless the process that began the
    // generation died before adding its job: then this adds it.
    const delayMs = upsertDelayMs(record, this.now(), this.settings);
    await this.queue.add('deliver', { key: message.key, generation }, deliverJobOptions(jobId, delayMs));
    if (outcome === 'scheduled' && record.final) await this.hurry(jobId);
  }

  /**
   * Takes over a top-level message the caller posted itself (when it needs Slack's answer at once): later
   * upserts of `key` edit the message at `ts`. With `content` (what it shows), an upsert of the same content
   * changes nothing; without, the first upsert edits it. A ts adopted earlier is replaced.
   */
  async adopt(key: string, channel: string, ts: string, content: SlackContent = { text: '' }): Promise<void> {
    assertValid({ key, channel, content });
    await this.store.adopt(key, channel, ts, content, this.now());
  }

  /** A final state skips the coalescing window: a job waiting out the window runs now (it re-checks permits). */
  private async hurry(jobId: string): Promise<void> {
    const job = await this.queue.getJob(jobId);
    if (job && (await job.isDelayed())) await job.promote().catch(ignoreMoved);
  }
}

function assertValid(message: OutboxMessage): void {
  if (!message.key) throw new Error('slack outbox: a message needs a key');
  if (!message.channel) throw new Error(`slack outbox: message ${message.key} has no channel`);
  if (message.threadOf === message.key)
    throw new Error(`slack outbox: message ${message.key} is its own thread`);
}

/** The job moved on between our read and our write (it ran, or someone else promoted it). */
function ignoreMoved(): void {}
