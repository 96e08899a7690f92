// Token buckets per token and method (per channel for chat.postMessage), plus forced 429s for fault tests.
import { METHOD_RATES, POST_MESSAGE_PER_CHANNEL, type Rate, TIERS } from './rate-limit-tiers.js';

export type RateLimitMode = 'slack' | 'off';

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number; forced: boolean };

/** Forces the next `count` calls of `method` (all methods when absent) to answer 429. */
export interface ForcedRateLimit {
  method?: string;
  count: number;
  retryAfterSeconds?: number;
}

interface Bucket {
  tokens: number;
  updatedMs: number;
  rate: Rate;
}

/** Buckets refill on the emulator's clock, so tests move time instead of sleeping. */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private forced: Array<Required<Omit<ForcedRateLimit, 'method'>> & { method?: string }> = [];

  constructor(
    private mode: RateLimitMode,
    private readonly now: () => number,
  ) {}

  get currentMode(): RateLimitMode {
    return this.mode;
  }

  setMode(mode: RateLimitMode): void {
    this.mode = mode;
    this.buckets.clear();
  }

  force(rule: ForcedRateLimit): void {
    this.forced.push({
      count: rule.count,
      retryAfterSeconds: rule.retryAfterSeconds ?? 1,
      method: rule.method,
    });
  }

  clearForced(): void {
    this.forced = [];
  }

  /** Takes a token for one call; `channel` scopes chat.postMessage. Forced 429s apply even when limits are off. */
  take(token: string, method: string, channel?: string): RateDecision {
    const rule = this.forced.find(
      (candidate) => candidate.count > 0 && (!candidate.method || candidate.method === method),
    );
    if (rule) {
      rule.count -= 1;
      this.forced = this.forced.filter((candidate) => candidate.count > 0);
      return { allowed: false, retryAfterSeconds: rule.retryAfterSeconds, forced: true };
    }
    if (this.mode === 'off') return { allowed: true };
    const perChannel = method === 'chat.postMessage';
    const key = perChannel ? `${token}|${method}|${channel ?? ''}` : `${token}|${method}`;
    const rate = perChannel ? POST_MESSAGE_PER_CHANNEL : (METHOD_RATES[method] ?? TIERS.tier4);
    const bucket = this.refilled(key, rate);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    const perMs = rate.perMinute / 60_000;
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)),
      forced: false,
    };
  }

  private refilled(key: string, rate: Rate): Bucket {
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { tokens: rate.burst, updatedMs: now, rate };
      this.buckets.set(key, bucket);
    }
    const refill = (Math.max(0, now - bucket.updatedMs) * rate.perMinute) / 60_000;
    bucket.tokens = Math.min(rate.burst, bucket.tokens + refill);
    bucket.updatedMs = now;
    return bucket;
  }
}
