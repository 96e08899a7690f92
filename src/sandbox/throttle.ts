// Token buckets per account, region and API, so callers meet ThrottlingException where AWS would throttle them.

export interface Rate {
  ratePerSecond: number;
  burst: number;
}

interface Bucket {
  tokens: number;
  updatedMs: number;
  rate: Rate;
}

export interface ThrottleSettings {
  enabled: boolean;
  defaults: Rate;
  /** Keyed `service:Operation`, e.g. `ssm:StartAutomationExecution`. */
  rates: Record<string, Rate>;
}

/** Buckets refill in real time: throttling is about request rate, not simulated time. */
export class Throttle {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private settings: ThrottleSettings,
    private readonly realNow: () => number = () => performance.now(),
  ) {}

  get current(): ThrottleSettings {
    return this.settings;
  }

  configure(settings: Partial<ThrottleSettings>): void {
    this.settings = {
      enabled: settings.enabled ?? this.settings.enabled,
      defaults: settings.defaults ?? this.settings.defaults,
      rates: { ...this.settings.rates, ...(settings.rates ?? {}) },
    };
    this.buckets.clear();
  }

  /** Takes one token; false means the call is throttled. */
  tryTake(service: string, operation: string, accountId: string, region: string): boolean {
    if (!this.settings.enabled) return true;
    const api = `${service}:${operation}`;
    const key = `${accountId}|${region}|${api}`;
    const now = this.realNow();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      const rate = this.settings.rates[api] ?? this.settings.defaults;
      bucket = { tokens: rate.burst, updatedMs: now, rate };
      this.buckets.set(key, bucket);
    }
    const refill = ((now - bucket.updatedMs) / 1000) * bucket.rate.ratePerSecond;
    bucket.tokens = Math.min(bucket.rate.burst, bucket.tokens + refill);
    bucket.updatedMs = now;
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
