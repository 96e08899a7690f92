// The run flows' context as the bot's config file and Slack adapters make it, over the memory stores: the config
// checked by the real loader, the real run and change notifiers writing to an outbox in memory, the sandbox's
// runbooks and organization, the workspace's user groups, a recording scheduler. No Redis; AWS only as faked.
// The parts it shares with the use-case tests' aRunContext come from run-context-builder.ts.
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { stringify } from 'yaml';
import { runSettingsFromConfig } from '../../src/bot/run-settings-from-config.js';
import { loadConfig } from '../../src/config/load-config.js';
import type {
  AutomationGateway,
  ChangeCalendar,
  FlowLog,
  PeopleDirectory,
  RunDraftStore,
  TargetReadiness,
} from '../../src/ports.js';
import { MemorySlackOutbox } from '../../src/slack/outbox/memory-slack-outbox.js';
import { SlackChangeNotifier } from '../../src/slack/slack-change-notifier.js';
import { SlackRunNotifier } from '../../src/slack/slack-run-notifier.js';
import { MemoryAuditLog } from '../../src/store/memory-audit-log.js';
import { MemoryChangeStore } from '../../src/store/memory-change-store.js';
import { MemoryExecutionTracker } from '../../src/store/memory-execution-tracker.js';
import { MemoryRunDraftStore } from '../../src/store/memory-run-draft-store.js';
import { MemoryRunStarts } from '../../src/store/memory-run-starts.js';
import { MemoryRunStore } from '../../src/store/memory-run-store.js';
import type { RunContext } from '../../src/use-cases/run-context.js';
import { FixedTargetReadiness } from './fixed-target-readiness.js';
import { MemoryChannelMembers } from './memory-channel-members.js';
import { anOrganization } from './organization-builder.js';
import { RecordingWorkScheduler } from './recording-ports.js';
import { fixtureCatalog, homeOnlyAutomation, openCalendar, workspacePeople } from './run-context-builder.js';

/** The workspace's memberships; counts every lookup, so a test can tell how often a flow asked. */
export class CountingPeopleDirectory implements PeopleDirectory {
  readonly lookups: string[] = [];

  async userGroupIds(userId: string): Promise<string[]> {
    this.lookups.push(userId);
    return workspacePeople.userGroupIds(userId);
  }
}

export interface MemoryRunContext {
  context: RunContext & { drafts: RunDraftStore };
  people: CountingPeopleDirectory;
  channelMembers: MemoryChannelMembers;
  scheduler: RecordingWorkScheduler;
  outbox: MemorySlackOutbox;
}

export interface MemoryRunContextOptions {
  /** The YAML config as an object (policies, approvalTemplates, slack.operators, runs, aws). */
  fileConfig: Record<string, unknown>;
  /** The audit log's logger, and the flows' log unless `log` is given. */
  logger: Logger;
  now: () => Date;
  /** Default: only the home account is known; anything that would reach AWS throws. */
  automation?: AutomationGateway;
  /** Default: every target ready. */
  readiness?: TargetReadiness;
  /** Default: every calendar OPEN. */
  calendar?: ChangeCalendar;
  /** What the flows log (a RecordingFlowLog to assert on it). */
  log?: FlowLog;
  /** Slack's channel memberships, by channel. Default: none known. */
  channelMembers?: Record<string, string[]>;
}

export function memoryRunContext(options: MemoryRunContextOptions): MemoryRunContext {
  const config = loadConfig(
    { SSM_CHATOPS_CONFIG: 'listener-tests.yml', AWS_REGION: 'ap-northeast-1' },
    { readFile: () => stringify(options.fileConfig) },
  );
  const people = new CountingPeopleDirectory();
  const channelMembers = new MemoryChannelMembers(options.channelMembers);
  const scheduler = new RecordingWorkScheduler();
  const outbox = new MemorySlackOutbox();
  const context: MemoryRunContext['context'] = {
    runs: new MemoryRunStore(),
    starts: new MemoryRunStarts(options.now),
    drafts: new MemoryRunDraftStore(),
    catalog: fixtureCatalog(),
    accounts: { organization: async () => anOrganization() },
    automation: options.automation ?? homeOnlyAutomation,
    readiness: options.readiness ?? new FixedTargetReadiness(),
    people,
    channelMembers,
    notifier: new SlackRunNotifier(outbox, options.now),
    scheduler,
    tracker: new MemoryExecutionTracker(),
    policies: config.file.policies,
    operators: config.file.slack.operators,
    settings: runSettingsFromConfig(config),
    now: options.now,
    randomBytes: (size) => randomBytes(size),
    audit: new MemoryAuditLog({ logger: options.logger, now: options.now }),
    log: options.log ?? options.logger,
    approvals: {
      templates: config.file.approvalTemplates,
      changes: new MemoryChangeStore(),
      calendar: options.calendar ?? openCalendar,
      notifier: new SlackChangeNotifier(outbox),
      defaultChannel: config.file.slack.channels.approvals,
    },
  };
  return { context, people, channelMembers, scheduler, outbox };
}
