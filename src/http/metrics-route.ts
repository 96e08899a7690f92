// GET /metrics: the process's Prometheus metrics in the text exposition format.
import type { Registry } from 'prom-client';
import type { HttpRoute } from './http-route.js';

export function metricsRoute(registry: Registry): HttpRoute {
  return {
    path: '/metrics',
    method: 'GET',
    handler: (_request, response) => {
      registry.metrics().then(
        (text) => {
          response.writeHead(200, { 'content-type': registry.contentType });
          response.end(text);
        },
        // A gauge whose source is down (Redis) fails the scrape: Prometheus records `up` 0 for it.
        (error: unknown) => {
          response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
          response.end(`metrics unavailable: ${error instanceof Error ? error.message : String(error)}\n`);
        },
      );
    },
  };
}
