// The whole product in one test process: the AWS sandbox, a real Redis, the Slack emulator, and the bot and
// worker built exactly as `ssm-chatops start` builds them, with the emulator's requests signed into Bolt.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { stringify } from 'yaml';
import { type BotServices, createBotServices } from '../../src/bot/create-bot-services.js';
import { type RunningBot, startBot } from '../../src/bot/start-bot.js';
import { type RunningWorker, startWorker } from '../../src/bot/start-worker.js';
import { type Config, loadConfig } from '../../src/config/load-config.js';
import type { RoomBackoff } from '../../src/core/run/room-wait.js';
import type { Run } from '../../src/core/run/run.js';
import { type SlackEmulator, startSlackEmulator } from '../../src/slack-emulator/index.js';
import type { RedisClient } from '../../src/store/redis-connection.js';
import { assertNoLeakedSecrets, type Secret } from './find-leaked-secrets.js';
import { openHarnessLog } from './harness-log.js';
import { startTestRedis, type TestRedis } from './redis.js';
import { startTestRedisCluster } from './redis-cluster.js';
import { HOME_CREDENTIALS, startTestSandbox, type TestSandbox } from './sandbox.js';

/** The organization-facing config of the tests: the sandbox organization and the emulator's workspace. */
export const HARNESS_CONFIG = {
  aws: {
    homeRegion: 'ap-northeast-1',
    regions: ['ap-northeast-1', 'us-east-1'],
    externalId: 'ssm-chatops-sandbox',
  },
  runs: { defaultMode: 'multi-account', defaultRegions: ['ap-northeast-1'] },
  slack: { operators: { users: ['U0OPERATE1'] }, channels: { notifications: 'C0NOTIFY01' } },
  policies: [
    { name: 'platform-anything', when: { userGroups: ['S0PLATFORM'] }, runbooks: ['*'] },
    {
      name: 'sre-restart-outside-prod',
      when: { userGroups: ['S0SRELEADS'] },
      runbooks: ['AWS-RestartEC2Instance'],
      organizationalUnits: ['ou-sbx1-stage001', 'ou-sbx1-dev00001'],
    },
    {
      name: 'no-stop-in-prod',
      effect: 'deny',
      runbooks: ['AWS-StopEC2Instance'],
      organizationalUnits: ['ou-sbx1-prod0001'],
    },
    {
      name: 'prod-cleanup-is-a-change',
      when: { userGroups: ['S0PLATFORM'] },
      runbooks: ['Platform-CleanupUnusedAmis'],
      organizationalUnits: ['ou-sbx1-prod0001'],
      approvalTemplate: 'prod-change',
    },
  ],
  approvalTemplates: [
    {
      name: 'prod-change',
      levels: [
        { name: 'SRE leads', approvers: { userGroups: ['S0SRELEADS'] } },
        { name: 'Security', approvers: { userGroups: ['S0SECURITY'] } },
      ],
      reasonRequired: { onRequest: false, onReject: true },
      approvalsChannel: 'C0APPROVE1',
    },
  ],
};

/**
 * The harness config with #change-approvals as the approvals channel and one more template: starting an instance
 * (AWS-StartEC2Instance) needs one approval from the SRE leads, with no reasons asked.
 */
export const ONE_LEAD_CONFIG = {
  ...HARNESS_CONFIG,
  slack: { ...HARNESS_CONFIG.slack, channels: { ...HARNESS_CONFIG.slack.channels, approvals: 'C0APPROVE1' } },
  approvalTemplates: [
    ...HARNESS_CONFIG.approvalTemplates,
    {
      name: 'one-lead',
      governs: { runbooks: ['AWS-StartEC2Instance'] },
      levels: [{ approvers: { userGroups: ['S0SRELEADS'] } }],
      reasonRequired: { onRequest: false, onReject: false },
    },
  ],
};

export interface HarnessOptions {
  config?: Record<string, unknown>;
  /** The sandbox's Automation quota per account and region (default AWS's: 100 running, 1,000 queued). */
  automationQuota?: { concurrentExecutions?: number; queuedExecutions?: number };
  /** Start the worker too (default true); without it runs are recorded and posted but never start. */
  worker?: boolean;
  /** Slack's rate-limit tiers in the emulator (default) or none (benchmarks of the bot itself). */
  slackRateLimits?: 'slack' | 'off';
  /** Run the bot in Socket Mode (SLACK_APP_TOKEN set): the emulator's driver then talks to it over the socket. */
  socketMode?: boolean;
  /** Serve POST /aws/events with this secret (events setup points EventBridge at `eventsUrl`). */
  eventsSecret?: string;
  /** The bot's and worker's clock (default: real time), e.g. to expire a change request. */
  now?: () => Date;
  /** Redis with an append-only file, so a test can crash and resume it without losing data. */
  redisAppendOnly?: boolean;
  /**
   * A local 3-master Redis Cluster instead of one redis-server (REDIS_URL is its redis+cluster:// URL), as
   * ElastiCache Serverless always is. It cannot be crashed or frozen as a whole.
   */
  redisCluster?: boolean;
  /** The sandbox's fixture file (default: fixtures/sandbox/organization.yml), e.g. a bigger organization. */
  sandboxFixturePath?: string;
  /** The fan-out starter's backoff while SSM has no room (default 50 ms doubling to 400 ms, 6 h cap). */
  roomBackoff?: RoomBackoff;
  /** More environment for loadConfig, as an operator would set it (e.g. `RETENTION_DAYS`); it wins over the harness's. */
  env?: Record<string, string>;
}

/** A port nobody listens on now, so the bot's URL is known before it starts (EventBridge needs it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface BotHarness {
  sandbox: TestSandbox;
  redis: TestRedis<RedisClient>;
  slack: SlackEmulator;
  services: BotServices;
  bot: RunningBot;
  worker?: RunningWorker;
  config: Config;
  /** The bot's and worker's logger: trace and above to a file of the run's log directory (see harness-log.ts). */
  logger: Logger;
  /** The JSON lines logged at warn and above so far. */
  logWarnings(): string[];
  /** The JSON lines logged at info and above so far. */
  logInfoAndAbove(): string[];
  /** Another log of this product (a worker process's) to scan for secrets when the harness closes. */
  addLogFile(path: string): void;
  /** The secrets the product was given or handed out (Slack's, the events secret, sandbox AWS sessions). */
  secrets(): Secret[];
  /** The bot's POST /aws/events. */
  eventsUrl: string;
  /** The run as stored, by id. */
  run(id: string): Promise<Run | undefined>;
  /** Stops everything, then fails if any secret reached a log. */
  close(): Promise<void>;
}

export async function startBotHarness(options: HarnessOptions = {}): Promise<BotHarness> {
  const [sandbox, redis, slack] = await Promise.all([
    // The bot's /aws/events listens on plain HTTP here; AWS (and the sandbox by default) want HTTPS.
    startTestSandbox({
      allowHttpApiDestinations: true,
      automationQuota: options.automationQuota,
      ...(options.sandboxFixturePath && { fixturePath: options.sandboxFixturePath }),
    }),
    options.redisCluster
      ? startTestRedisCluster()
      : startTestRedis({ appendOnly: options.redisAppendOnly ?? false }),
    // Real time for the emulator: its rate-limit buckets refill while the bot's retries wait.
    startSlackEmulator({ now: Date.now, rateLimits: options.slackRateLimits ?? 'slack' }),
  ]);
  const port = await freePort();
  const eventsUrl = `http://127.0.0.1:${port}/aws/events`;
  const fileConfig = { ...(options.config ?? HARNESS_CONFIG), events: { endpointUrl: eventsUrl } };
  const config = loadConfig(
    {
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: slack.signingSecret,
      SLACK_API_URL: slack.apiUrl,
      ...(options.socketMode && { SLACK_APP_TOKEN: slack.appToken }),
      REDIS_URL: redis.url,
      AWS_REGION: 'ap-northeast-1',
      AWS_ENDPOINT_URL: sandbox.sandbox.url,
      SSM_CHATOPS_CONFIG: 'harness.yml',
      PORT: String(port),
      HOST: '127.0.0.1',
      ...(options.eventsSecret && { SSM_CHATOPS_EVENTS_SECRET: options.eventsSecret }),
      ...options.env,
    },
    { require: ['slack'], readFile: () => stringify(fileConfig) },
  );
  const log = openHarnessLog('harness');
  const logger = log.logger;
  const logFiles = [log.path];
  const services = createBotServices(config, logger, {
    awsCredentials: HOME_CREDENTIALS,
    pollIntervals: { quickMs: 50, slowMs: 200 },
    roomBackoff: options.roomBackoff ?? { firstDelayMs: 50, maxDelayMs: 400, maxWaitMs: 6 * 3_600_000 },
    editIntervalMs: 100,
    ...(options.now && { now: options.now }),
  });
  const bot = await startBot(config, services, logger, port);
  // In Socket Mode the bot has no /slack/events: the emulator reaches it over the connection it opened.
  if (!options.socketMode) slack.setRequestUrl(`http://127.0.0.1:${bot.port}/slack/events`);
  const worker = options.worker === false ? undefined : await startWorker(config, services, logger);
  return {
    sandbox,
    redis,
    slack,
    services,
    bot,
    worker,
    config,
    logger,
    eventsUrl,
    logWarnings: log.warnings,
    logInfoAndAbove: log.infoAndAbove,
    addLogFile: (path) => void logFiles.push(path),
    secrets: () => harnessSecrets(config, slack, sandbox),
    run: (id) => services.context.runs.get(id),
    close: async () => {
      await worker?.close();
      await bot.close();
      await services.close();
      const secrets = harnessSecrets(config, slack, sandbox);
      await Promise.all([slack.close(), sandbox.close(), redis.stop()]);
      await log.close();
      assertNoLeakedSecrets(logFiles, secrets);
    },
  };
}

/**
 * What must never be logged: the Slack credentials and events secret the bot was configured with, and every AWS
 * session the sandbox handed out. The home principal's key ("sandbox") is the fixture's published development
 * credential, printed in the sandbox's banner, and too common a word to look for.
 */
function harnessSecrets(config: Config, slack: SlackEmulator, sandbox: TestSandbox): Secret[] {
  const env = config.env;
  const configured: Array<[string, string | undefined]> = [
    ['SLACK_BOT_TOKEN', env.SLACK_BOT_TOKEN],
    ['SLACK_SIGNING_SECRET', env.SLACK_SIGNING_SECRET],
    ['SLACK_APP_TOKEN', env.SLACK_APP_TOKEN ?? slack.appToken],
    ['SSM_CHATOPS_EVENTS_SECRET', env.SSM_CHATOPS_EVENTS_SECRET],
  ];
  const sessions = sandbox.sandbox.world.identities
    .allCredentials()
    .filter((credentials) => credentials.sessionToken !== undefined)
    .flatMap((credentials) => [
      { name: `AWS secret access key of ${credentials.principal.arn}`, value: credentials.secretAccessKey },
      { name: `AWS session token of ${credentials.principal.arn}`, value: credentials.sessionToken! },
    ]);
  return [...configured.flatMap(([name, value]) => (value ? [{ name, value }] : [])), ...sessions];
}
