// One Prometheus registry per process (per set of services, so tests can run several), with Node's defaults.
import { collectDefaultMetrics, Registry } from 'prom-client';

/** A registry holding prom-client's default process metrics (CPU, memory, event-loop lag, GC, handles). */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}
