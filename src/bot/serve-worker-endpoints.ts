// The worker's own small HTTP server on METRICS_PORT: /metrics for Prometheus, /livez and /readyz for probes.
import type { Logger } from 'pino';
import type { Config } from '../config/load-config.js';
import { metricsRoute } from '../http/metrics-route.js';
import { livezRoute, readyzRoute } from '../http/probe-routes.js';
import { type ServedRoutes, serveRoutes } from '../http/serve-routes.js';
import type { BotServices } from './create-bot-services.js';
import { readinessChecks } from './readiness-checks.js';
import type { RunningWorker } from './start-worker.js';

export async function serveWorkerEndpoints(
  config: Config,
  services: BotServices,
  worker: RunningWorker,
  logger: Logger,
  port = config.env.METRICS_PORT,
): Promise<ServedRoutes> {
  const served = await serveRoutes(
    [
      livezRoute(),
      readyzRoute(readinessChecks(services, { workers: async () => worker.isRunning() })),
      metricsRoute(services.metrics.registry),
    ],
    port,
    config.env.HOST,
  );
  logger.info(
    { host: served.host, port: served.port },
    'worker metrics and probes on /metrics, /livez, /readyz',
  );
  return served;
}
