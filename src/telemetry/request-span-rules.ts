// Which HTTP requests get a span, and what of their URL it may keep: probes are skipped, capability URLs cut.
import type { IncomingMessage, RequestOptions } from 'node:http';

/** Probes and scrapes: frequent, and nothing to follow. */
const PROBE_PATHS = new Set(['/livez', '/readyz', '/healthz', '/metrics']);

/** A Slack Web API method call (`/api/chat.postMessage`, no query): its URL carries nothing but the method. */
const WEB_API_METHOD = /^\/api\/[\w.]+$/;

export const requestSpanRules = {
  /** Incoming requests not traced: the probes and /metrics. */
  ignoreIncoming(request: Pick<IncomingMessage, 'url'>): boolean {
    return PROBE_PATHS.has((request.url ?? '').split('?')[0] ?? '');
  },

  /**
   * Outgoing requests (node:http) not traced: a WebSocket upgrade. Socket Mode's connection lives for hours, and
   * its URL carries the ticket that opens it.
   */
  ignoreOutgoing(options: Pick<RequestOptions, 'headers'>): boolean {
    const headers = options.headers ?? {};
    const names = Array.isArray(headers)
      ? headers.filter((_, index) => index % 2 === 0)
      : Object.keys(headers);
    return names.some((name) => String(name).toLowerCase() === 'upgrade');
  },

  /**
   * The URL attributes of a request through fetch (Slack's WebClient, Bolt's `respond`). A response_url or a
   * webhook URL is a credential in itself (whoever holds it may post), and a query may hold a token; anything
   * but a plain Web API method call keeps its origin only.
   */
  fetchUrlAttributes(request: { origin: string; path: string }): Record<string, string> {
    if (WEB_API_METHOD.test(request.path)) return {};
    return { 'url.full': `${request.origin}/[redacted]`, 'url.path': '/[redacted]', 'url.query': '' };
  },
};
