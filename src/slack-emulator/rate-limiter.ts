// Token buckets per token and method (per channel for chat.postMessage), plus forced 429s for fault tests.
import { METHOD_RATES, POST_MESSAGE_PER_CHANNEL, type Rate, TIERS } from './rate-limit-tiers.js';

export type RateLimitMode = 'slack' | 'off';

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number; forced: boolean };

/**
 * Forced 429s for `method` (all methods when absent): either the next `count` calls, or a storm — for `forMs` on
 * the emulator's clock, `share` of the calls (0.9: nine in ten, evenly spread, no randomness to make a test flaky).
 */
export type ForcedRateLimit =
  | { method?: string; count: number; retryAfterSeconds?: number }
  | { method?: string; forMs: number; share: number; retryAfterSeconds?: number };

interface ForcedRule {
  method?: string;
  retryAfterSeconds: number;
  /** Calls still to refuse (count rules), or Infinity for a storm, which ends at `untilMs`. */
  remaining: number;
  untilMs: number;
  /** The share refused, in thousandths: whole numbers, so nine in ten is exactly nine in ten. */
  perMille: number;
  /** Thousandths of a refusal owed so far: a call is refused whenever a whole one is due. */
  owed: number;
}

interface Bucket {
  tokens: number;
  updatedMs: number;
  rate: Rate;
}

/** Buckets refill on the emulator's clock, so tests move time instead of sleeping. */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private forced: ForcedRule[] = [];

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
    const storm = 'forMs' in rule;
    if (storm && !(rule.share > 0 && rule.share <= 1)) throw new RangeError('share must be in (0, 1]');
    this.forced.push({
      method: rule.method,
      retryAfterSeconds: rule.retryAfterSeconds ?? 1,
      remaining: storm ? Number.POSITIVE_INFINITY : rule.count,
      untilMs: storm ? this.now() + rule.forMs : Number.POSITIVE_INFINITY,
      perMille: storm ? Math.round(rule.share * 1000) : 1000,
      owed: 0,
    });
  }

  clearForced(): void {
    this.forced = [];
  }

  /** Takes a token for one call; `channel` scopes chat.postMessage. Forced 429s apply even when limits are off. */
  take(token: string, method: string, channel?: string): RateDecision {
    const now = this.now();
    this.forced = this.forced.filter((candidate) => candidate.remaining > 0 && candidate.untilMs > now);
    const rule = this.forced.find((candidate) => !candidate.method || candidate.method === method);
    if (rule && this.refuses(rule)) {
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

  private refuses(rule: ForcedRule): boolean {
    rule.owed += rule.perMille;
    if (rule.owed < 1000) return false;
    rule.owed -= 1000;
    rule.remaining -= 1;
    return true;
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
