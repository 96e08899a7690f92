// The composition root: builds every adapter from the configuration and hands the use cases their context.
import { randomBytes } from 'node:crypto';
import { WebClient, type WebClientOptions } from '@slack/web-api';
import { Queue, type QueueOptions, type Telemetry } from 'bullmq';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { AssumedRoleCredentials } from '../aws/assumed-role-credentials.js';
import { type AwsClientSettings, AwsClients } from '../aws/aws-clients.js';
import { AwsOrganizationInspector } from '../aws/aws-organization-inspector.js';
import { OrganizationsAccountDirectory } from '../aws/organizations-account-directory.js';
import { SsmAutomationGateway } from '../aws/ssm-automation-gateway.js';
import { SsmChangeCalendar } from '../aws/ssm-change-calendar.js';
import { SsmPatchCompliance } from '../aws/ssm-patch-compliance.js';
import { SsmRunbookCatalog } from '../aws/ssm-runbook-catalog.js';
import { SsmTargetReadiness } from '../aws/ssm-target-readiness.js';
import type { Config } from '../config/load-config.js';
import { DEFAULT_ROOM_BACKOFF, type RoomBackoff } from '../core/run/room-wait.js';
import type { PollIntervals } from '../core/tracking/next-poll-delay.js';
import type { AcceptedAutomationEvent } from '../http/aws-events-route.js';
import { eventInbox } from '../jobs/bull-event-inbox.js';
import { BullWorkScheduler } from '../jobs/bull-work-scheduler.js';
import { BullComplianceRefresh, complianceQueue } from '../jobs/compliance-refresh.js';
import {
  type ExpiryJobData,
  type PollJobData,
  QueueName,
  queuePrefixFor,
  type StartJobData,
} from '../jobs/queue-names.js';
import { awsCallMetrics } from '../metrics/aws-call-metrics.js';
import { createMetricsRegistry } from '../metrics/create-metrics-registry.js';
import { registerOutboxGauges } from '../metrics/outbox-gauges.js';
import { PollLag } from '../metrics/poll-lag.js';
import { registerQueueGauges } from '../metrics/queue-gauges.js';
import { slackCallMetrics } from '../metrics/slack-call-metrics.js';
import { registerStoreGauges } from '../metrics/store-gauges.js';
import type { RunDraftStore } from '../ports.js';
import { boltLogger } from '../slack/bolt-logger.js';
import { HomeRefresher } from '../slack/home/home-refresher.js';
import { publishHome } from '../slack/home/publish-home.js';
import type { DoctorServices } from '../slack/listeners/slack-listener-context.js';
import type { DeliverySettings } from '../slack/outbox/decide-delivery.js';
import { outboxKeys } from '../slack/outbox/outbox-keys.js';
import { OUTBOX_QUEUE_NAME, type OutboxJobData } from '../slack/outbox/outbox-queue.js';
import { OutboxStore } from '../slack/outbox/outbox-store.js';
import { RedisSlackOutbox } from '../slack/outbox/redis-slack-outbox.js';
import { createFirstDeliveryWebClient, SlackMessages } from '../slack/outbox/slack-messages.js';
import { runMessageLink } from '../slack/run-message-link.js';
import { SlackChangeNotifier } from '../slack/slack-change-notifier.js';
import { SlackChannelMembers } from '../slack/slack-channel-members.js';
import { SlackComplianceFiles } from '../slack/slack-compliance-files.js';
import { SlackPeopleDirectory } from '../slack/slack-people-directory.js';
import { SlackReadinessInspector } from '../slack/slack-readiness-inspector.js';
import { SlackRunNotifier } from '../slack/slack-run-notifier.js';
import { RedisAuditLog } from '../store/redis-audit-log.js';
import { RedisChangeStore } from '../store/redis-change-store.js';
import { RedisComplianceCache } from '../store/redis-compliance-cache.js';
import type { RedisClient } from '../store/redis-connection.js';
import { closeRedis, createRedisConnection } from '../store/redis-connection.js';
import { RedisExecutionTracker } from '../store/redis-execution-tracker.js';
import { RedisRunDraftStore } from '../store/redis-run-draft-store.js';
import { RedisRunStarts } from '../store/redis-run-starts.js';
import { DEFAULT_KEY_PREFIX, RedisRunStore } from '../store/redis-run-store.js';
import type { ComplianceServices } from '../use-cases/compliance-services.js';
import type { RunContext } from '../use-cases/run-context.js';
import { doctorSettingsFromConfig } from './doctor-settings-from-config.js';
import { refreshComplianceAfterPatchRuns } from './refresh-compliance-after-patch.js';
import { runSettingsFromConfig } from './run-settings-from-config.js';

const DAY_SECONDS = 24 * 3600;
export interface BotServiceOverrides {
  /** Explicit AWS credentials (tests, the demo); default: the SDK's chain. */
  awsCredentials?: AwsClientSettings['credentials'];
  /** Redis key and BullMQ prefix, so several bots (tests) can share one Redis. */
  keyPrefix?: string;
  now?: () => Date;
  /** Faster polling (tests, the demo). */
  pollIntervals?: PollIntervals;
  /** A faster backoff for children waiting for room (tests); default DEFAULT_ROOM_BACKOFF with the configured cap. */
  roomBackoff?: RoomBackoff;
  /** The outbox's pause between edits of one message (default 3 s); tests shorten it. */
  editIntervalMs?: number;
  /** BullMQ's OpenTelemetry add-on when the process traces (src/telemetry/); none by default. */
  queueTelemetry?: Telemetry;
}

export interface BotServices {
  context: RunContext & { drafts: RunDraftStore };
  /** `/ssm doctor`: the organization readiness check. */
  doctor: DoctorServices;
  /** `/ssm compliance`, its buttons and the scheduled refresh. */
  compliance: ComplianceServices;
  redis: RedisClient;
  slackClientOptions: WebClientOptions;
  /** BullMQ's prefix for queues and workers, and the prefix of the bot's own Redis keys. */
  queuePrefix: string;
  keyPrefix: string;
  /** Where POST /aws/events stores what EventBridge delivered. */
  eventInbox: (event: AcceptedAutomationEvent) => Promise<void>;
  /** Settings the outbox worker must share with the outbox. */
  outboxSettings: Partial<DeliverySettings>;
  /** How long an outbox record outlives its last change (RETENTION_DAYS), for the worker's outbox too. */
  outboxRetentionSeconds: number;
  /** What the workers pass BullMQ to trace jobs, when the process traces: their spans continue the queues'. */
  queueTelemetry?: Telemetry;
  /** Every BullMQ queue the bot and its workers use (for readiness and the queue gauges). */
  queues: readonly Queue[];
  /** What /metrics serves, and the poll recorder the poll worker reports to. */
  metrics: { registry: Registry; pollLag: PollLag };
  /** Closes the queues, then QUITs Redis. */
  close(): Promise<void>;
  /** Drops the Redis connection and AWS sockets at once, waiting for nothing: when `close` takes too long. */
  forceClose(): void;
}

export function createBotServices(
  config: Config,
  logger: Logger,
  overrides: BotServiceOverrides = {},
): BotServices {
  const settings = {
    ...runSettingsFromConfig(config),
    pollIntervals: overrides.pollIntervals ?? {
      quickMs: config.env.POLL_INTERVAL_MS,
      slowMs: Math.max(config.env.POLL_INTERVAL_MS, config.env.POLL_MAX_INTERVAL_MS),
    },
    notificationsChannel: config.file.slack.channels.notifications,
    roomBackoff: overrides.roomBackoff ?? {
      ...DEFAULT_ROOM_BACKOFF,
      maxWaitMs: config.env.FAN_OUT_MAX_QUEUED_MINUTES * 60_000,
    },
  };
  const keyPrefix = overrides.keyPrefix ?? DEFAULT_KEY_PREFIX;
  const queuePrefix = queuePrefixFor(keyPrefix);
  const redis = createRedisConnection(config.env.redis);
  redis.on('error', (error) => logger.warn({ err: error }, 'Redis connection error'));

  // Instruments go into the clients here, so every AWS and Slack call of the process is counted.
  const registry = createMetricsRegistry();
  const aws = new AwsClients({
    homeRegion: settings.homeRegion,
    endpoint: config.env.AWS_ENDPOINT_URL,
    credentials: overrides.awsCredentials,
    plugins: [awsCallMetrics(registry)],
  });
  const roles = new AssumedRoleCredentials(aws, { sessionName: 'ssm-chatops' });
  const slackClientOptions: WebClientOptions = {
    ...(config.env.SLACK_API_URL && { slackApiUrl: withTrailingSlash(config.env.SLACK_API_URL) }),
    logger: boltLogger(logger),
    fetch: slackCallMetrics(registry),
  };
  const slack = new WebClient(config.env.SLACK_BOT_TOKEN, slackClientOptions);
  const queueTelemetry = overrides.queueTelemetry;
  const queueOptions: QueueOptions = {
    connection: redis,
    prefix: queuePrefix,
    ...(queueTelemetry && { telemetry: queueTelemetry }),
  };
  const queues = {
    poll: new Queue<PollJobData>(QueueName.pollLocation, queueOptions),
    start: new Queue<StartJobData>(QueueName.startChildren, queueOptions),
    expiry: new Queue<ExpiryJobData>(QueueName.changeExpiry, queueOptions),
    outbox: new Queue<OutboxJobData>(OUTBOX_QUEUE_NAME, queueOptions),
    events: new Queue<AcceptedAutomationEvent>(QueueName.automationEvents, queueOptions),
    compliance: complianceQueue(queueOptions),
  };
  // A queue re-emits its connection's errors; with no listener BullMQ prints them to stderr. The connection's
  // own listener above logs each one already.
  for (const queue of Object.values(queues)) {
    queue.on('error', (error) => logger.debug({ err: error, queue: queue.name }, 'queue connection error'));
  }
  const outboxSettings: Partial<DeliverySettings> =
    overrides.editIntervalMs === undefined ? {} : { editIntervalMs: overrides.editIntervalMs };
  const firstDeliveries = new SlackMessages(
    createFirstDeliveryWebClient(config.env.SLACK_BOT_TOKEN, slackClientOptions),
  );
  const outbox = new RedisSlackOutbox(redis, queues.outbox, firstDeliveries, {
    keyPrefix,
    retentionSeconds: config.env.RETENTION_DAYS * DAY_SECONDS,
    settings: outboxSettings,
    onDelivery: (event) => {
      if (event.kind === 'rate-limited')
        logger.warn({ ...event, error: 'ratelimited' }, 'Slack rate-limited a first delivery');
      else if (event.kind === 'faulted')
        logger.warn(event, 'a first delivery to Slack failed; the outbox retries it');
    },
  });
  const { policies, approvalTemplates } = config.file;
  const operators = config.file.slack.operators;
  // Only the groups the config names matter: policies, operators, approvers and who may raise emergencies.
  const namedGroups = [
    ...policies.flatMap((rule) => rule.when?.userGroups ?? []),
    ...operators.userGroups,
    ...approvalTemplates.flatMap((template) => [
      ...template.levels.flatMap((level) => level.approvers.userGroups ?? []),
      ...(template.emergency?.userGroups ?? []),
    ]),
  ];
  const now = overrides.now ?? (() => new Date());
  const tracker = new RedisExecutionTracker(redis, keyPrefix);
  registerStoreGauges(registry, redis, keyPrefix);
  registerQueueGauges(registry, Object.values(queues), redis);
  registerOutboxGauges(registry, queues.outbox, redis, keyPrefix);
  const pollLag = new PollLag(registry, {
    redis,
    keyPrefix,
    locations: () => tracker.locations(),
    onError: (error) => logger.debug({ err: error }, 'recording a poll for the poll-lag metrics failed'),
  });

  const people = new SlackPeopleDirectory(slack, [...new Set(namedGroups)]);
  // App Home: the people a change or a run's end concerns get their Home republished (home-refresher.ts).
  const runLinks = runMessageLink(new OutboxStore(redis, outboxKeys(keyPrefix)), slack, logger);
  const homes = new HomeRefresher({ logger, membersOf: (group) => people.membersOf(group) });
  const awsRoles = {
    fanOutRoleName: config.file.aws.fanOutRoleName,
    readRoleName: config.file.aws.readRoleName,
    externalId: config.file.aws.externalId,
  };
  const automation = new SsmAutomationGateway(aws, roles, awsRoles);
  const complianceRefresh = new BullComplianceRefresh(queues.compliance);
  const context: BotServices['context'] = {
    runs: new RedisRunStore(redis, { prefix: keyPrefix, retentionDays: config.env.RETENTION_DAYS }),
    starts: new RedisRunStarts(redis, keyPrefix, now),
    drafts: new RedisRunDraftStore(redis, keyPrefix),
    catalog: new SsmRunbookCatalog(aws),
    accounts: new OrganizationsAccountDirectory(aws),
    automation,
    // The same credentials cache as the gateway: a preview's AssumeRole warms the start that follows it.
    readiness: new SsmTargetReadiness(aws, roles, () => automation.homeAccountId(), awsRoles),
    people,
    channelMembers: new SlackChannelMembers(slack),
    notifier: refreshComplianceAfterPatchRuns(
      homes.watchRuns(
        new SlackRunNotifier(outbox, now, {
          groupRepliesAbove: settings.groupRepliesAbove,
          messageLink: runLinks,
        }),
      ),
      complianceRefresh,
      config.file.compliance.patchRunbook,
      logger,
    ),
    scheduler: new BullWorkScheduler(queues, redis, keyPrefix),
    tracker,
    policies,
    operators,
    settings,
    now,
    randomBytes: (size) => randomBytes(size),
    audit: new RedisAuditLog(redis, {
      logger,
      prefix: keyPrefix,
      ...(config.env.AUDIT_MAX_ENTRIES !== undefined && { maxEntries: config.env.AUDIT_MAX_ENTRIES }),
    }),
    log: logger,
    approvals: {
      templates: approvalTemplates,
      changes: new RedisChangeStore(redis, { prefix: keyPrefix, retentionDays: config.env.RETENTION_DAYS }),
      calendar: new SsmChangeCalendar(aws),
      notifier: homes.watchChanges(new SlackChangeNotifier(outbox, runLinks)),
      defaultChannel: config.file.slack.channels.approvals,
    },
  };
  const doctorConfig = doctorSettingsFromConfig(config);
  const doctor: DoctorServices = {
    newCheck: () => ({
      inspector: new AwsOrganizationInspector(
        aws,
        new AssumedRoleCredentials(aws, { sessionName: 'ssm-chatops-doctor', maxRoles: 10_000 }),
        doctorConfig.settings,
      ),
      directory: context.accounts,
      slack: new SlackReadinessInspector(slack),
      settings: doctorConfig.settings,
    }),
    request: {
      regions: doctorConfig.regions,
      calendars: doctorConfig.calendars,
      channels: doctorConfig.channels,
    },
    outbox,
  };
  const compliance: ComplianceServices = {
    reader: new SsmPatchCompliance(aws, roles, () => automation.homeAccountId(), {
      readRoleName: awsRoles.readRoleName,
      externalId: awsRoles.externalId,
      accountsAtOnce: config.file.compliance.accountsAtOnce,
    }),
    cache: new RedisComplianceCache(redis, keyPrefix),
    refresh: complianceRefresh,
    files: new SlackComplianceFiles(outbox),
    settings: {
      refreshEveryMs: config.file.compliance.refreshEveryMinutes * 60_000,
      patchRunbook: config.file.compliance.patchRunbook,
    },
  };
  homes.publishWith((userId) => publishHome({ run: context, compliance }, slack, { userId }));
  return {
    context,
    doctor,
    compliance,
    redis,
    slackClientOptions,
    queuePrefix,
    keyPrefix,
    outboxSettings,
    outboxRetentionSeconds: config.env.RETENTION_DAYS * DAY_SECONDS,
    ...(queueTelemetry && { queueTelemetry }),
    queues: Object.values(queues),
    metrics: { registry, pollLag },
    eventInbox: eventInbox(queues.events),
    close: async () => {
      homes.close();
      await Promise.all(Object.values(queues).map((queue) => queue.close()));
      aws.destroy();
      await closeRedis(redis);
    },
    forceClose: () => {
      // disconnect(), not quit(): QUIT waits in the offline queue for a Redis that may not come back, and only
      // disconnect() stops the reconnect timer that would keep the process alive. The queues share this client.
      redis.disconnect();
      aws.destroy();
    },
  };
}

/** WebClient joins method names onto the URL as given: `http://host/api` would lose its last segment. */
const withTrailingSlash = (url: string) => (url.endsWith('/') ? url : `${url}/`);
