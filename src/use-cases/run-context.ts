// What the run flows depend on: the ports, the organization-facing settings, and injected time and ids.

import type { ChangeTemplate } from '../core/approval/change-template-schema.js';
import type { RateLimit, RunMode } from '../core/command/ssm-command.js';
import type { PolicyRule } from '../core/policy/policy-schema.js';
import type { RoomBackoff } from '../core/run/room-wait.js';
import type { PollIntervals } from '../core/tracking/next-poll-delay.js';
import type {
  AccountDirectory,
  AuditLog,
  AutomationGateway,
  ChangeCalendar,
  ChangeNotifier,
  ChangeStore,
  ChannelMembers,
  ExecutionTracker,
  FlowLog,
  PeopleDirectory,
  RunbookCatalog,
  RunNotifier,
  RunStarts,
  RunStore,
  TargetReadiness,
  WorkScheduler,
} from '../ports.js';

export interface RunSettings {
  /** Where runs start (multi-account parents live here) and the operations account's region. */
  homeRegion: string;
  /** Regions runs may target; anything else is refused. */
  enabledRegions: string[];
  /** Regions used when the request names none. */
  defaultRegions: string[];
  defaultMode: RunMode;
  modeByRunbook: Record<string, RunMode>;
  defaultConcurrency: RateLimit;
  defaultMaxErrors: RateLimit;
  administrationRoleName: string;
  executionRoleName: string;
  /** Where failures of executions the bot did not start get their threads; none: they are only logged. */
  notificationsChannel?: string;
  /** How soon a location is polled again: `quickMs` while things move, backing off to `slowMs`. */
  pollIntervals?: PollIntervals;
  /** Fan-out's pace after SSM refuses starts for room, and how long children may wait (default DEFAULT_ROOM_BACKOFF). */
  roomBackoff?: RoomBackoff;
  /** Runs with more targets than this group their thread replies (`threadLayout`); default 20. */
  groupRepliesAbove?: number;
}

export interface Operators {
  users: string[];
  userGroups: string[];
}

/** What change requests need beside runs. */
export interface ApprovalServices {
  /** Every configured template (none: no run is governed, and nothing becomes a change request). */
  templates: ChangeTemplate[];
  changes: ChangeStore;
  calendar: ChangeCalendar;
  notifier: ChangeNotifier;
  /** `slack.channels.approvals`: where a template without an `approvalsChannel` of its own asks. */
  defaultChannel?: string;
}

export interface RunContext {
  runs: RunStore;
  /** Starts under way, so one cut short after its post (a crash, a fault) is found and its message closed. */
  starts: RunStarts;
  catalog: RunbookCatalog;
  accounts: AccountDirectory;
  automation: AutomationGateway;
  /** Whether targets would take a start, for previews (a disabled region, a role the start cannot assume). */
  readiness: TargetReadiness;
  people: PeopleDirectory;
  /** Who is in which Slack channel: a member of a run's channel may see the run. */
  channelMembers: ChannelMembers;
  notifier: RunNotifier;
  scheduler: WorkScheduler;
  tracker: ExecutionTracker;
  policies: PolicyRule[];
  operators: Operators;
  settings: RunSettings;
  now: () => Date;
  randomBytes: (size: number) => Uint8Array;
  /** The audit trail: every run and change, whether or not any change template is configured. */
  audit: AuditLog;
  /** Change templates, change requests, calendars and what Slack shows of them. */
  approvals: ApprovalServices;
  /** What a flow tolerates but an operator should see (an AWS refusal it skips over), with its account and region. */
  log: FlowLog;
}
