// `ssm-chatops start`: the bot and a worker in one process, for small installs and local use.
import { startBot } from '../bot/start-bot.js';
import { startWorker } from '../bot/start-worker.js';
import { runUntilSignal } from './run-until-signal.js';
import type { Subcommand } from './subcommand.js';

export const startCommand: Subcommand = {
  name: 'start',
  summary: 'run the bot and a worker in one process',
  help: `Flags:
  -h, --help   this help

Takes the settings of both "ssm-chatops bot" and "ssm-chatops worker".`,
  flags: {},
  run: (_values, io) =>
    runUntilSignal(io, 'start', ['slack'], async ({ config, services, logger }) => [
      await startBot(config, services, logger),
      await startWorker(config, services, logger),
    ]),
};
