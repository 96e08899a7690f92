// `ssm-chatops start`: the bot and a worker in one process, for small installs and local use.
import type { Subcommand } from './subcommand.js';

export const startCommand: Subcommand = {
  name: 'start',
  summary: 'run the bot and a worker in one process',
  help: `Flags:
  -h, --help   this help

Takes the settings of both "ssm-chatops bot" and "ssm-chatops worker".`,
  flags: {},
  async run(_values, io) {
    const [{ runUntilSignal }, { startBot }, { startWorker }] = await Promise.all([
      import('./run-until-signal.js'),
      import('../bot/start-bot.js'),
      import('../bot/start-worker.js'),
    ]);
    return runUntilSignal(io, 'start', ['slack'], async ({ config, services, logger, keep }) => {
      keep('bot', await startBot(config, services, logger));
      keep('worker', await startWorker(config, services, logger));
    });
  },
};
