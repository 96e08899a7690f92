// `ssm-chatops worker`: follows runs (starts fan-out children, reads statuses, keeps Slack current).
import type { Subcommand } from './subcommand.js';

export const workerCommand: Subcommand = {
  name: 'worker',
  summary: 'follow runs: start fan-out children, read execution statuses, update Slack (any number may run)',
  help: `Flags:
  -h, --help   this help

Settings: SLACK_BOT_TOKEN (required), SLACK_API_URL, REDIS_URL, AWS_REGION, AWS_ENDPOINT_URL, SSM_CHATOPS_CONFIG.`,
  flags: {},
  async run(_values, io) {
    const [{ runUntilSignal }, { startWorker }] = await Promise.all([
      import('./run-until-signal.js'),
      import('../bot/start-worker.js'),
    ]);
    return runUntilSignal(io, 'worker', ['slack-bot-token'], async ({ config, services, logger, keep }) => {
      keep(await startWorker(config, services, logger));
    });
  },
};
