// A small HTTP server for our routes alone: the bot in Socket Mode (no Bolt receiver), the worker's /metrics.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpRoute } from './http-route.js';

export interface ServedRoutes {
  port: number;
  host: string;
  /** Stops listening and drops the connections (probes and scrapes hold nothing worth waiting for). */
  close(): Promise<void>;
  forceClose(): void;
}

/** Serves `routes` on `host`:`port` (0 = any free port); anything else is a 404. */
export function serveRoutes(routes: HttpRoute[], port: number, host: string): Promise<ServedRoutes> {
  const server = createServer((request, response) => {
    const route = routes.find(
      (candidate) => candidate.path === request.url?.split('?')[0] && candidate.method === request.method,
    );
    if (route) return route.handler(request, response);
    response.writeHead(404).end();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address() as AddressInfo;
      resolve({
        port: address.port,
        host: address.address,
        close: () => closeServer(server),
        forceClose: () => server.closeAllConnections(),
      });
    });
  });
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}
