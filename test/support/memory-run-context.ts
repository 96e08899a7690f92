// The run flows' context over the memory stores and small fakes: the sandbox's runbooks and organization, the
// emulator workspace's user groups, a recording scheduler, and the outbox in memory. No Redis, no AWS.
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import { stringify } from 'yaml';
import { runSettingsFromConfig } from '../../src/bot/run-settings-from-config.js';
import { loadConfig } from '../../src/config/load-config.js';
import { parseRunbookContent } from '../../src/core/runbook/parse-runbook-content.js';
import type { ExecutionLocation } from '../../src/core/tracking/tracked-location.js';
import type {
  AutomationGateway,
  PeopleDirectory,
  RunbookCatalog,
  RunDraftStore,
  WorkScheduler,
} from '../../src/ports.js';
import { MemorySlackOutbox } from '../../src/slack/outbox/memory-slack-outbox.js';
import { SlackChangeNotifier } from '../../src/slack/slack-change-notifier.js';
import { SlackRunNotifier } from '../../src/slack/slack-run-notifier.js';
import { MemoryAuditLog } from '../../src/store/memory-audit-log.js';
import { MemoryChangeStore } from '../../src/store/memory-change-store.js';
import { MemoryExecutionTracker } from '../../src/store/memory-execution-tracker.js';
import { MemoryRunDraftStore } from '../../src/store/memory-run-draft-store.js';
import { MemoryRunStore } from '../../src/store/memory-run-store.js';
import type { RunContext } from '../../src/use-cases/run-context.js';
import { anOrganization, HOME_ACCOUNT_ID } from './organization-builder.js';

/** The user groups of the emulator's workspace (fixtures/slack/workspace.yml). */
const WORKSPACE_GROUPS: Record<string, string[]> = {
  S0SRELEADS: ['U0APPROVE1', 'U0APPROVE2'],
  S0SECURITY: ['U0APPROVE3'],
  S0PLATFORM: ['U0REQUEST1', 'U0OPERATE1'],
};

/** The workspace's memberships; counts every lookup, so a test can tell how often a flow asked. */
export class CountingPeopleDirectory implements PeopleDirectory {
  readonly lookups: string[] = [];

  async userGroupIds(userId: string): Promise<string[]> {
    this.lookups.push(userId);
    return Object.entries(WORKSPACE_GROUPS)
      .filter(([, users]) => users.includes(userId))
      .map(([group]) => group);
  }
}

/** Records what the flows asked the worker to do; nothing runs. */
export class RecordingScheduler implements WorkScheduler {
  readonly polls: ExecutionLocation[] = [];
  readonly starts: string[] = [];
  readonly expiries: Array<{ changeId: string; delayMs: number }> = [];

  async pollLocation(location: ExecutionLocation): Promise<void> {
    this.polls.push(location);
  }

  async startChildren(runId: string): Promise<void> {
    this.starts.push(runId);
  }

  async expireChange(changeId: string, delayMs: number): Promise<void> {
    this.expiries.push({ changeId, delayMs });
  }
}

const RUNBOOKS_DIR = 'fixtures/sandbox/runbooks';

/** The sandbox's runbooks, read from their fixture files. */
const fixtureCatalog: RunbookCatalog = {
  list: async () =>
    readdirSync(RUNBOOKS_DIR)
      .filter((file) => file.endsWith('.yml'))
      .map((file) => ({ name: file.slice(0, -'.yml'.length) })),
  describe: async (name) => {
    const path = `${RUNBOOKS_DIR}/${name}.yml`;
    if (!/^[\w.-]+$/.test(name) || !existsSync(path)) return undefined;
    const parsed = parseRunbookContent(name, readFileSync(path, 'utf8'), 'YAML');
    if (!parsed.ok) throw new Error(parsed.message);
    return parsed.runbook;
  },
};

/** Listener tests start nothing in AWS: only the home account is known. */
const notCalled = (what: string) => async (): Promise<never> => {
  throw new Error(`memory run context: ${what} is not faked`);
};
const homeOnlyAutomation: AutomationGateway = {
  homeAccountId: async () => HOME_ACCOUNT_ID,
  startMultiAccount: notCalled('startMultiAccount'),
  startInAccount: notCalled('startInAccount'),
  stop: notCalled('stop'),
  describe: notCalled('describe'),
  describeExecutions: notCalled('describeExecutions'),
};

export interface MemoryRunContext {
  context: RunContext & { drafts: RunDraftStore };
  people: CountingPeopleDirectory;
  scheduler: RecordingScheduler;
  outbox: MemorySlackOutbox;
}

/**
 * `fileConfig` is the YAML config as an object (policies, approvalTemplates, slack.operators, runs, aws), checked
 * by the real loader. `slack` is the client the run notifier posts parent messages with.
 */
export function memoryRunContext(options: {
  fileConfig: Record<string, unknown>;
  slack: WebClient;
  logger: Logger;
  now: () => Date;
}): MemoryRunContext {
  const config = loadConfig(
    { SSM_CHATOPS_CONFIG: 'listener-tests.yml', AWS_REGION: 'ap-northeast-1' },
    { readFile: () => stringify(options.fileConfig) },
  );
  const people = new CountingPeopleDirectory();
  const scheduler = new RecordingScheduler();
  const outbox = new MemorySlackOutbox();
  const context: MemoryRunContext['context'] = {
    runs: new MemoryRunStore(),
    drafts: new MemoryRunDraftStore(),
    catalog: fixtureCatalog,
    accounts: { organization: async () => anOrganization() },
    automation: homeOnlyAutomation,
    people,
    notifier: new SlackRunNotifier(options.slack, outbox, options.now),
    scheduler,
    tracker: new MemoryExecutionTracker(),
    policies: config.file.policies,
    operators: config.file.slack.operators,
    settings: runSettingsFromConfig(config),
    now: options.now,
    randomBytes: (size) => randomBytes(size),
    audit: new MemoryAuditLog({ logger: options.logger, now: options.now }),
    log: options.logger,
    approvals: {
      templates: config.file.approvalTemplates,
      changes: new MemoryChangeStore(),
      calendar: { state: async (calendars) => ({ state: 'OPEN', calendars: [...calendars] }) },
      notifier: new SlackChangeNotifier(outbox),
      defaultChannel: config.file.slack.channels.approvals,
    },
  };
  return { context, people, scheduler, outbox };
}
