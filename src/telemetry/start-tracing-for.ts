// Starts OpenTelemetry tracing for bot, worker and start when the environment asks for it, before they load.
import type { Telemetry } from 'bullmq';
import { DEFAULT_SERVICE_NAMES, type TracedCommand, tracingSettings } from '../config/tracing-settings.js';

/** Tracing, once started: what BullMQ needs to trace jobs, and how to flush and stop the SDK. */
export interface Tracing {
  /** `service.name`, or undefined when OTEL_RESOURCE_ATTRIBUTES sets it. */
  serviceName: string | undefined;
  /** BullMQ's telemetry add-on (bullmq-otel), for every Queue and Worker of the process. */
  queueTelemetry: Telemetry;
  /** Exports the spans still buffered, then stops the SDK. */
  close(): Promise<void>;
  /** After `close` ran out of time: spans still buffered are dropped; nothing is waited for. */
  forceClose(): void;
}

const isTraced = (command: string | undefined): command is TracedCommand =>
  command !== undefined && Object.hasOwn(DEFAULT_SERVICE_NAMES, command);

/**
 * Called first by the process (src/cli.ts), before the subcommand's modules load: the instrumentations patch
 * http, ioredis and the AWS SDK as they are loaded. When tracing is off the SDK is never imported, so startup
 * and the ack path pay nothing for it.
 */
export async function startTracingFor(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): Promise<Tracing | undefined> {
  const [command] = argv;
  if (!isTraced(command) || argv.includes('--help') || argv.includes('-h')) return undefined;
  const settings = tracingSettings(env, command);
  if (!settings.on) return undefined;
  const { startTracing } = await import('./start-tracing.js');
  return startTracing(settings.serviceName);
}
