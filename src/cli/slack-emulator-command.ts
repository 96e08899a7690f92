// `ssm-chatops slack-emulator`: serves the local Slack (Web API, workspace, driver, /_emulator control API, playground).

import { loadConfig } from '../config/load-config.js';
import { createLogger, prefersPrettyLogs } from '../logging/logger.js';
import { numberFlag } from './parse-flags.js';
import type { Subcommand } from './subcommand.js';

export const slackEmulatorCommand: Subcommand = {
  name: 'slack-emulator',
  summary: 'serve a local Slack: the Web API the bot calls, a workspace, and signed requests into the bot',
  help: `Flags:
  --port N             port to listen on (default 3100; 0 picks a free port)
  --host H             address to bind (default 127.0.0.1)
  --request-url URL    the bot's /slack/events (default http://127.0.0.1:3000/slack/events)
  --workspace PATH     workspace YAML (default: fixtures/slack/workspace.yml)
  --sandbox-url URL    the AWS sandbox (e.g. http://127.0.0.1:4566): the playground shows its organization
                       and injects failures into its accounts (the panel is hidden without it)
  --no-rate-limits     answer every call (Slack's tiers are on by default)
  -h, --help           this help

Point the bot at it with SLACK_API_URL=http://127.0.0.1:3100/api/ and the workspace's token and signing
secret (printed at start). Open the playground (http://127.0.0.1:3100/playground) to act as the workspace's
users in a browser, or act through the control API, e.g.:
  curl -s -XPOST 127.0.0.1:3100/_emulator/slash-command -H 'content-type: application/json' \\
    -d '{"userId":"U0REQUEST1","channelId":"C0OPS00001","text":"help"}'
  curl -s 127.0.0.1:3100/_emulator/state`,
  flags: {
    port: { type: 'string' },
    host: { type: 'string' },
    'request-url': { type: 'string' },
    workspace: { type: 'string' },
    'sandbox-url': { type: 'string' },
    'rate-limits': { type: 'boolean' },
  },
  async run(values, io) {
    const config = loadConfig(io.env);
    const logger = createLogger({
      level: config.env.LOG_LEVEL,
      pretty: prefersPrettyLogs(config.env, io.isTty),
      name: 'slack-emulator',
    });
    const { startSlackEmulator } = await import('../slack-emulator/index.js');
    const emulator = await startSlackEmulator({
      port: numberFlag('slack-emulator', 'port', values.port, { integer: true, max: 65535 }) ?? 3100,
      host: typeof values.host === 'string' ? values.host : undefined,
      requestUrl:
        typeof values['request-url'] === 'string'
          ? values['request-url']
          : 'http://127.0.0.1:3000/slack/events',
      workspace: typeof values.workspace === 'string' ? values.workspace : undefined,
      sandboxUrl: typeof values['sandbox-url'] === 'string' ? values['sandbox-url'] : undefined,
      rateLimits: values['rate-limits'] === false ? 'off' : 'slack',
      onInternalError: (error) => logger.error({ err: error }, 'Slack emulator internal error'),
    });
    logger.info({ url: emulator.url, requestUrl: emulator.requestUrl }, 'Slack emulator listening');
    // The emulator's token and signing secret are fixture values, not secrets: printing them is the point.
    io.stdout(
      `Slack emulator on ${emulator.url} (sending to ${emulator.requestUrl})\n` +
        `Playground: ${emulator.playgroundUrl}\n` +
        `SLACK_API_URL=${emulator.apiUrl} SLACK_BOT_TOKEN=${emulator.botToken} SLACK_SIGNING_SECRET=${emulator.signingSecret}\n`,
    );
    const signal = await io.shutdownSignal();
    logger.info({ signal }, 'stopping the Slack emulator');
    await emulator.close();
    return 0;
  },
};
