// A fetch for WebClient (web-api 8 has no other hook) that counts Slack Web API calls by method and outcome.
import type { FetchFunction } from '@slack/web-api';
import { Counter, Histogram, type Registry } from 'prom-client';

/** Method names as Slack spells them; anything else (an absolute URL, say) is counted as `other`. */
const METHOD = /^[a-zA-Z]+(\.[a-zA-Z]+)+$/;
const ERROR_CODE = /^[a-z0-9_]{1,64}$/;

/**
 * Wraps `fetch` (default: the global one) to count each HTTP request WebClient makes: `ok`, `error` (Slack
 * answered `ok: false`; its code is counted too), `rate_limited` (HTTP 429, with the Retry-After it asked for),
 * `http_error` (another status) or `network_error` (no answer). A retried call counts once per request.
 */
export function slackCallMetrics(
  registry: Registry,
  fetchFn: typeof fetch = globalThis.fetch,
): FetchFunction {
  const calls = new Counter({
    name: 'ssm_chatops_slack_calls_total',
    help: 'Slack Web API requests by method and outcome (ok, error, rate_limited, http_error, network_error)',
    labelNames: ['method', 'outcome'],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'ssm_chatops_slack_api_errors_total',
    help: 'Slack Web API answers with ok: false, by method and Slack error code',
    labelNames: ['method', 'error'],
    registers: [registry],
  });
  const retryAfter = new Counter({
    name: 'ssm_chatops_slack_retry_after_seconds_total',
    help: 'Seconds Slack asked us to wait (Retry-After of HTTP 429 answers), by method',
    labelNames: ['method'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'ssm_chatops_slack_call_duration_seconds',
    help: 'How long Slack Web API requests took, by method',
    labelNames: ['method'],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return async (url, init) => {
    const method = methodOf(url);
    const stopTimer = duration.startTimer({ method });
    let response: Response;
    try {
      response = await fetchFn(url, init as RequestInit);
    } catch (error) {
      calls.inc({ method, outcome: 'network_error' });
      throw error;
    } finally {
      stopTimer();
    }
    if (response.status === 429) {
      calls.inc({ method, outcome: 'rate_limited' });
      const seconds = Number(response.headers.get('retry-after'));
      if (Number.isFinite(seconds) && seconds >= 0) retryAfter.inc({ method }, seconds);
    } else if (response.status !== 200) {
      calls.inc({ method, outcome: 'http_error' });
    } else {
      // A copy is read, so WebClient gets the body untouched; Slack's answers are small JSON documents.
      const body = (await response
        .clone()
        .json()
        .catch(() => undefined)) as { ok?: unknown; error?: unknown } | undefined;
      if (body?.ok === false) {
        calls.inc({ method, outcome: 'error' });
        const code = typeof body.error === 'string' && ERROR_CODE.test(body.error) ? body.error : 'other';
        errors.inc({ method, error: code });
      } else {
        calls.inc({ method, outcome: 'ok' });
      }
    }
    return response;
  };
}

function methodOf(url: string | URL): string {
  try {
    const last = new URL(String(url)).pathname.split('/').pop() ?? '';
    return METHOD.test(last) ? last : 'other';
  } catch {
    return 'other';
  }
}
