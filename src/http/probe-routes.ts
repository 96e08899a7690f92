// GET /livez (the process serves HTTP) and GET /readyz (what it needs answers), for orchestrators' probes.
import type { HttpRoute } from './http-route.js';

/** 200 as long as the process answers at all: a liveness probe restarts only a process that hangs. */
export function livezRoute(): HttpRoute {
  return {
    path: '/livez',
    method: 'GET',
    handler: (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"ok":true}');
    },
  };
}

/**
 * 200 when every check passes, else 503 with `failed` naming the checks that did not: a readiness probe takes
 * the process out of rotation while Redis or the queues do not answer. A check that throws counts as failed.
 */
export function readyzRoute(checks: Record<string, () => Promise<boolean>>): HttpRoute {
  return {
    path: '/readyz',
    method: 'GET',
    handler: (_request, response) => {
      const names = Object.keys(checks);
      Promise.all(names.map((name) => checks[name]!().catch(() => false))).then((results) => {
        const failed = names.filter((_, index) => !results[index]);
        response.writeHead(failed.length === 0 ? 200 : 503, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({
            ok: failed.length === 0,
            failed,
            checks: Object.fromEntries(names.map((n, i) => [n, results[i]])),
          }),
        );
      });
    },
  };
}
