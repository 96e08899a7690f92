// GET /healthz: 200 while the process serves requests and its dependencies answer, 503 otherwise.
import type { HttpRoute } from './http-route.js';

export function healthRoute(check: () => Promise<Record<string, boolean>>): HttpRoute {
  return {
    path: '/healthz',
    method: 'GET',
    handler: (_request, response) => {
      check().then(
        (checks) => {
          const ok = Object.values(checks).every(Boolean);
          response.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ ok, checks }));
        },
        () => {
          response.writeHead(503, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ ok: false }));
        },
      );
    },
  };
}
