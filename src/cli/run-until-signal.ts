// What bot, worker and start share: config, logger, services; run until SIGINT/SIGTERM; close in order, in time.

import type { Logger } from 'pino';
import { type BotServices, createBotServices } from '../bot/create-bot-services.js';
import { type LoadOptions, loadConfig } from '../config/load-config.js';
import { createLogger, prefersPrettyLogs } from '../logging/logger.js';
import { type NamedStoppable, type Stoppable, stopWithin } from './stop-within.js';
import type { CliIo } from './subcommand.js';

export type { Stoppable } from './stop-within.js';

const TRACING = 'tracing';

/**
 * Runs a long-running subcommand. Its exit code: 0 when every part closed in order; 1 when the process had to
 * drop some after SHUTDOWN_TIMEOUT_MS (typically during a Redis outage), for a supervisor to see it was not clean.
 * Spans a collector did not take in time are dropped with a warning, and do not count.
 */
export async function runUntilSignal(
  io: CliIo,
  name: string,
  require: LoadOptions['require'],
  start: (parts: {
    config: ReturnType<typeof loadConfig>;
    services: BotServices;
    logger: Logger;
    /** Registers a started part, so it is stopped even when a later part fails to start. */
    keep: <T extends Stoppable>(name: string, part: T) => T;
  }) => Promise<void>,
): Promise<number> {
  const config = loadConfig(io.env, { require });
  const logger = createLogger({
    level: config.env.LOG_LEVEL,
    pretty: prefersPrettyLogs(config.env, io.isTty),
    name,
  });
  // Listen before starting: a SIGTERM that arrives while the parts start must stop them, not kill the process
  // with Node's default action before the first close.
  const signalled = io.shutdownSignal();
  const tracing = io.tracing;
  if (tracing) logger.info({ serviceName: tracing.serviceName }, 'tracing with OpenTelemetry');
  const services = createBotServices(config, logger, {
    ...(tracing && { queueTelemetry: tracing.queueTelemetry }),
  });
  const running: NamedStoppable[] = [];
  const stop = async () => {
    // Stop taking work first (bot, then workers), then close the connections they used, then export the spans
    // of all that (within the same deadline: past it, spans still buffered are dropped).
    const timeoutMs = config.env.SHUTDOWN_TIMEOUT_MS;
    const { abandoned, failures } = await stopWithin(
      [
        ...running,
        { name: 'redis', close: services.close, forceClose: services.forceClose },
        ...(tracing ? [{ name: TRACING, close: tracing.close, forceClose: tracing.forceClose }] : []),
      ],
      timeoutMs,
    );
    for (const { part, error } of failures) logger.error({ err: error, part }, 'error while stopping');
    // Spans a collector did not take in time are lost telemetry, not dropped work: the exit code ignores them.
    if (abandoned.includes(TRACING)) {
      logger.warn(
        { timeoutMs },
        'spans still buffered were dropped: the collector did not take them within SHUTDOWN_TIMEOUT_MS',
      );
    }
    const dropped = abandoned.filter((part) => part !== TRACING);
    if (dropped.length === 0) return 0;
    logger.error(
      { abandoned: dropped, timeoutMs },
      `stopped ssm-chatops ${name} by force: ${dropped.join(', ')} had not closed within SHUTDOWN_TIMEOUT_MS; ` +
        'their connections were dropped, and jobs in progress are taken over by another worker once their lock expires',
    );
    return 1;
  };
  try {
    await start({
      config,
      services,
      logger,
      keep: (partName, part) => {
        running.push({ name: partName, close: () => part.close(), forceClose: () => part.forceClose() });
        return part;
      },
    });
  } catch (error) {
    await stop();
    throw error;
  }
  const signal = await signalled;
  logger.info({ signal }, `stopping ssm-chatops ${name}`);
  return stop();
}
