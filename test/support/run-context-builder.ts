// The run flows' context for use-case tests: the memory stores, a fake clock, deterministic ids and recording
// ports, over the sandbox organization and runbooks. AWS is not called unless a test passes real adapters
// (test/support/sandbox-aws.ts) or a fake of its own.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { z } from 'zod';
import type { ChangeTemplate } from '../../src/core/approval/change-template-schema.js';
import { type PolicyRule, policyRuleSchema } from '../../src/core/policy/policy-schema.js';
import { parseRunbookContent } from '../../src/core/runbook/parse-runbook-content.js';
import { createLogger } from '../../src/logging/logger.js';
import type {
  AccountDirectory,
  AutomationGateway,
  ChangeCalendar,
  PeopleDirectory,
  RunbookCatalog,
  TargetReadiness,
} from '../../src/ports.js';
import { MemoryAuditLog } from '../../src/store/memory-audit-log.js';
import { MemoryChangeStore } from '../../src/store/memory-change-store.js';
import { MemoryExecutionTracker } from '../../src/store/memory-execution-tracker.js';
import { MemoryRunDraftStore } from '../../src/store/memory-run-draft-store.js';
import { MemoryRunStarts } from '../../src/store/memory-run-starts.js';
import { MemoryRunStore } from '../../src/store/memory-run-store.js';
import type {
  ApprovalServices,
  Operators,
  RunContext,
  RunSettings,
} from '../../src/use-cases/run-context.js';
import { GROUPS, PEOPLE } from './approval-builders.js';
import { FixedTargetReadiness } from './fixed-target-readiness.js';
import { MemoryChannelMembers } from './memory-channel-members.js';
import { anOrganization, HOME_ACCOUNT_ID } from './organization-builder.js';
import {
  RecordingChangeNotifier,
  RecordingFlowLog,
  RecordingRunNotifier,
  RecordingWorkScheduler,
} from './recording-ports.js';

/** When every use-case test starts, unless it says otherwise. */
export const START = new Date('2026-06-02T01:30:00.000Z');

/** Time that moves only when a test moves it. */
export class FakeClock {
  private ms: number;

  constructor(start: Date = START) {
    this.ms = start.getTime();
  }

  readonly now = (): Date => new Date(this.ms);

  advance(ms: number): void {
    this.ms += ms;
  }

  set(at: Date | string): void {
    this.ms = new Date(at).getTime();
  }
}

/** Bytes from a counter: each call differs from the last, and every test run sees the same sequence. */
export function sequentialBytes(seed = 1): (size: number) => Uint8Array {
  let next = seed;
  return (size) => Uint8Array.from({ length: size }, () => next++ % 256);
}

/** A policy rule as the config file writes it, parsed so defaults apply (`runbooks: ['*']` unless told). */
export function aPolicy(fields: Partial<z.input<typeof policyRuleSchema>> & { name: string }): PolicyRule {
  return policyRuleSchema.parse({ runbooks: ['*'], ...fields });
}

/** The emulator workspace's user groups (fixtures/slack/workspace.yml). */
const WORKSPACE_GROUPS: Record<string, string[]> = {
  [GROUPS.sreLeads]: [PEOPLE.bob, PEOPLE.carol],
  [GROUPS.security]: [PEOPLE.dave],
  [GROUPS.platform]: [PEOPLE.requester, PEOPLE.erin],
};

export const workspacePeople: PeopleDirectory = {
  userGroupIds: async (userId) =>
    Object.entries(WORKSPACE_GROUPS)
      .filter(([, users]) => users.includes(userId))
      .map(([group]) => group),
};

const RUNBOOKS_DIR = 'fixtures/sandbox/runbooks';

/** The sandbox's runbooks, read from their fixture files; `describe` counts its calls. */
export function fixtureCatalog(): RunbookCatalog & { described: string[] } {
  const described: string[] = [];
  return {
    described,
    list: async () =>
      readdirSync(RUNBOOKS_DIR)
        .filter((file) => file.endsWith('.yml'))
        .sort()
        .map((file) => ({ name: file.slice(0, -'.yml'.length) })),
    describe: async (name) => {
      described.push(name);
      const path = `${RUNBOOKS_DIR}/${name}.yml`;
      if (!/^[\w.-]+$/.test(name) || !existsSync(path)) return undefined;
      const parsed = parseRunbookContent(name, readFileSync(path, 'utf8'), 'YAML');
      if (!parsed.ok) throw new Error(parsed.message);
      return parsed.runbook;
    },
  };
}

/** Only the home account is known; anything that would reach AWS fails the test that did not expect it. */
export const homeOnlyAutomation: AutomationGateway = {
  homeAccountId: async () => HOME_ACCOUNT_ID,
  startMultiAccount: notFaked('startMultiAccount'),
  startInAccount: notFaked('startInAccount'),
  stop: notFaked('stop'),
  describe: notFaked('describe'),
  describeExecutions: notFaked('describeExecutions'),
};

function notFaked(what: string) {
  return async (): Promise<never> => {
    throw new Error(`run context builder: automation.${what} was called but the test gave no AWS`);
  };
}

export const openCalendar: ChangeCalendar = {
  state: async (calendars) => ({ state: 'OPEN', calendars: [...calendars] }),
  outlook: async (calendar) => ({ calendar, state: 'OPEN' }),
};

export const DEFAULT_SETTINGS: RunSettings = {
  homeRegion: 'ap-northeast-1',
  enabledRegions: ['ap-northeast-1', 'us-east-1'],
  defaultRegions: ['ap-northeast-1'],
  defaultMode: 'multi-account',
  modeByRunbook: {},
  defaultConcurrency: { kind: 'count', value: 10 },
  defaultMaxErrors: { kind: 'count', value: 0 },
  administrationRoleName: 'AWS-SystemsManager-AutomationAdministrationRole',
  executionRoleName: 'AWS-SystemsManager-AutomationExecutionRole',
  pollIntervals: { quickMs: 5_000, slowMs: 60_000 },
};

export interface RunContextOverrides {
  automation?: AutomationGateway;
  /** Default: every target ready. */
  readiness?: TargetReadiness;
  accounts?: AccountDirectory;
  catalog?: RunbookCatalog;
  people?: PeopleDirectory;
  /** Slack's channel memberships, by channel. Default: none known. */
  channelMembers?: Record<string, string[]>;
  /** Default: the platform group may run anything anywhere. */
  policies?: PolicyRule[];
  operators?: Operators;
  /** Merged into DEFAULT_SETTINGS. */
  settings?: Partial<RunSettings>;
  /** Default: none, so no run is governed. */
  templates?: ChangeTemplate[];
  calendar?: ChangeCalendar;
  approvalsChannel?: string;
  start?: Date;
}

/** A RunContext whose parts tests can look into: the memory stores and recording ports by their own types. */
export interface TestRunContext extends RunContext {
  runs: MemoryRunStore;
  starts: MemoryRunStarts;
  drafts: MemoryRunDraftStore;
  tracker: MemoryExecutionTracker;
  audit: MemoryAuditLog;
  channelMembers: MemoryChannelMembers;
  scheduler: RecordingWorkScheduler;
  notifier: RecordingRunNotifier;
  log: RecordingFlowLog;
  approvals: ApprovalServices & { changes: MemoryChangeStore; notifier: RecordingChangeNotifier };
  clock: FakeClock;
}

export function aRunContext(overrides: RunContextOverrides = {}): TestRunContext {
  const clock = new FakeClock(overrides.start);
  return {
    runs: new MemoryRunStore(),
    starts: new MemoryRunStarts(clock.now),
    drafts: new MemoryRunDraftStore(),
    catalog: overrides.catalog ?? fixtureCatalog(),
    accounts: overrides.accounts ?? { organization: async () => anOrganization() },
    automation: overrides.automation ?? homeOnlyAutomation,
    readiness: overrides.readiness ?? new FixedTargetReadiness(),
    people: overrides.people ?? workspacePeople,
    channelMembers: new MemoryChannelMembers(overrides.channelMembers),
    notifier: new RecordingRunNotifier(),
    scheduler: new RecordingWorkScheduler(),
    tracker: new MemoryExecutionTracker(),
    policies: overrides.policies ?? [
      aPolicy({ name: 'platform-anything', when: { userGroups: [GROUPS.platform] } }),
    ],
    operators: overrides.operators ?? { users: [PEOPLE.erin], userGroups: [] },
    settings: { ...DEFAULT_SETTINGS, ...overrides.settings },
    now: clock.now,
    randomBytes: sequentialBytes(),
    audit: new MemoryAuditLog({ logger: createLogger({ level: 'silent' }), now: clock.now }),
    approvals: {
      templates: overrides.templates ?? [],
      changes: new MemoryChangeStore(),
      calendar: overrides.calendar ?? openCalendar,
      notifier: new RecordingChangeNotifier(),
      defaultChannel: overrides.approvalsChannel ?? 'C0APPROVE1',
    },
    log: new RecordingFlowLog(),
    clock,
  };
}
