// Starts the whole product on embedded defaults, in this process (Redis aside), and stops it in reverse order.
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { createBotServices } from '../bot/create-bot-services.js';
import { startBot } from '../bot/start-bot.js';
import { startWorker } from '../bot/start-worker.js';
import { type Config, loadConfig } from '../config/load-config.js';
import { type RunningSandbox, startSandbox } from '../sandbox/server.js';
import { ActionId } from '../slack/ids.js';
import { type SlackEmulator, startSlackEmulator } from '../slack-emulator/index.js';
import { buildDemoTour } from './build-demo-tour.js';
import { deliverSandboxEvents, demoEventsSecret } from './deliver-sandbox-events.js';
import { DEMO_KEY_PREFIX, provideDemoRedis } from './provide-demo-redis.js';

const here = dirname(fileURLToPath(import.meta.url));
/** The demo's policies and approval template (same depth from src/ and dist/). */
export const DEMO_CONFIG_PATH = resolve(here, '../../config/demo.yml');

/** Parts of the demo, in start order; a failure to start names one. */
export type DemoComponent = 'redis' | 'aws-sandbox' | 'slack-emulator' | 'bot' | 'worker' | 'event-delivery';

export class DemoStartError extends Error {
  override readonly name = 'DemoStartError';
  constructor(
    readonly component: DemoComponent,
    cause: unknown,
  ) {
    super(`${component} did not start: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

export interface DemoOptions {
  /** Use this Redis instead of starting redis-server. */
  redisUrl?: string;
  /** Fixed ports: the Slack emulator on N, the sandbox on N+1, the bot on N+2, redis-server on N+3. */
  portBase?: number;
  /** Where the playground listens (default 127.0.0.1); `0.0.0.0` in a container. The other parts stay local. */
  playgroundHost?: string;
  /** Leave Redis's data behind at stop (see DemoRedis.stop). */
  keepData: boolean;
  logger: Logger;
  /** The bot's and worker's LOG_LEVEL. */
  logLevel: string;
}

export interface RunningDemo {
  /** The Slack emulator's base URL; its playground is served at `/`. */
  slackUrl: string;
  sandboxUrl: string;
  /** The bot's /slack/events, where the emulator sends signed requests. */
  botUrl: string;
  redis: { url: string; description: string; dataDir?: string };
  /** Stops every part, last started first; never throws (a part that fails to stop is logged). */
  close(): Promise<void>;
}

/** The demo's polling: quicker than production's, so a run's thread fills in while someone watches. */
const DEMO_POLL_INTERVALS = { quickMs: 500, slowMs: 5_000 };
const STOP_TIMEOUT_MS = 10_000;

/**
 * Starts Redis, the AWS sandbox, the Slack emulator, the bot (HTTP mode, signed requests from the emulator) and
 * a worker. When a part fails to start, the parts already running are stopped and a DemoStartError names it.
 */
export async function startDemo(options: DemoOptions): Promise<RunningDemo> {
  const { logger } = options;
  const port = (offset: number) => (options.portBase === undefined ? 0 : options.portBase + offset);
  const stops: Array<{ component: DemoComponent; stop: () => Promise<void> }> = [];
  const close = async () => {
    for (const { component, stop } of stops.splice(0).reverse()) {
      await withDeadline(stop(), STOP_TIMEOUT_MS).catch((error: unknown) =>
        logger.error({ err: error, part: component }, 'could not stop cleanly'),
      );
    }
  };
  async function part<T>(
    component: DemoComponent,
    start: () => Promise<T>,
    stop: (started: T) => Promise<void>,
  ) {
    try {
      const started = await start();
      stops.push({ component, stop: () => stop(started) });
      return started;
    } catch (error) {
      await close();
      throw new DemoStartError(component, error);
    }
  }

  const redis = await part(
    'redis',
    () =>
      provideDemoRedis({
        redisUrl: options.redisUrl,
        port: options.portBase === undefined ? undefined : port(3),
        keepData: options.keepData,
      }),
    (started) => started.stop(),
  );
  const sandbox = await part(
    'aws-sandbox',
    () =>
      startSandbox({
        port: port(1),
        // The bot's POST /aws/events is plain HTTP on this machine; AWS, and the sandbox by default, want HTTPS.
        allowHttpApiDestinations: true,
        onInternalError: (error) => logger.error({ err: error, part: 'aws-sandbox' }, 'internal error'),
      }),
    (started) => started.close(),
  );
  const slack = await part(
    'slack-emulator',
    () =>
      startSlackEmulator({
        port: port(0),
        ...(options.playgroundHost && { host: options.playgroundHost }),
        // The playground's sandbox panel: the organization, injected failures, the clock.
        sandboxUrl: sandbox.url,
        onInternalError: (error) => logger.error({ err: error, part: 'slack-emulator' }, 'internal error'),
      }),
    (started) => started.close(),
  );
  const eventsSecret = demoEventsSecret();
  const bot = await part(
    'bot',
    () => startDemoBot({ slack, sandbox, redisUrl: redis.url, port: port(2), eventsSecret, options }),
    (started) => started.close(),
  );
  const botUrl = `http://127.0.0.1:${bot.running.port}/slack/events`;
  slack.setRequestUrl(botUrl);
  slack.setTour(demoTour(slack, sandbox, bot.config));
  await part(
    'event-delivery',
    () =>
      deliverSandboxEvents({
        config: bot.config,
        sandboxUrl: sandbox.url,
        credentials: sandbox.world.fixture.home,
        secret: eventsSecret,
        endpointUrl: `http://127.0.0.1:${bot.running.port}/aws/events`,
      }),
    // The sandbox keeps it in memory: it goes when the sandbox stops.
    async () => {},
  );
  await part(
    'worker',
    () => startWorker(bot.config, bot.services, logger.child({ part: 'worker' })),
    (started) => started.close(),
  );
  return {
    slackUrl: slack.url,
    sandboxUrl: sandbox.url,
    botUrl,
    redis: { url: redis.url, description: redis.description, dataDir: redis.dataDir },
    close,
  };
}

/** The bot reads its settings as `ssm-chatops start` does, from an environment: this one, pointing at the demo's parts. */
async function startDemoBot(parts: {
  slack: SlackEmulator;
  sandbox: RunningSandbox;
  redisUrl: string;
  port: number;
  eventsSecret: string;
  options: DemoOptions;
}) {
  const { slack, sandbox, options } = parts;
  const config = loadConfig(
    {
      SLACK_API_URL: slack.apiUrl,
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: slack.signingSecret,
      REDIS_URL: parts.redisUrl,
      AWS_ENDPOINT_URL: sandbox.url,
      SSM_CHATOPS_CONFIG: DEMO_CONFIG_PATH,
      SSM_CHATOPS_EVENTS_SECRET: parts.eventsSecret,
      LOG_LEVEL: options.logLevel,
    },
    { require: ['slack'] },
  );
  const logger = options.logger.child({ part: 'bot' });
  const { accessKeyId, secretAccessKey } = sandbox.world.fixture.home;
  const services = createBotServices(config, logger, {
    awsCredentials: { accessKeyId, secretAccessKey },
    keyPrefix: DEMO_KEY_PREFIX,
    pollIntervals: DEMO_POLL_INTERVALS,
  });
  try {
    // Bolt calls auth.test as its App is built and does not stop that call when listening then fails: checking the
    // port first keeps that call from retrying, for minutes, against an emulator that is being stopped.
    if (parts.port !== 0) await ensurePortFree(parts.port);
    const running = await startBot(config, services, logger, parts.port);
    return {
      config,
      services,
      running,
      // The worker (stopped before this) shares the services: they are closed with the bot.
      close: async () => {
        await running.close();
        await services.close();
      },
    };
  } catch (error) {
    await services.close();
    throw error;
  }
}

/** The playground's "Try it" tour over the workspace, organization and policies this demo runs with. */
function demoTour(slack: SlackEmulator, sandbox: RunningSandbox, config: Config) {
  const { organizationalUnits, accounts } = sandbox.world.fixture.organization;
  const directory = slack.workspace;
  return buildDemoTour({
    workspace: {
      users: directory.users(),
      userGroups: directory.userGroups(),
      channels: directory.channels().map((channel) => ({
        id: channel.id,
        name: channel.name,
        private: channel.isPrivate,
        members: [...channel.members],
      })),
      botUserId: directory.bot.userId,
    },
    organization: { organizationalUnits, accounts },
    bot: {
      approvalsChannelId: config.file.slack.channels.approvals,
      policies: config.file.policies,
      approvalTemplates: config.file.approvalTemplates,
      approveActionId: ActionId.approveChange,
    },
  });
}

/** Listens on the port as the bot will (every interface) and lets it go; EADDRINUSE if someone holds it. */
function ensurePortFree(port: number): Promise<void> {
  const probe = createServer();
  return new Promise((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(port, () => probe.close(() => resolve()));
  });
}

function withDeadline(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still stopping after ${ms} ms; left behind`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
