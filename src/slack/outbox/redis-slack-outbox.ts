// SlackOutbox over Redis and BullMQ: upsert stores the desired state and makes sure one delivery job exists.
import type { Queue } from 'bullmq';
import type { FirstDelivery, OutboxMessage, SlackOutbox } from '../../ports.js';
import type { RedisClient } from '../../store/redis-connection.js';
import { DEFAULT_KEY_PREFIX } from '../../store/redis-run-store.js';
import { assertValidFileShare } from './assert-valid-file-share.js';
import { DEFAULT_DELIVERY_SETTINGS, type DeliverySettings, upsertDelayMs } from './decide-delivery.js';
import {
  type DeliveryDeps,
  type DeliveryEvent,
  type DeliveryOutcome,
  deliverMessage,
} from './deliver-message.js';
import { outboxKeys } from './outbox-keys.js';
import { deliverJobId, deliverJobOptions, type OutboxJobData } from './outbox-queue.js';
import type { OutboxRecord } from './outbox-record.js';
import { DEFAULT_RETENTION_SECONDS, OutboxStore } from './outbox-store.js';
import { SendPermits } from './send-permits.js';
import type { SlackMessages } from './slack-messages.js';

export interface RedisSlackOutboxOptions {
  /** Put before every key; default `ssm-chatops:`. Must match the worker's. */
  keyPrefix?: string;
  /** Must match the worker's. */
  settings?: Partial<DeliverySettings>;
  /** How long a record outlives its last change (default 30 days), then its hash expires. */
  retentionSeconds?: number;
  now?: () => number;
  /** Called after each post, refusal and 429 of a deliverNow. */
  onDelivery?: (event: DeliveryEvent) => void;
}

/**
 * How long a deliverNow caller owns a new message's first delivery: its calls (a post and a check, each bounded
 * by the first-delivery client's timeout, see createFirstDeliveryWebClient) end well within it. Jobs wait it
 * out, and a caller that died mid-post leaves it to the job once it has passed.
 */
export const FIRST_DELIVERY_LEASE_MS = 15_000;

/**
 * Keys: `{prefix}outbox:message:<key>` (outbox-record.ts), plus the pacing keys of send-permits.ts (outbox-keys.ts). Jobs go to
 * the `slack-outbox` queue with ids from deliverJobId. A delivery is safe once `upsert` resolves: if the process
 * dies before that, the caller's own retry upserts again.
 */
export class RedisSlackOutbox implements SlackOutbox {
  private readonly store: OutboxStore;
  private readonly settings: DeliverySettings;
  private readonly now: () => number;
  private readonly deliveries: DeliveryDeps;

  /** `slack`: the calls deliverNow makes itself, with a short timeout and no retries of their own. */
  constructor(
    client: RedisClient,
    private readonly queue: Queue<OutboxJobData>,
    slack: SlackMessages,
    options: RedisSlackOutboxOptions = {},
  ) {
    const keys = outboxKeys(options.keyPrefix ?? DEFAULT_KEY_PREFIX);
    this.store = new OutboxStore(client, keys, options.retentionSeconds ?? DEFAULT_RETENTION_SECONDS);
    this.settings = { ...DEFAULT_DELIVERY_SETTINGS, ...options.settings };
    this.now = options.now ?? Date.now;
    this.deliveries = {
      store: this.store,
      permits: new SendPermits(client, keys),
      slack,
      settings: this.settings,
      now: this.now,
      report: options.onDelivery ?? (() => {}),
    };
  }

  async upsert(message: OutboxMessage): Promise<void> {
    assertValid(message);
    const { outcome, generation } = await this.store.upsert(message, this.now());
    if (outcome === 'idle') return;
    const record = await this.schedule(message.key, generation);
    if (outcome === 'scheduled' && record?.final) await this.hurry(deliverJobId(message.key, generation));
  }

  /**
   * The first delivery is made here under a lease, through the same steps and bookkeeping as a job (permits,
   * the posting mark, Retry-After), so the two can never both post. A refusal forgets the message; a 429 or a
   * fault hands it to a job, which waits out Retry-After, or looks for the post before posting again.
   */
  async deliverNow(message: OutboxMessage): Promise<FirstDelivery> {
    assertValid(message);
    const { key } = message;
    const leaseUntil = this.now() + FIRST_DELIVERY_LEASE_MS;
    const { outcome, generation } = await this.store.upsert(message, this.now(), leaseUntil);
    if (outcome !== 'schedule') {
      // Another caller or a job is delivering it: report how far it got.
      const record =
        outcome === 'scheduled' ? await this.schedule(key, generation) : await this.store.load(key);
      return firstDeliveryOf(record);
    }
    let delivered: DeliveryOutcome | undefined;
    try {
      delivered = await deliverMessage(this.deliveries, key, generation, { holdsLease: true, maxSteps: 2 });
    } catch (error) {
      // A transport fault or a Slack error: the job retries with backoff, and its posting mark makes it look
      // for a post that may have landed. Reported, so the fault is not silent while the job waits.
      this.deliveries.report({ kind: 'faulted', key, error: errorMessage(error) });
    }
    const refused = delivered?.kind === 'gave-up' ? delivered.reason : undefined;
    const ended = await this.store.endLease(key, generation, refused !== undefined);
    if (refused !== undefined && ended === 'discarded') return { kind: 'refused', reason: refused };
    const record = await this.store.load(key);
    const jobId = deliverJobId(key, generation);
    if (record?.scheduled && record.generation === generation) {
      const atMs = delivered?.kind === 'later' ? delivered.atMs : this.now();
      await this.queue.add(
        'deliver',
        { key, generation },
        deliverJobOptions(jobId, Math.max(0, atMs - this.now())),
      );
    } else {
      // A concurrent caller may have added the job to run after the lease: it need not wait that long.
      await this.hurry(jobId);
    }
    return firstDeliveryOf(record);
  }

  /** Makes sure the generation's job exists (BullMQ keeps an existing id), after the record's own delay. */
  private async schedule(key: string, generation: number): Promise<OutboxRecord | undefined> {
    const record = await this.store.load(key);
    if (!record) return undefined;
    // For a scheduled generation this is a no-op, unless the process that began it died before adding its
    // job: then this adds it.
    const delayMs = upsertDelayMs(record, this.now(), this.settings);
    await this.queue.add(
      'deliver',
      { key, generation },
      deliverJobOptions(deliverJobId(key, generation), delayMs),
    );
    return record;
  }

  /** A final state skips the coalescing window: a job waiting out the window runs now (it re-checks permits). */
  private async hurry(jobId: string): Promise<void> {
    const job = await this.queue.getJob(jobId);
    if (job && (await job.isDelayed())) await job.promote().catch(ignoreMoved);
  }
}

function firstDeliveryOf(record: OutboxRecord | undefined): FirstDelivery {
  if (record?.ts) return { kind: 'shown', ts: record.ts };
  if (record?.gaveUp && record.gaveUp.version >= record.version)
    return { kind: 'refused', reason: record.gaveUp.reason };
  return { kind: 'pending' };
}

function assertValid(message: OutboxMessage): void {
  if (!message.key) throw new Error('slack outbox: a message needs a key');
  if (!message.channel) throw new Error(`slack outbox: message ${message.key} has no channel`);
  if (message.threadOf === message.key)
    throw new Error(`slack outbox: message ${message.key} is its own thread`);
  assertValidFileShare(message);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The job moved on between our read and our write (it ran, or someone else promoted it). */
function ignoreMoved(): void {}
