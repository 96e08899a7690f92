// A gauge read from Redis reports nothing while Redis does not answer: a scrape never waits out an outage.

import type { Gauge } from 'prom-client';
import { redisConnected, within } from '../http/redis-health.js';
import type { RedisClient } from '../store/redis-connection.js';

/** Longer than a healthy read of every gauge, shorter than Prometheus's default scrape timeout (10 s). */
const COLLECT_TIMEOUT_MS = 2_000;

/**
 * Runs `collect` while the client is connected, within COLLECT_TIMEOUT_MS. Otherwise, or when it fails, the
 * gauge is emptied for this scrape: a missing series says "unknown", a stale one would say something false.
 * The process's own metrics are still served, and /readyz says what is down.
 */
export async function collectFromRedis<T extends string>(
  redis: RedisClient,
  gauge: Gauge<T>,
  collect: () => Promise<void>,
): Promise<void> {
  if (!redisConnected(redis)) return gauge.reset();
  const done = await within(
    collect().then(
      () => true,
      () => false,
    ),
    COLLECT_TIMEOUT_MS,
  );
  if (!done) gauge.reset();
}
