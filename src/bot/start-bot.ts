// Runs the Slack side: the Bolt app on PORT (HTTP mode) or over Socket Mode, with /healthz, /livez, /readyz and
// /metrics beside it.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Config } from '../config/load-config.js';
import { awsEventsRoute } from '../http/aws-events-route.js';
import { healthRoute } from '../http/health-route.js';
import type { HttpRoute } from '../http/http-route.js';
import { metricsRoute } from '../http/metrics-route.js';
import { livezRoute, readyzRoute } from '../http/probe-routes.js';
import { redisAnsweredLately, redisAnswers } from '../http/redis-health.js';
import { serveRoutes } from '../http/serve-routes.js';
import { guardAgainstReplays } from '../http/slack-replay-guard.js';
import { createSlackApp } from '../slack/create-slack-app.js';
import type { BotServices } from './create-bot-services.js';
import { readinessChecks } from './readiness-checks.js';

export interface RunningBot {
  /** The HTTP port (/slack/events in HTTP mode; /healthz, /livez, /readyz and /metrics always). */
  port: number;
  /** The address it listens on (HOST). */
  host: string;
  /** Stops Bolt and the HTTP server, letting requests in progress finish. */
  close(): Promise<void>;
  /** Drops every open HTTP connection: requests still waiting (on Redis, say) get no answer. */
  forceClose(): void;
}

export async function startBot(
  config: Config,
  services: BotServices,
  logger: Logger,
  port = config.env.PORT,
): Promise<RunningBot> {
  const routes: HttpRoute[] = [
    healthRoute(async () => ({ redis: await redisAnswers(services.redis) })),
    livezRoute(),
    readyzRoute(readinessChecks(services)),
    metricsRoute(services.metrics.registry),
  ];
  // EventBridge's API destination delivers here, once `events setup` created it with this secret.
  if (config.env.SSM_CHATOPS_EVENTS_SECRET) {
    routes.push(
      awsEventsRoute({
        secret: config.env.SSM_CHATOPS_EVENTS_SECRET,
        headerName: config.file.events.headerName,
        onEvent: services.eventInbox,
        logger: logger.child({ component: 'aws-events' }),
      }),
    );
  }
  const app = createSlackApp(
    {
      signingSecret: required(config.env.SLACK_SIGNING_SECRET),
      botToken: required(config.env.SLACK_BOT_TOKEN),
      appToken: config.env.SLACK_APP_TOKEN,
      clientOptions: services.slackClientOptions,
      routes,
      storeAnswers: () => redisAnsweredLately(services.redis),
      guard: (listener) =>
        guardAgainstReplays(
          {
            redis: services.redis,
            signingSecret: required(config.env.SLACK_SIGNING_SECRET),
            keyPrefix: services.keyPrefix,
            logger: logger.child({ component: 'slack-requests' }),
          },
          listener,
        ),
    },
    { run: services.context, logger, doctor: services.doctor, compliance: services.compliance },
  );
  if (config.env.SLACK_APP_TOKEN) {
    // Socket Mode has no HTTP receiver: our routes get a small server of their own.
    await app.start();
    const served = await serveRoutes(routes, port, config.env.HOST);
    logger.info(
      { host: served.host, port: served.port, mode: 'socket' },
      'ssm-chatops bot connected over Socket Mode',
    );
    return {
      port: served.port,
      host: served.host,
      close: async () => {
        await app.stop();
        await served.close();
      },
      forceClose: served.forceClose,
    };
  }
  const server = (await app.start({ port, host: config.env.HOST })) as Server;
  logger.info(
    { host: hostOf(server), port: portOf(server), mode: 'http' },
    'ssm-chatops bot listening on /slack/events',
  );
  return {
    port: portOf(server),
    host: hostOf(server),
    close: () => app.stop().then(() => undefined),
    forceClose: () => server.closeAllConnections(),
  };
}

const portOf = (server: Server) => (server.address() as AddressInfo).port;
const hostOf = (server: Server) => (server.address() as AddressInfo).address;

function required(value: string | undefined): string {
  // loadConfig({ require: ['slack'] }) has checked these; this keeps the types honest.
  if (!value) throw new Error('Slack credentials missing: load the config with require: ["slack"]');
  return value;
}
