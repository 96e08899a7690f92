// Poll lag: how long since each tracked place (account and region) was last polled, kept in Redis so every
// process (the bot too) reports it and a restarted worker does not reset it.

import { Gauge, Histogram, type Registry } from 'prom-client';
import { type ExecutionLocation, locationKey } from '../core/tracking/tracked-location.js';
import type { RedisClient } from '../store/redis-connection.js';
import { collectFromRedis } from './collect-from-redis.js';

export interface PollLagOptions {
  redis: RedisClient;
  keyPrefix: string;
  /** The places tracked now (ExecutionTracker.locations). */
  locations: () => Promise<ExecutionLocation[]>;
  now?: () => number;
  /** Where a failed write is reported: metrics never fail a poll. */
  onError?: (error: unknown) => void;
}

/** Records each poll (worker) and reports the lag of every tracked place on scrape (any process). */
export class PollLag {
  private readonly key: string;
  private readonly now: () => number;
  private readonly interval: Histogram;

  constructor(
    registry: Registry,
    private readonly options: PollLagOptions,
  ) {
    this.key = `${options.keyPrefix}metrics:last-poll`;
    this.now = options.now ?? Date.now;
    this.interval = new Histogram({
      name: 'ssm_chatops_poll_interval_seconds',
      help: 'Time between two polls of one tracked place (account and region), observed by the worker at each poll',
      buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900],
      registers: [registry],
    });
    const lags = () => this.lags();
    const { redis } = options;
    new Gauge({
      name: 'ssm_chatops_poll_lag_seconds',
      help: 'Longest time since a tracked place was last polled (now minus its last poll), over all tracked places',
      registers: [registry],
      async collect() {
        await collectFromRedis(redis, this, async () => {
          const { polled } = await lags();
          this.set(Math.max(0, ...polled));
        });
      },
    });
    new Gauge({
      name: 'ssm_chatops_tracked_places',
      help: 'Places (account and region) with executions tracked, by whether a poll of them was recorded yet',
      labelNames: ['polled'],
      registers: [registry],
      async collect() {
        await collectFromRedis(redis, this, async () => {
          const { polled, never } = await lags();
          this.set({ polled: 'true' }, polled.length);
          this.set({ polled: 'false' }, never);
        });
      },
    });
  }

  /** A poll of `location` ended; `stillTracked` false forgets the place. Never throws. */
  polled(location: ExecutionLocation, stillTracked: boolean): void {
    const field = locationKey(location);
    const write = stillTracked
      ? this.options.redis
          .multi()
          .hget(this.key, field)
          .hset(this.key, field, String(this.now()))
          .exec()
          .then((replies) => {
            const previous = Number(replies?.[0]?.[1]);
            if (previous > 0) this.interval.observe(Math.max(0, this.now() - previous) / 1000);
          })
      : this.options.redis.hdel(this.key, field);
    write.catch((error) => this.options.onError?.(error));
  }

  /** Seconds since the last poll of each tracked place that has one, and how many have none yet. */
  private async lags(): Promise<{ polled: number[]; never: number }> {
    const locations = await this.options.locations();
    if (locations.length === 0) return { polled: [], never: 0 };
    const marks = await this.options.redis.hmget(this.key, ...locations.map(locationKey));
    const now = this.now();
    const polled = marks.flatMap((mark) => (mark ? [Math.max(0, now - Number(mark)) / 1000] : []));
    return { polled, never: locations.length - polled.length };
  }
}
