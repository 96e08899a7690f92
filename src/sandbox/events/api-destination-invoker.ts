// Invokes API destinations over real HTTP: connection auth, rate limit, timeout, and bounded retries.
import { type ConnectionAuthorizer, headerParameters, withQuery } from './connection-authorizer.js';
import type { ApiDestinationRecord, ConnectionRecord } from './connection-store.js';
import type { DeliveryTracker } from './delivery-tracker.js';

/**
 * How hard the sandbox tries. AWS retries for up to 24 hours; the sandbox keeps it to a few attempts with
 * short real-time backoff so tests and demos settle quickly.
 */
export interface DeliverySettings {
  maxAttempts: number;
  /** Backoff before the second attempt; doubles after each failure, up to maxBackoffMs. */
  initialBackoffMs: number;
  maxBackoffMs: number;
  /** AWS gives an API destination 5 seconds to answer. */
  timeoutMs: number;
}

export const DEFAULT_DELIVERY_SETTINGS: DeliverySettings = {
  maxAttempts: 4,
  initialBackoffMs: 100,
  maxBackoffMs: 2_000,
  timeoutMs: 5_000,
};

export interface Invocation {
  destination: ApiDestinationRecord;
  connection: ConnectionRecord;
  /** The JSON text to send: the event, or the target's Input / InputPath selection. */
  body: string;
  /** Header and query-string parameters of the target (HttpParameters). */
  targetParameters?: {
    HeaderParameters?: Record<string, string>;
    QueryStringParameters?: Record<string, string>;
  };
  /** At most this many attempts (the target's RetryPolicy can lower the sandbox's setting). */
  maxAttempts: number;
}

export type InvocationOutcome =
  | { delivered: true; attempts: number; status: number }
  | { delivered: false; attempts: number; status?: number; error: string };

// EventBridge retries these statuses, plus network errors and timeouts; other answers are final.
const RETRYABLE_STATUSES = new Set([401, 407, 409, 429]);
const isRetryable = (status: number) => RETRYABLE_STATUSES.has(status) || status >= 500;

export class ApiDestinationInvoker {
  private readonly nextSlotMs = new Map<string, number>();

  constructor(
    private readonly tracker: DeliveryTracker,
    private readonly authorizer: ConnectionAuthorizer,
    private readonly settings: () => DeliverySettings,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async invoke(invocation: Invocation): Promise<InvocationOutcome> {
    const settings = this.settings();
    let backoffMs = settings.initialBackoffMs;
    let last: InvocationOutcome = { delivered: false, attempts: 0, error: 'not attempted' };
    for (let attempt = 1; attempt <= invocation.maxAttempts; attempt++) {
      if (attempt > 1) {
        await this.tracker.sleep(backoffMs);
        backoffMs = Math.min(backoffMs * 2, settings.maxBackoffMs);
      }
      await this.pace(invocation.destination);
      const result = await this.attempt(invocation, settings.timeoutMs);
      if ('status' in result && result.status >= 200 && result.status < 300) {
        return { delivered: true, attempts: attempt, status: result.status };
      }
      if ('status' in result) {
        last = { delivered: false, attempts: attempt, status: result.status, error: `HTTP ${result.status}` };
        if (result.status === 401) this.authorizer.forget(invocation.connection);
        if (!isRetryable(result.status)) return last;
      } else {
        last = { delivered: false, attempts: attempt, error: result.error };
      }
    }
    return last;
  }

  /** Spaces requests to one destination by 1/InvocationRateLimitPerSecond seconds. */
  private async pace(destination: ApiDestinationRecord): Promise<void> {
    const now = performance.now();
    const slot = Math.max(now, this.nextSlotMs.get(destination.arn) ?? now);
    this.nextSlotMs.set(destination.arn, slot + 1000 / destination.invocationRateLimitPerSecond);
    if (slot > now) await this.tracker.sleep(slot - now);
  }

  private async attempt(
    invocation: Invocation,
    timeoutMs: number,
  ): Promise<{ status: number } | { error: string }> {
    const { destination, connection, targetParameters } = invocation;
    const signal = AbortSignal.any([this.tracker.signal, AbortSignal.timeout(timeoutMs)]);
    try {
      const url = new URL(withQuery(destination.invocationEndpoint, connection.invocationHttpParameters));
      for (const [name, value] of Object.entries(targetParameters?.QueryStringParameters ?? {}))
        url.searchParams.append(name, value);
      const hasBody = destination.httpMethod !== 'GET' && destination.httpMethod !== 'HEAD';
      const response = await this.fetchImpl(url, {
        method: destination.httpMethod,
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'Amazon/EventBridge/ApiDestinations',
          ...headerParameters(connection.invocationHttpParameters),
          ...targetParameters?.HeaderParameters,
          ...(await this.authorizer.headers(connection, signal)),
        },
        body: hasBody ? withBodyParameters(invocation.body, connection) : undefined,
        signal,
      });
      // Drain the body so the connection can be reused; its content is not part of the outcome.
      await response.arrayBuffer().catch(() => undefined);
      return { status: response.status };
    } catch (error) {
      if (this.tracker.stopped) throw error;
      return { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
    }
  }
}

/** Connection body parameters are merged into a JSON object body, as EventBridge does. */
function withBodyParameters(body: string, connection: ConnectionRecord): string {
  const fields = connection.invocationHttpParameters?.BodyParameters ?? [];
  if (fields.length === 0) return body;
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return body;
    return JSON.stringify({ ...parsed, ...Object.fromEntries(fields.map((p) => [p.Key, p.Value])) });
  } catch {
    return body;
  }
}
