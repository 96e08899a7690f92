// Per-method counts of Web API calls, by outcome, so tests can assert how the bot used the API.
import type { ChangeFeed } from './change-feed.js';

export interface CallCount {
  total: number;
  ok: number;
  /** Answers with `ok: false` (other than rate limiting). */
  errors: number;
  /** Answers with HTTP 429. */
  rateLimited: number;
  /** How often each error code was answered. */
  errorCodes: Record<string, number>;
}

export type CallOutcome = { kind: 'ok' } | { kind: 'error'; error: string } | { kind: 'rate_limited' };

export class CallCounter {
  private counts = new Map<string, CallCount>();

  constructor(private readonly feed: ChangeFeed) {}

  record(method: string, outcome: CallOutcome): void {
    let count = this.counts.get(method);
    if (!count) {
      count = { total: 0, ok: 0, errors: 0, rateLimited: 0, errorCodes: {} };
      this.counts.set(method, count);
    }
    count.total += 1;
    if (outcome.kind === 'ok') count.ok += 1;
    if (outcome.kind === 'rate_limited') count.rateLimited += 1;
    if (outcome.kind === 'error') {
      count.errors += 1;
      count.errorCodes[outcome.error] = (count.errorCodes[outcome.error] ?? 0) + 1;
    }
    if (outcome.kind !== 'rate_limited') {
      this.feed.emit({
        type: 'api_called',
        method,
        ok: outcome.kind === 'ok',
        ...(outcome.kind === 'error' ? { error: outcome.error } : {}),
      });
    }
  }

  /** A snapshot: later calls do not change it. */
  report(): Record<string, CallCount> {
    return Object.fromEntries(
      [...this.counts].map(([method, count]) => [method, { ...count, errorCodes: { ...count.errorCodes } }]),
    );
  }

  reset(): void {
    this.counts = new Map();
  }
}
