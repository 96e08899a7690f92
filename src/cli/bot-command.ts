// `ssm-chatops bot`: the Slack app (HTTP on PORT, or Socket Mode with SLACK_APP_TOKEN).
import type { Subcommand } from './subcommand.js';

export const botCommand: Subcommand = {
  name: 'bot',
  summary: 'serve the Slack app: /ssm commands, buttons and modals (needs a worker to follow runs)',
  help: `Flags:
  -h, --help   this help

Settings come from the environment and SSM_CHATOPS_CONFIG (see .env.example):
  SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET   required
  SLACK_APP_TOKEN                         Socket Mode instead of HTTP
  SLACK_API_URL                           another Slack Web API (e.g. the local emulator)
  PORT                                    HTTP port: /slack/events, /healthz, /livez, /readyz,
                                          /metrics (default 3000)
  REDIS_URL (or REDIS_CLUSTER_NODES), AWS_REGION, AWS_ENDPOINT_URL
  OTEL_EXPORTER_OTLP_ENDPOINT             OpenTelemetry tracing to this collector (off when unset)`,
  flags: {},
  async run(_values, io) {
    // Loaded here, not at the top: each subcommand loads only what it runs (a worker never loads Bolt).
    const [{ runUntilSignal }, { startBot }] = await Promise.all([
      import('./run-until-signal.js'),
      import('../bot/start-bot.js'),
    ]);
    return runUntilSignal(io, 'bot', ['slack'], async ({ config, services, logger, keep }) => {
      keep('bot', await startBot(config, services, logger));
    });
  },
};
