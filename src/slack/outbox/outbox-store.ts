// The outbox's records in Redis: every read and write of a message's hash, behind names that say what they mean.
import type { OutboxMessage } from '../../ports.js';
import type { RedisClient } from '../../store/redis-connection.js';
import type { OutboxKeys } from './outbox-keys.js';
import { type OutboxRecord, type ParentState, parentStateOf, parseOutboxRecord } from './outbox-record.js';
import { endLeaseScript } from './scripts/end-lease.js';
import { finishDeliveryScript } from './scripts/finish-delivery.js';
import { forgetTsScript } from './scripts/forget-ts.js';
import { recordSentScript } from './scripts/record-sent.js';
import { upsertMessageScript } from './scripts/upsert-message.js';

/** How long a message's record outlives its last change: 30 days, then its hash expires. */
export const DEFAULT_RETENTION_SECONDS = 30 * 24 * 3600;

export type UpsertOutcome = 'schedule' | 'scheduled' | 'idle';
export type FinishOutcome = 'done' | 'more' | 'stale';
export type EndLeaseOutcome = 'discarded' | 'released' | 'stale';

export class OutboxStore {
  constructor(
    private readonly client: RedisClient,
    private readonly keys: OutboxKeys,
    private readonly retentionSeconds = DEFAULT_RETENTION_SECONDS,
  ) {}

  /** `leaseUntil`: a new generation is the caller's to deliver until then (deliverNow). */
  async upsert(
    message: OutboxMessage,
    now: number,
    leaseUntil?: number,
  ): Promise<{ outcome: UpsertOutcome; generation: number }> {
    const reply = await upsertMessageScript.run(
      this.client,
      [this.keys.message(message.key)],
      [
        message.channel,
        message.threadOf ?? '',
        flag(message.broadcast),
        flag(message.postOnly),
        flag(message.final),
        JSON.stringify(message.content),
        Math.floor(now),
        this.retentionSeconds,
        message.revision ?? '',
        leaseUntil === undefined ? '' : Math.floor(leaseUntil),
        message.editEveryMs === undefined ? '' : Math.floor(message.editEveryMs),
      ],
    );
    const [outcome, generation] = reply as [UpsertOutcome, number];
    return { outcome, generation: Number(generation) };
  }

  /** Hands a leased generation back to the jobs; `discardRefused` forgets a first post Slack refused. */
  async endLease(key: string, generation: number, discardRefused: boolean): Promise<EndLeaseOutcome> {
    const reply = await endLeaseScript.run(
      this.client,
      [this.keys.message(key)],
      [generation, discardRefused ? '1' : '0'],
    );
    return reply as EndLeaseOutcome;
  }

  async load(key: string): Promise<OutboxRecord | undefined> {
    return parseOutboxRecord(key, await this.client.hgetall(this.keys.message(key)));
  }

  async parentOf(record: OutboxRecord): Promise<ParentState | undefined> {
    return record.threadOf ? parentStateOf(await this.load(record.threadOf)) : undefined;
  }

  /** Written just before chat.postMessage: from now on a retry looks for the post before posting again. */
  async markPosting(key: string, version: number, now: number): Promise<void> {
    await this.client.hset(this.keys.message(key), 'postingAt', Math.floor(now), 'postingVersion', version);
  }

  /** Slack did not take the post (429, or no such post was found): nothing to look for any more. */
  async clearPosting(key: string): Promise<void> {
    await this.client.hdel(this.keys.message(key), 'postingAt', 'postingVersion');
  }

  async recordSent(key: string, ts: string, version: number, now: number): Promise<void> {
    await recordSentScript.run(
      this.client,
      [this.keys.message(key)],
      [ts, version, Math.floor(now), this.retentionSeconds],
    );
  }

  async forgetTs(key: string, ts: string): Promise<void> {
    await forgetTsScript.run(this.client, [this.keys.message(key)], [ts]);
  }

  /** Ends the generation if nothing is left to deliver; `refused` records a version Slack will not take. */
  async finish(
    key: string,
    generation: number,
    now: number,
    refused?: { version: number; reason: string },
  ): Promise<FinishOutcome> {
    const reply = await finishDeliveryScript.run(
      this.client,
      [this.keys.message(key)],
      [generation, refused?.version ?? '', refused?.reason ?? '', Math.floor(now)],
    );
    return reply as FinishOutcome;
  }
}

const flag = (value: boolean | undefined) => (value ? '1' : '0');
