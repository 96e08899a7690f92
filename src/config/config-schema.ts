// The documented shape of the configuration: environment variables and the optional YAML file.
import { z } from 'zod';
import { approvalTemplatesSchema } from '../core/approval/change-template-schema.js';
import { parseRateLimit, type RateLimitKind } from '../core/command/rate-limit-grammar.js';
import { checkPolicyReferences } from '../core/policy/check-policy-references.js';
import {
  isRecord,
  policiesSchema,
  slackUserGroupIdSchema,
  slackUserIdSchema,
} from '../core/policy/policy-schema.js';
import { parseClusterNodes, parseRedisUrl, redactRedisUrl } from './redis-target.js';

/** Where Redis is when neither REDIS_URL nor REDIS_CLUSTER_NODES says. */
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

const region = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'is not a region name such as us-east-1');
const roleName = z.string().regex(/^[\w+=,.@-]{1,64}$/, 'is not an IAM role name');
const runMode = z.enum(['multi-account', 'fan-out']);
/** By the command's grammar (`--concurrency`, `--max-errors`): "10" or "25%", within SSM's bounds. YAML's 10 counts too. */
const rateLimit = (kind: RateLimitKind) =>
  z.union([z.string(), z.number().transform(String)]).transform((text, ctx) => {
    const parsed = parseRateLimit(text, kind);
    if (parsed.ok) return parsed.limit;
    ctx.issues.push({ code: 'custom', message: parsed.problem, input: text });
    return z.NEVER;
  });
const port = z
  .string()
  .regex(/^\d{1,5}$/, 'must be a port number (0-65535)')
  .transform(Number)
  .refine((value) => value <= 65535, 'must be a port number (0-65535)');

/** Hosts an http:// endpoint may name: only a sandbox on this machine can call them, AWS never can. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);
const HTTPS_ONLY =
  'must be an https:// URL: AWS API destinations require HTTPS (plain http:// only for a loopback host, ' +
  '127.0.0.1, ::1 or localhost, which only a local `ssm-chatops sandbox --allow-http-api-destinations` calls)';
/** Where EventBridge's API destination POSTs: https, as AWS requires; http only for a local sandbox. */
const eventsEndpointUrl = z.url({ protocol: /^https?$/, error: HTTPS_ONLY }).refine((text) => {
  // Judges http:// URLs only: z.url has already refused anything that is not an http(s) URL.
  const url = URL.canParse(text) ? new URL(text) : undefined;
  return url?.protocol !== 'http:' || LOOPBACK_HOSTS.has(url.hostname);
}, HTTPS_ONLY);

/** Settings that come from the environment (12-factor), with the conventional names. */
const environmentFields = z.object({
  SLACK_BOT_TOKEN: z
    .string()
    .startsWith('xoxb-', 'must be a bot token (xoxb-…)')
    .optional()
    .describe('Slack bot token'),
  SLACK_SIGNING_SECRET: z
    .string()
    .min(8, 'is too short for a signing secret')
    .optional()
    .describe('Slack signing secret'),
  SLACK_APP_TOKEN: z
    .string()
    .startsWith('xapp-', 'must be an app-level token (xapp-…)')
    .optional()
    .describe('Slack app-level token; when set the bot uses Socket Mode'),
  SLACK_API_URL: z.url().optional().describe('Slack Web API base URL, e.g. the local emulator'),
  PORT: port.default(3000).describe('HTTP port of the bot'),
  HOST: z
    .string()
    .min(1)
    .default('0.0.0.0')
    .describe('address the bot listens on: 0.0.0.0 in a container, 127.0.0.1 behind a local proxy'),
  METRICS_PORT: port
    .default(9464)
    .describe(
      "HTTP port of the worker's /metrics (Prometheus), /livez and /readyz, on HOST; the bot serves them on PORT",
    ),
  REDIS_URL: z
    .string()
    .transform((text, ctx) => {
      const parsed = parseRedisUrl(text);
      if (parsed.ok) return text;
      // Shown with any password masked.
      ctx.issues.push({ code: 'custom', message: parsed.problem, input: redactRedisUrl(text) });
      return z.NEVER;
    })
    .optional()
    .describe(
      `one Redis (redis://, rediss:// for TLS; default ${DEFAULT_REDIS_URL}) or a Redis Cluster ` +
        '(redis+cluster://[user:password@]host:port[,host:port…], rediss+cluster:// for TLS)',
    ),
  REDIS_CLUSTER_NODES: z
    .string()
    .transform((text, ctx) => {
      const parsed = parseClusterNodes(text);
      if (parsed.ok) return text;
      ctx.issues.push({ code: 'custom', message: parsed.problem, input: text });
      return z.NEVER;
    })
    .optional()
    .describe(
      'seed nodes of a Redis Cluster without TLS or password, host:port[,host:port…], instead of REDIS_URL',
    ),
  AWS_REGION: region.optional().describe('home region of the bot'),
  AWS_ENDPOINT_URL: z.url().optional().describe('AWS endpoint override, e.g. the sandbox'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  POLL_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(10)
    .max(600_000)
    .default(2_000)
    .describe('how soon a place is polled again after something moved there'),
  POLL_MAX_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(10)
    .max(3_600_000)
    .default(30_000)
    .describe('the longest wait between polls while nothing moves (an EventBridge event cuts it short)'),
  WORKER_LOCK_MS: z.coerce
    .number()
    .int()
    .min(1000, 'must be at least 1000 (ms)')
    .max(600_000, 'must be at most 600000 (ms)')
    .default(30_000)
    .describe(
      "how long a worker's job stays locked: a killed worker's jobs are taken over after about this long",
    ),
  SHUTDOWN_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100, 'must be at least 100 (ms)')
    .max(600_000, 'must be at most 600000 (ms)')
    .default(10_000)
    .describe(
      'how long bot, worker and start may take to stop in order on SIGTERM/SIGINT; after that they drop ' +
        'their connections and exit 1 (a Redis outage would otherwise hold them for as long as it lasts)',
    ),
  FAN_OUT_MAX_QUEUED_MINUTES: z.coerce
    .number()
    .int('must be a whole number of minutes')
    .min(1, 'must be at least 1 (minutes)')
    .max(10_080, 'must be at most 10080 (minutes, a week)')
    .default(360)
    .describe(
      'how long fan-out children may wait for room in SSM (its concurrency quota or start rate) with no start succeeding before the refused ones are reported failed',
    ),
  RETENTION_DAYS: z.coerce
    .number()
    .int('must be a whole number of days')
    .min(1, 'must be at least 1 (days)')
    .max(3650, 'must be at most 3650 (days)')
    .default(30)
    .describe('how long a finished run stays in Redis (readable by /ssm status) before it expires'),
  AUDIT_MAX_ENTRIES: z.coerce
    .number()
    .int('must be a whole number')
    .min(1000, 'must be at least 1000 (entries)')
    .optional()
    .describe(
      'keep about this many newest audit entries (XADD MAXLEN ~); unset, the audit trail is never trimmed',
    ),
  NODE_ENV: z.string().optional(),
  SSM_CHATOPS_CONFIG: z.string().optional().describe('path of the YAML configuration file'),
  SSM_CHATOPS_EVENTS_SECRET: z
    .string()
    .min(16, 'is too short: use at least 16 characters')
    .max(512, 'is too long: EventBridge connections take at most 512 characters')
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces (it is sent as an HTTP header)')
    .optional()
    .describe(
      'secret EventBridge sends in the events header to POST /aws/events (API destination connection)',
    ),
  SANDBOX_PORT: z.coerce
    .number()
    .int()
    .min(0)
    .max(65535)
    .default(4566)
    .describe('port of `ssm-chatops sandbox`'),
});

/** The environment's settings, and `redis`: the one Redis (or cluster) every connection goes to, from either key. */
export const environmentSchema = environmentFields.transform((env, ctx) => {
  if (env.REDIS_CLUSTER_NODES !== undefined && env.REDIS_URL !== undefined) {
    ctx.issues.push({
      code: 'custom',
      path: ['REDIS_CLUSTER_NODES'],
      input: env.REDIS_CLUSTER_NODES,
      message: 'is set together with REDIS_URL: name the Redis in one of them',
    });
    return z.NEVER;
  }
  const parsed =
    env.REDIS_CLUSTER_NODES !== undefined
      ? parseClusterNodes(env.REDIS_CLUSTER_NODES)
      : parseRedisUrl(env.REDIS_URL ?? DEFAULT_REDIS_URL);
  // Each key was checked on its own above: a failure here is a parser that disagrees with itself.
  if (!parsed.ok) throw new Error(`config: a checked Redis setting did not parse again: ${parsed.problem}`);
  return { ...env, REDIS_URL: env.REDIS_URL ?? DEFAULT_REDIS_URL, redis: parsed.value };
});

/** Organization-facing settings from the YAML file. */
export const fileSchema = z
  .object({
    aws: z
      .object({
        homeRegion: region.optional().describe('region where runs start; defaults to AWS_REGION'),
        regions: z.array(region).default([]).describe('regions runs may target'),
        administrationRoleName: roleName
          .default('AWS-SystemsManager-AutomationAdministrationRole')
          .describe('role in the operations account passed as AutomationAssumeRole in multi-account mode'),
        executionRoleName: roleName
          .default('AWS-SystemsManager-AutomationExecutionRole')
          .describe('role in each member account that multi-account Automation assumes'),
        fanOutRoleName: roleName
          .default('SsmChatOpsExecution')
          .describe('role the bot assumes in fan-out mode'),
        readRoleName: roleName
          .default('SsmChatOpsReadOnly')
          .describe('role the worker assumes to follow executions'),
        externalId: z
          .string()
          .min(2)
          .optional()
          .describe('ExternalId sent when assuming member-account roles'),
      })
      .strict()
      .default({
        regions: [],
        administrationRoleName: 'AWS-SystemsManager-AutomationAdministrationRole',
        executionRoleName: 'AWS-SystemsManager-AutomationExecutionRole',
        fanOutRoleName: 'SsmChatOpsExecution',
        readRoleName: 'SsmChatOpsReadOnly',
      }),
    runs: z
      .object({
        defaultMode: runMode.default('multi-account'),
        modeByRunbook: z.record(z.string(), runMode).default({}).describe('runbook name → mode'),
        defaultRegions: z
          .array(region)
          .default([])
          .describe('regions a run goes to when it names none; default: the home region'),
        defaultConcurrency: rateLimit('concurrency')
          .prefault('10')
          .describe('targets at once when a run does not say (--concurrency)'),
        defaultMaxErrors: rateLimit('max-errors')
          .prefault('0')
          .describe('failed targets tolerated before the rest are skipped (--max-errors)'),
        groupRepliesAbove: z
          .number()
          .int()
          .min(0)
          .max(10_000)
          .default(20)
          .describe(
            "runs with more targets than this get one thread reply per region and 50 accounts, a reply per failure and one failure summary, instead of a reply per target (Slack's pace: about one post per second per channel)",
          ),
      })
      .strict()
      .prefault({}),
    slack: z
      .object({
        channels: z
          .object({
            notifications: z
              .string()
              .optional()
              .describe('channel id for failure threads of runs not started here'),
            approvals: z.string().optional().describe('default channel id for change requests'),
          })
          .strict()
          .default({}),
        operators: z
          .object({
            users: z.array(slackUserIdSchema).default([]).describe('Slack user ids'),
            userGroups: z.array(slackUserGroupIdSchema).default([]).describe('Slack user group ids'),
          })
          .strict()
          .default({ users: [], userGroups: [] })
          .describe("people who may cancel anyone's run"),
      })
      .strict()
      .default({ channels: {}, operators: { users: [], userGroups: [] } }),
    events: z
      .object({
        endpointUrl: eventsEndpointUrl
          .optional()
          .describe(
            "public https:// URL of the bot's POST /aws/events, where the API destination sends events " +
              '(AWS requires HTTPS; http:// only for 127.0.0.1, ::1 or localhost with a local sandbox)',
          ),
        busName: z
          .string()
          .regex(/^[.\-_A-Za-z0-9]{1,256}$/, 'is not an event bus name')
          .default('ssm-chatops')
          .describe(
            'central event bus in the operations account (home region); "default" uses the default bus',
          ),
        headerName: z
          .string()
          .regex(/^[A-Za-z0-9-]{1,64}$/, 'is not an HTTP header name')
          .default('x-ssm-chatops-secret')
          .describe("header that carries SSM_CHATOPS_EVENTS_SECRET (the connection's API key name)"),
        regions: z
          .array(region)
          .default([])
          .describe(
            'regions whose Automation events are forwarded; default: aws.regions (else the home region)',
          ),
        setupRoleName: roleName
          .default('SsmChatOpsEventsSetup')
          .describe('role `events setup` assumes in each member account to put the forwarding rule'),
        forwardRoleName: roleName
          .default('SsmChatOpsEventsForward')
          .describe('role in each member account EventBridge uses to put events on the central bus'),
        invokeRoleName: roleName
          .default('SsmChatOpsEventsInvokeRole')
          .describe('role in the operations account EventBridge uses to invoke the API destination'),
      })
      .strict()
      .default({
        busName: 'ssm-chatops',
        headerName: 'x-ssm-chatops-secret',
        regions: [],
        setupRoleName: 'SsmChatOpsEventsSetup',
        forwardRoleName: 'SsmChatOpsEventsForward',
        invokeRoleName: 'SsmChatOpsEventsInvokeRole',
      })
      .describe('EventBridge delivery of Automation status events to the bot (`ssm-chatops events setup`)'),
    compliance: z
      .object({
        refreshEveryMinutes: z
          .number()
          .int()
          .min(5)
          .max(7 * 24 * 60)
          .default(360)
          .describe(
            'how often the worker reads patch compliance from every account and region (BullMQ job scheduler); answers older than this are shown and refreshed in the background',
          ),
        accountsAtOnce: z
          .number()
          .int()
          .min(1)
          .max(64)
          .default(8)
          .describe('accounts whose compliance is read at once (each assumes the read role)'),
        patchRunbook: z
          .string()
          .regex(/^[A-Za-z0-9_.:/-]{3,128}$/, 'is not an SSM document name')
          .default('Platform-PatchRegionInstances')
          .describe(
            "Automation runbook that 'Patch non-compliant' runs on each non-compliant account × region, through the policy and change-request path",
          ),
      })
      .strict()
      .prefault({})
      .describe('`/ssm compliance` and the App Home compliance card'),
    policies: policiesSchema.default([]).describe('who may run what where; the most specific rule wins'),
    approvalTemplates: approvalTemplatesSchema
      .default([])
      .describe('change templates: approval levels, calendars and emergencies for the runs they govern'),
  })
  .strict()
  // Runs even when the sections have other mistakes, so one start-up reports every mistake at once.
  .superRefine(checkTemplateReferences, {
    when: (payload) =>
      isRecord(payload.value) &&
      Array.isArray(payload.value.policies) &&
      (payload.value.approvalTemplates === undefined || Array.isArray(payload.value.approvalTemplates)),
  });

/** Every policy rule's `approvalTemplate` names a template of `approvalTemplates`. */
function checkTemplateReferences(
  file: { policies: unknown; approvalTemplates: unknown },
  ctx: z.RefinementCtx,
) {
  // Only names worth looking up: an empty name or a template on a deny rule has its own problem already.
  const rules = (file.policies as unknown[]).map((rule) => ({
    approvalTemplate:
      isRecord(rule) &&
      rule.effect !== 'deny' &&
      typeof rule.approvalTemplate === 'string' &&
      rule.approvalTemplate !== ''
        ? rule.approvalTemplate
        : undefined,
  }));
  const names = ((file.approvalTemplates ?? []) as unknown[]).flatMap((template) =>
    isRecord(template) && typeof template.name === 'string' ? [template.name] : [],
  );
  for (const problem of checkPolicyReferences(rules, names)) {
    ctx.addIssue({
      code: 'custom',
      path: ['policies', problem.ruleIndex, 'approvalTemplate'],
      input: problem.template,
      message: problem.reason,
    });
  }
}

export type EnvironmentSettings = z.infer<typeof environmentSchema>;
export type FileSettings = z.infer<typeof fileSchema>;

/** Keys whose values must never be printed. */
export const SECRET_KEYS = new Set([
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'SSM_CHATOPS_EVENTS_SECRET',
]);
