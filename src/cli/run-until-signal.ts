// What bot, worker and start share: config, logger, services; run until SIGINT/SIGTERM; close in order.

import type { Logger } from 'pino';
import { type BotServices, createBotServices } from '../bot/create-bot-services.js';
import { type LoadOptions, loadConfig } from '../config/load-config.js';
import { createLogger, prefersPrettyLogs } from '../logging/logger.js';
import type { CliIo } from './subcommand.js';

export interface Stoppable {
  close(): Promise<void>;
}

export async function runUntilSignal(
  io: CliIo,
  name: string,
  require: LoadOptions['require'],
  start: (parts: {
    config: ReturnType<typeof loadConfig>;
    services: BotServices;
    logger: Logger;
    /** Registers a started part, so it is stopped even when a later part fails to start. */
    keep: <T extends Stoppable>(part: T) => T;
  }) => Promise<void>,
): Promise<number> {
  const config = loadConfig(io.env, { require });
  const logger = createLogger({
    level: config.env.LOG_LEVEL,
    pretty: prefersPrettyLogs(config.env, io.isTty),
    name,
  });
  const services = createBotServices(config, logger);
  const running: Stoppable[] = [];
  try {
    const keep = <T extends Stoppable>(part: T): T => {
      running.push(part);
      return part;
    };
    await start({ config, services, logger, keep });
    const signal = await io.shutdownSignal();
    logger.info({ signal }, `stopping ssm-chatops ${name}`);
  } finally {
    // Stop taking work first (bot, then workers), then close the connections they used.
    for (const part of running)
      await part.close().catch((error) => logger.error({ err: error }, 'error while stopping'));
    await services.close();
  }
  return 0;
}
