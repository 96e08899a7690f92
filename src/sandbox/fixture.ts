// The sandbox fixture: one YAML file that describes the organization, identities, roles, runbooks,
// calendars, throttling and faults. Parsed once, with errors that name the key.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

const accountId = z.string().regex(/^\d{12}$/, 'must be a 12-digit account id');
const region = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be a region name such as us-east-1');

export const organizationalUnitSchema = z.object({
  id: z.string().regex(/^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/, 'must look like ou-abcd-12345678'),
  name: z.string().min(1),
  parent: z.string().min(1).describe('id of the root or OU that contains this OU'),
});

export const accountSchema = z.object({
  id: accountId,
  name: z.string().min(1),
  email: z.string().email(),
  parent: z.string().min(1).describe('id of the root or OU that contains this account'),
  status: z.enum(['ACTIVE', 'SUSPENDED', 'PENDING_CLOSURE']).default('ACTIVE'),
  joined: z.coerce.date().default(new Date('2024-04-01T00:00:00Z')),
  regions: z.array(region).optional().describe('enabled regions; defaults to the organization regions'),
});

export const trustSchema = z.object({
  principal: z
    .string()
    .min(1)
    .describe('an account root ARN, a role ARN, a user ARN, or a service such as ssm.amazonaws.com'),
  externalId: z.string().optional(),
});

export const roleSchema = z.object({
  name: z.string().min(1),
  accounts: z
    .union([z.array(accountId), z.literal('all'), z.literal('members')])
    .describe('where the role exists: listed ids, every account, or every account but the home one'),
  except: z.array(accountId).default([]),
  trust: z.array(trustSchema).min(1),
  maxSessionDurationSeconds: z.number().int().min(3600).max(43200).default(3600),
});

export const documentSimulationSchema = z.object({
  steps: z
    .record(
      z.string(),
      z.object({
        durationSeconds: z.number().nonnegative().optional(),
        outputs: z.record(z.string(), z.unknown()).optional(),
        failure: z.string().optional().describe('when set, the step always fails with this message'),
      }),
    )
    .default({}),
});

export const runbookSchema = z.object({
  file: z.string().min(1).describe('path of the runbook YAML, relative to the fixture'),
  name: z.string().min(1),
  owner: z.enum(['Amazon', 'Self']).default('Self'),
  accounts: z.union([z.array(accountId), z.literal('all')]).default('all'),
  simulation: documentSimulationSchema.default({ steps: {} }),
});

export const calendarSchema = z.object({
  name: z.string().min(1),
  account: accountId,
  defaultState: z.enum(['OPEN', 'CLOSED']),
  events: z
    .array(
      z.object({
        summary: z.string().min(1),
        start: z.coerce.date(),
        end: z.coerce.date(),
      }),
    )
    .default([]),
});

/** Counts of patches one managed instance is missing, as Patch Manager's last scan reported them. */
export const missingPatchesSchema = z.object({
  count: z.number().int().positive().default(1).describe('how many instances in this place look like this'),
  missing: z.number().int().nonnegative().describe('MissingCount: applicable patches not installed'),
  critical: z.number().int().nonnegative().default(0).describe('CriticalNonCompliantCount'),
  security: z.number().int().nonnegative().default(0).describe('SecurityNonCompliantCount'),
  failed: z.number().int().nonnegative().default(0).describe('FailedCount'),
});

/** Managed instances in one account × region, with their patch states (Systems Manager Compliance, Patch). */
export const managedInstancesSchema = z.object({
  account: accountId,
  region,
  compliant: z.number().int().nonnegative().default(0).describe('instances with every patch installed'),
  nonCompliant: z.array(missingPatchesSchema).default([]),
  installed: z.number().int().nonnegative().default(120).describe('InstalledCount of every instance'),
  scannedHoursAgo: z.number().nonnegative().default(6).describe('when the last Scan ended'),
});

export const faultRuleSchema = z.object({
  id: z.string().optional(),
  kind: z.enum(['api-error', 'api-latency', 'step-failure']),
  service: z.string().optional(),
  operation: z.string().optional(),
  accountId: accountId.optional(),
  region: region.optional(),
  documentName: z.string().optional(),
  stepName: z.string().optional(),
  errorCode: z.string().optional(),
  httpStatus: z.number().int().min(400).max(599).optional(),
  message: z.string().optional(),
  stepStatus: z.enum(['Failed', 'TimedOut']).optional(),
  delayMs: z.number().int().nonnegative().optional(),
  probability: z.number().min(0).max(1).default(1),
  remaining: z
    .number()
    .int()
    .positive()
    .optional()
    .describe('how many times the rule fires; unlimited when absent'),
});

export const rateSchema = z.object({
  ratePerSecond: z.number().positive(),
  burst: z.number().int().positive(),
});

export const fixtureSchema = z.object({
  organization: z.object({
    id: z.string().regex(/^o-[a-z0-9]{10,32}$/, 'must look like o-abcdef1234'),
    managementAccountId: accountId,
    regions: z.array(region).min(1),
    root: z.object({ id: z.string().regex(/^r-[0-9a-z]{4,32}$/), name: z.string().default('Root') }),
    organizationalUnits: z.array(organizationalUnitSchema).default([]),
    accounts: z.array(accountSchema).min(1),
    delegatedAdministrators: z
      .array(accountId)
      .optional()
      .describe(
        'member accounts registered as delegated administrators for Systems Manager (ssm.amazonaws.com), ' +
          'which may therefore read the organization; defaults to the home account',
      ),
    trustedAccess: z
      .array(
        z
          .string()
          .regex(/^[\w.-]+\.amazonaws\.com$/, 'must be a service principal such as ssm.amazonaws.com'),
      )
      .default([])
      .describe('service principals with trusted access to the organization (EnableAWSServiceAccess)'),
  }),
  home: z.object({
    accountId,
    accessKeyId: z.string().min(1),
    secretAccessKey: z.string().min(1),
    arn: z.string().startsWith('arn:aws:iam::'),
  }),
  roles: z.array(roleSchema).default([]),
  runbooks: z.array(runbookSchema).default([]),
  calendars: z.array(calendarSchema).default([]),
  managedInstances: z
    .array(managedInstancesSchema)
    .default([])
    .describe('managed instances and their patch states, per account and region'),
  clock: z
    .object({
      start: z.coerce.date().optional().describe('simulated start time; the real time when absent'),
      scale: z.number().nonnegative().default(1),
    })
    .default({ scale: 1 }),
  throttling: z
    .object({
      enabled: z.boolean().default(true),
      defaults: rateSchema.default({ ratePerSecond: 20, burst: 40 }),
      rates: z.record(z.string(), rateSchema).default({}),
    })
    .default({ enabled: true, defaults: { ratePerSecond: 20, burst: 40 }, rates: {} }),
  automationQuota: z
    .object({
      concurrentExecutions: z
        .number()
        .int()
        .positive()
        .default(100)
        .describe('Automation executions running at once per account and region (AWS: 100)'),
      queuedExecutions: z
        .number()
        .int()
        .nonnegative()
        .default(1000)
        .describe('executions waiting Pending behind them before a start is refused (AWS: 1,000)'),
      stepExecutionsShown: z
        .number()
        .int()
        .positive()
        .default(1000)
        .describe(
          'step executions GetAutomationExecution returns before it sets StepExecutionsTruncated and leaves ' +
            'the rest to DescribeAutomationStepExecutions (AWS does not publish its threshold)',
        ),
    })
    .default({ concurrentExecutions: 100, queuedExecutions: 1000, stepExecutionsShown: 1000 }),
  latencyMs: z.number().int().nonnegative().default(0),
  faults: z.array(faultRuleSchema).default([]),
  seed: z.number().int().default(42).describe('seed of the random source behind probabilistic faults'),
});

export type SandboxFixture = z.infer<typeof fixtureSchema>;
export type FaultRuleSpec = z.infer<typeof faultRuleSchema>;
export type RunbookSpec = z.infer<typeof runbookSchema>;
export type RoleSpec = z.infer<typeof roleSchema>;
export type ManagedInstancesSpec = z.infer<typeof managedInstancesSchema>;

/** A loaded fixture and the folder its relative paths resolve against. */
export interface LoadedFixture {
  fixture: SandboxFixture;
  baseDir: string;
}

export class FixtureError extends Error {
  override readonly name = 'FixtureError';
}

const here = dirname(fileURLToPath(import.meta.url));
/** The fixture that ships with the project (same depth from src/ and dist/). */
export const DEFAULT_FIXTURE_PATH = resolve(here, '../../fixtures/sandbox/organization.yml');

export function loadFixture(path = DEFAULT_FIXTURE_PATH): LoadedFixture {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new FixtureError(`cannot read sandbox fixture ${path}: ${(error as Error).message}`);
  }
  return { fixture: parseFixture(raw, path), baseDir: dirname(path) };
}

export function parseFixture(raw: unknown, source = 'fixture'): SandboxFixture {
  const result = fixtureSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new FixtureError(`invalid sandbox fixture ${source}:\n${problems.join('\n')}`);
  }
  return result.data;
}
