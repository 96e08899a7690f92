// Paces the outbox's Slack calls across every worker process: one bucket per method (per channel for posts; file
// shares take their turn in it too), and a block per method while Slack's Retry-After runs.
import type { RedisClient } from '../../store/redis-connection.js';
import type { OutboxKeys } from './outbox-keys.js';
import { blockMethodScript } from './scripts/block-method.js';
import { takeSendPermitScript } from './scripts/take-send-permit.js';
import { intervalMs, type Lane, laneRate, METHOD_RATES, type OutboxMethod } from './slack-method-rates.js';

/**
 * How long a reservation outlives its slot: a holder back later than this (a stalled job, taken over after its
 * lock expired) takes a new slot rather than jumping the queue with an old one.
 */
const RESERVATION_GRACE_MS = 10 * 60_000;

export type SendPermit = { kind: 'go' } | { kind: 'wait'; untilMs: number };

export class SendPermits {
  constructor(
    private readonly client: RedisClient,
    private readonly keys: OutboxKeys,
  ) {}

  /** A permit for message `key` to call `method` in `channel` now, or the time to come back for it. */
  async take(
    key: string,
    method: OutboxMethod,
    channel: string,
    now: number,
    lane: Lane = 'thread',
  ): Promise<SendPermit> {
    const pacedBy = METHOD_RATES[method].pacedAs ?? method;
    const whole = METHOD_RATES[pacedBy];
    const rate = laneRate(whole, lane);
    const scope = rate.scope === 'channel' ? channel : undefined;
    const bucket = whole.topLevel
      ? `${this.keys.bucket(pacedBy, scope)}:${lane}`
      : this.keys.bucket(pacedBy, scope);
    const reply = await takeSendPermitScript.run(
      this.client,
      [this.keys.reservation(key), this.keys.blocked(method), bucket],
      [method, Math.floor(now), intervalMs(rate), rate.burst, RESERVATION_GRACE_MS],
    );
    const [verdict, at] = reply as [string, number];
    return verdict === 'go' ? { kind: 'go' } : { kind: 'wait', untilMs: Number(at) };
  }

  /** Slack answered 429: nobody calls `method` before `untilMs`. */
  async block(method: OutboxMethod, untilMs: number, now: number): Promise<void> {
    await blockMethodScript.run(
      this.client,
      [this.keys.blocked(method)],
      [Math.ceil(untilMs), Math.floor(now)],
    );
  }
}
