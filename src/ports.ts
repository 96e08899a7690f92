// The interfaces the use cases need from the outside world. Adapters (aws/, store/, slack/) implement them.

import type { ChangeDecision, ChangeOutcome, ChangeRefusal } from './core/approval/change-event.js';
import type { ChangeNote } from './core/approval/change-note.js';
import type { CalendarState } from './core/approval/change-request.js';
import type { ChangeTemplate } from './core/approval/change-template-schema.js';
import type { StoredChange } from './core/approval/stored-change.js';
import type { AuditEntry, NewAuditEntry } from './core/audit/audit-entry.js';
import type { RunMode } from './core/command/ssm-command.js';
import type { ComplianceSnapshot, PlaceCompliance } from './core/compliance/patch-compliance.js';
import type {
  AccountObservations,
  OrganizationObservations,
  SlackObservations,
} from './core/doctor/observations.js';
import type { ExternalFailure } from './core/events/external-failure.js';
import type { Organization, Target } from './core/organization/organization.js';
import type { ChildReport } from './core/run/apply-child-reports.js';
import type { RetryNote } from './core/run/retry-note.js';
import type { AutomationStatus, ChildExecution, ChildFailure, Run, StepSummary } from './core/run/run.js';
import type { RunOverview } from './core/run/run-overview.js';
import type { RunRequest } from './core/run/run-request.js';
import type { RunResultFile } from './core/run/run-results.js';
import type { TargetLocationGroup } from './core/run/target-locations.js';
import type { Readiness } from './core/run/target-readiness.js';
import type { FailureGroup, ThreadGroup } from './core/run/thread-layout.js';
import type { Runbook } from './core/runbook/runbook.js';
import type { DescribeFilter } from './core/tracking/plan-location-poll.js';
import type { ExecutionLocation, ExecutionSummary, TrackedEntry } from './core/tracking/tracked-location.js';

/**
 * Structured logging for the flows (pino's Logger satisfies it): fields first, then a message. Flows log what
 * they tolerate (an AWS refusal for one account), never secrets.
 */
export interface FlowLog {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** Where runs live. Every implementation passes test/contract/run-store.contract.ts. */
export interface RunStore {
  /**
   * Stores a new run, unless a run with its id exists: then nothing is written and the answer is `exists` (a
   * change's run has the change's id, so two resumed starts of one change meet here).
   */
  create(run: Run): Promise<'created' | 'exists'>;
  get(id: string): Promise<Run | undefined>;
  /**
   * Applies `change` to the latest stored version atomically, retrying when another writer got there first,
   * so `change` may be called more than once and must be pure. Its argument is a new top-level object, but what
   * is inside may be shared with other readers and frozen: `change` builds what it changes anew (spread), and a
   * child it leaves alone stays the same object, which is how a store writes only what changed. Returning
   * `undefined` leaves the run as it is.
   * Resolves to the run as stored afterwards, or `undefined` when there is no such run.
   * Concurrent updates of one run may be written together (one write for many poll jobs): they are applied in
   * turn, each to what the one before made, and each caller gets the run right after its own change, with its
   * own revision (one more per change that changed something), as if they had been written one by one. So a
   * caller comparing its change's argument with the result sees only its own change, and exactly one caller sees
   * a given transition (such as the run's end).
   */
  update(id: string, change: (run: Run) => Run | undefined): Promise<Run | undefined>;
  /** The id of the run that owns an execution id (its parent execution or any child's). */
  findRunIdByExecutionId(executionId: string): Promise<string | undefined>;
  /**
   * The most recent runs, newest first, without their children (their counts by status instead): a listing of
   * runs of thousands of targets each reads no child.
   */
  listRecent(limit: number): Promise<RunOverview[]>;
  /**
   * Runs not finished yet, oldest first, at most `limit`: what the minute sweep looks at, so it costs the
   * number of live runs, not of stored ones. A run that finished or is gone is left out (and its entry dropped).
   */
  listUnfinished(limit: number): Promise<Run[]>;
}

/** The organization's accounts and OUs (AWS Organizations), cached by the adapter. */
export interface AccountDirectory {
  organization(): Promise<Organization>;
}

export interface RunbookSummary {
  name: string;
  description?: string;
  owner?: string;
}

/** Automation runbooks (SSM documents of type Automation) in the operations account's home region. */
export interface RunbookCatalog {
  list(): Promise<RunbookSummary[]>;
  /** The runbook with its parameter schema, or `undefined` when there is no such runbook. */
  describe(name: string): Promise<Runbook | undefined>;
}

/** A start or stop that AWS refused for one target: reported for that target, the others go on. */
export type AutomationOutcome<T> = { ok: true; value: T } | { ok: false; failure: ChildFailure };

export interface MultiAccountStart {
  runbook: string;
  /** Including the runbook's assume-role parameter set to the administration role. */
  parameters: Record<string, string[]>;
  /** One TargetLocation each (`groupTargetLocations`): exactly the run's account × region pairs. */
  locations: TargetLocationGroup[];
  executionRoleName: string;
  /** SSM's TargetLocationMaxConcurrency / MaxErrors strings: "10" or "25%". */
  maxConcurrency: string;
  maxErrors: string;
  /** A UUID derived from the run, so a retried start never starts twice. */
  clientToken: string;
}

export interface AccountStart {
  target: Target;
  runbook: string;
  parameters: Record<string, string[]>;
  clientToken: string;
}

/** Where an execution lives: executions are visible only in their own account and region. */
export interface ExecutionRef {
  executionId: string;
  /** Undefined for executions in the operations account (multi-account parents). */
  accountId?: string;
  region: string;
}

export interface AutomationGateway {
  /** The account the bot's own identity lives in (the operations / delegated administrator account). */
  homeAccountId(): Promise<string>;
  /** StartAutomationExecution with TargetLocations, in the operations account's home region. */
  startMultiAccount(request: MultiAccountStart): Promise<AutomationOutcome<{ executionId: string }>>;
  /** Assumes the fan-out role in the target account and starts one execution there. */
  startInAccount(request: AccountStart): Promise<AutomationOutcome<{ executionId: string }>>;
  stop(execution: ExecutionRef): Promise<AutomationOutcome<void>>;
  /** GetAutomationExecution where the execution lives (member accounts through the read role). */
  describe(execution: ExecutionRef): Promise<AutomationOutcome<ExecutionSnapshot>>;
  /** DescribeAutomationExecutions in one account and region (through the read role), every page. */
  describeExecutions(
    location: ExecutionLocation,
    filter: DescribeFilter,
  ): Promise<AutomationOutcome<ExecutionSummary[]>>;
}

/**
 * Whether targets would take a start, asked before a preview is shown (never before a real start). Checks what
 * can be known cheaply and honestly: fan-out assumes the bot's fan-out role in each account (as the start does,
 * which warms the credentials the start then uses); both modes make one cheap SSM read in each region as that
 * account, which AWS refuses when the account has not enabled the region. Answers are cached per account and
 * region for a few minutes (refusals for less), at most a few accounts are checked at once, and whatever is not
 * answered within `budgetMs` is `unchecked`. AWS refusals are answers; nothing here throws for them.
 */
export interface TargetReadiness {
  /** By `targetKey`, one answer per target given. */
  check(
    targets: readonly Target[],
    mode: RunMode,
    options: { budgetMs: number },
  ): Promise<Record<string, Readiness>>;
}

export interface ExecutionSnapshot {
  executionId: string;
  status: AutomationStatus;
  startedAt?: string;
  endedAt?: string;
  /** The failed step and its message, when it failed. */
  failure?: ChildFailure;
  /** Multi-account parents: what each target location's `aws:executeAutomation` step says. */
  locations: ChildReport[];
  /** Every step so far, for the child's thread reply. */
  steps: StepSummary[];
}

/** Slack people: which of the user groups the bot cares about a user belongs to. */
export interface PeopleDirectory {
  /** Ids of the user groups (among those the policy and operators name) that `userId` is in. */
  userGroupIds(userId: string): Promise<string[]>;
}

/** Slack channels: who is in them, for who may see the runs and changes shown there. */
export interface ChannelMembers {
  /**
   * Whether `userId` is a member of `channelId`. A channel the bot cannot see (a private one it is not in, or
   * one since deleted) has no members it knows of: false.
   */
  isMember(channelId: string, userId: string): Promise<boolean>;
}

/** Whether Slack took a run's parent message, and why not when the channel is the reason. */
export type RunMessagePost =
  | { kind: 'posted'; ts: string }
  /** Slack is rate-limiting or unreachable: the outbox posts the message, once, as soon as Slack allows. */
  | { kind: 'pending' }
  | { kind: 'channel-unavailable'; channelId: string; reason: string };

/**
 * What a run shows in Slack: a parent message in its channel and one reply per child in its thread, each posted
 * once and edited as things move (through the rate-limited outbox), and a broadcast notice per failed child.
 */
export interface RunNotifier {
  /**
   * Tries the parent message once, now, before anything starts: a channel the bot cannot post in (not a member
   * of a private channel, archived, gone) is an answer, not a fault. Slack being slow or down is `pending`, not
   * a wait: the message is the outbox's to post, exactly once, whatever retries land when.
   */
  postRunMessage(run: Run): Promise<RunMessagePost>;
  /** The parent message as the run now stands (the last state of a finished run is always delivered). */
  showRun(run: Run): Promise<void>;
  /**
   * The parent message, final, saying the run did not start: its start was cut short after the post and
   * before the run was recorded, so nothing ran and nothing else will edit it.
   */
  showRunNotStarted(run: Run): Promise<void>;
  /** The child's reply in the run's thread, as the child now stands. */
  showChild(run: Run, child: ChildExecution): Promise<void>;
  /** A reply in the thread that mentions the requester and is broadcast to the channel; once per child. */
  announceFailure(run: Run, child: ChildExecution): Promise<void>;
  /** A large run's reply for one region and page of accounts (`threadLayout`), as its accounts now stand. */
  showGroup(run: Run, group: ThreadGroup): Promise<void>;
  /** A large run's one broadcast about its failures by cause, kept current instead of a notice per child. */
  showFailureSummary(run: Run, failures: readonly FailureGroup[]): Promise<void>;
  /** The ended run's results files, shared in its thread once, whatever retries and crashes come. */
  shareResults(run: Run, files: readonly RunResultFile[]): Promise<void>;
  /** A new thread in the notifications channel for a failed execution the bot did not start; once per execution. */
  announceExternalFailure(channel: string, failure: ExternalFailure): Promise<void>;
  /** A reply in `original`'s thread saying who retried or repeated it and what came of it; once per new run or change. */
  noteRetry(original: Run, note: RetryNote): Promise<void>;
  /** The permalink of the run's message, or undefined when it is not posted yet or Slack will not say. */
  messageLink(runId: string): Promise<string | undefined>;
}

/**
 * Starts under way: a run is begun here before its parent message is posted and settled once it is recorded
 * (or once nothing was posted). What a crash or a fault left in between (a "Starting" message for a run that was
 * never recorded) stays here, for the minute sweep to close. Holds only starts in flight or cut short.
 */
export interface RunStarts {
  begin(run: Run): Promise<void>;
  settle(runId: string): Promise<void>;
  /** Runs begun before `before` and not settled, oldest first, at most `limit`. */
  unsettled(before: Date, limit: number): Promise<Run[]>;
}

/** A modal's run request between its preview and its confirmation (Slack's private_metadata holds 3,000 chars). */
export interface RunDraft {
  request: RunRequest;
  userId: string;
  channelId: string;
}

export interface RunDraftStore {
  /** Keeps the draft for a while (an hour) and returns its id. */
  save(draft: RunDraft): Promise<string>;
  /** Returns the draft and forgets it, atomically: a confirmation clicked twice starts one run. */
  take(id: string): Promise<RunDraft | undefined>;
}

/** What one Slack message should show; blocks and attachments as chat.postMessage takes them. */
export interface SlackContent {
  text: string;
  blocks?: unknown[];
  /** Used for a colour bar (a failed run's parent message turns red). */
  attachments?: unknown[];
  /**
   * Files shared as one message, `text` being its comment (Slack's upload: files.getUploadURLExternal, then
   * files.completeUploadExternal). Such a message is post-only: a file share cannot be edited.
   */
  files?: SharedFileContent[];
}

/** A text file as the outbox shares it: its name, the title Slack shows, and its content. */
export interface SharedFileContent {
  name: string;
  title: string;
  content: string;
}

export interface OutboxMessage {
  /** Names the message for its whole life: `run:run-7k3m9q2x:parent`, `run:run-7k3m9q2x:child:333333333301:ap-northeast-1`. */
  key: string;
  channel: string;
  /** Post as a reply in the thread of the message with this key (once that one has been posted). */
  threadOf?: string;
  content: SlackContent;
  /** Show the reply in the channel too (`reply_broadcast`). */
  broadcast?: boolean;
  /** Post once and never edit (notices); later upserts of the key change nothing. */
  postOnly?: boolean;
  /** The last state of this message: delivered even inside the coalescing window, never dropped. */
  final?: boolean;
  /**
   * At most one edit of a non-final state per this many ms, when longer than the outbox's own window: a large
   * run's messages change many times a second, and every edit is a Slack call people cannot read that fast.
   */
  editEveryMs?: number;
  /**
   * The revision of the record the content was rendered from (Run.revision). Writers that race upsert in any
   * order; content from an older revision than the stored content's changes nothing.
   */
  revision?: number;
}

/** How the first delivery of a message went, for a caller that must know before it goes on. */
export type FirstDelivery =
  | { kind: 'shown'; ts: string }
  /** Slack refused it for good (`reason` is its error code). Nothing is kept: asking again posts anew. */
  | { kind: 'refused'; reason: string }
  /** Slack is rate-limiting or unreachable: the outbox delivers it as soon as Slack allows. */
  | { kind: 'pending' };

/**
 * Slack messages kept in a desired state, delivered through a rate-limited queue: each key is posted once
 * (idempotently, also when a job is retried after a crash) and edited as its content changes, with edits to one
 * message coalesced. Every implementation passes test/contract/slack-outbox.contract.ts.
 */
export interface SlackOutbox {
  upsert(message: OutboxMessage): Promise<void>;
  /**
   * An upsert whose first delivery the caller makes itself, once and bounded (a few seconds at most), to learn
   * at once whether Slack takes it. The outbox stays the message's only deliverer: a key already being
   * delivered is not posted again, and whatever is left (a 429, a fault) goes to the delivery jobs.
   */
  deliverNow(message: OutboxMessage): Promise<FirstDelivery>;
}

/** What the worker follows, per account and region. Every implementation passes the tracker contract suite. */
export interface ExecutionTracker {
  /** Adds or replaces entries (matched by execution id or parent id). */
  track(location: ExecutionLocation, entries: TrackedEntry[]): Promise<void>;
  /** Removes entries by their field (`entryField`). */
  untrack(location: ExecutionLocation, fields: string[]): Promise<void>;
  entries(location: ExecutionLocation): Promise<TrackedEntry[]>;
  /** Every location with something tracked, so a restarted worker can pick them all up again. */
  locations(): Promise<ExecutionLocation[]>;
  /** Where an execution is tracked, for events that name only an execution id. */
  find(executionId: string): Promise<{ location: ExecutionLocation; entry: TrackedEntry } | undefined>;
}

/** The worker's queues: one poll per location and one starter per run, each never queued twice at once. */
export interface WorkScheduler {
  /** Polls the location after `delayMs` (default now); an earlier request wins over a later one. */
  pollLocation(location: ExecutionLocation, delayMs?: number): Promise<void>;
  /** Starts what a run may start now (multi-account parent, fan-out children under its limits). */
  startChildren(runId: string, delayMs?: number): Promise<void>;
  /** Expires a change request after `delayMs` (a delayed job, one per change, surviving restarts). */
  expireChange(changeId: string, delayMs: number): Promise<void>;
  /** Opens a scheduled change's window after `delayMs` (a delayed job, one per change, surviving restarts). */
  openChangeWindow(changeId: string, delayMs: number): Promise<void>;
}

/**
 * Which entries `AuditLog.list` returns, oldest first. Times select by when the log recorded an entry (the
 * `<ms>` of its id, the Redis server's clock at append), not by `at`, so ranges and ids agree and paging is exact.
 */
export interface AuditQuery {
  /** Inclusive. */
  since?: Date;
  /** Exclusive, so back-to-back ranges never repeat an entry. */
  until?: Date;
  /** Only entries after this id: pass the last id of the previous page. */
  afterId?: string;
  /** At most this many (a positive integer). */
  limit: number;
}

/** How long an audit log remembers an idempotency key: 7 days, beyond any retry or sweep of one flow. */
export const AUDIT_IDEMPOTENCY_TTL_MS = 7 * 24 * 60 * 60_000;

/** The answer of `AuditLog.append` with an idempotency key: recorded now, or recorded before as entry `id`. */
export type AuditAppendOnce =
  | { kind: 'appended'; entry: AuditEntry }
  | { kind: 'already-appended'; idempotencyKey: string; id: string };

/**
 * The audit trail: append-only, never trimmed by the bot (retention is the operator's, after an export).
 * Every implementation passes test/contract/audit-log.contract.ts.
 */
export interface AuditLog {
  /** Records the entry and logs it; resolves to it with its id. Ids increase in the order appends complete. */
  append(entry: NewAuditEntry): Promise<AuditEntry>;
  /**
   * The same, at most once per `idempotencyKey` (`<action>:<runId>`), for steps a retried or concurrent flow
   * can repeat: the first append with a key records the entry; a later one with that key records and logs
   * nothing and says which entry holds the key. A key is remembered for AUDIT_IDEMPOTENCY_TTL_MS after its
   * append, far longer than any retry of a flow, so the keys kept are bounded by the appends of that window.
   */
  append(entry: NewAuditEntry, once: { idempotencyKey: string }): Promise<AuditAppendOnce>;
  /**
   * Every entry naming `subjectId` as its change id or run id, oldest first. A change's timeline shows its run
   * through the run's entries that name the change too.
   */
  timeline(subjectId: string): Promise<AuditEntry[]>;
  list(query: AuditQuery): Promise<AuditEntry[]>;
}

/** The result of `ChangeStore.transition`: the decision's refusal, or the change as stored after it. */
export type ChangeTransition =
  | { kind: 'changed'; change: StoredChange; outcome: ChangeOutcome }
  | { kind: 'refused'; refusal: ChangeRefusal }
  | { kind: 'missing' };

/**
 * Change requests and their locks. Every implementation passes test/contract/change-store.contract.ts.
 * Locks are keys (`lockKeysFor`) naming the change that holds them; a lock counts only while its holder
 * `isLockHolding`, so a lock left behind by a crash or a closed change never blocks anyone.
 */
export interface ChangeStore {
  /** Stores a new change. Throws when one with that id exists (ids are random; a clash is a fault). */
  create(change: StoredChange): Promise<void>;
  get(id: string): Promise<StoredChange | undefined>;
  /**
   * Decides an event against the latest stored change and, when it changes something, stores the result only
   * if nobody else stored a transition in between (compare-and-set on `request.version`); on a lost race
   * `decide` runs again on the newer change. So of twenty concurrent `start`s exactly one is `changed`.
   */
  transition(id: string, decide: (change: StoredChange) => ChangeDecision): Promise<ChangeTransition>;
  /**
   * Takes every lock for change `id`, all or nothing, atomically. Locks already held by `id` are fine; a lock
   * held by another lock-holding change refuses the whole set and names that change.
   */
  acquireLocks(
    id: string,
    keys: readonly string[],
  ): Promise<{ kind: 'acquired' } | { kind: 'held'; by: string }>;
  /** The lock-holding change holding any of `keys` other than `exceptId`, if any. */
  lockHolder(keys: readonly string[], exceptId?: string): Promise<string | undefined>;
  /** Changes not yet closed or started whose state may need a nudge (pending, approved, held), oldest first. */
  listOpen(limit: number): Promise<StoredChange[]>;
  /** The most recent changes, newest first. */
  listRecent(limit: number): Promise<StoredChange[]>;
}

/** SSM Change Calendar: whether changes may start now. */
export interface ChangeCalendar {
  /** The combined state of `calendars` (names or ARNs): OPEN only when every one is open. */
  state(calendars: readonly string[]): Promise<CalendarState>;
  /** One calendar's state now and when it next changes, if it ever does (App Home shows it). */
  outlook(calendar: string): Promise<CalendarOutlook>;
}

/** A calendar as GetCalendarState describes it at one moment. */
export interface CalendarOutlook {
  calendar: string;
  state: 'OPEN' | 'CLOSED';
  /** ISO 8601; absent when the calendar never changes state again. */
  nextTransitionAt?: string;
}

/** What Slack shows of a change request. Every call is idempotent (outbox keys per change and per event). */
export interface ChangeNotifier {
  /** The request message in the approvals channel, as the change now stands (posted the first time). */
  showChange(change: StoredChange, template: ChangeTemplate): Promise<void>;
  /** One note in the request's thread (a vote, a rejection, a hold, the start), posted once per `eventKey`. */
  noteInThread(change: StoredChange, eventKey: string, note: ChangeNote): Promise<void>;
  /** The pointer in the requester's channel to the request, kept current with its status. */
  showRequesterLink(change: StoredChange): Promise<void>;
}

/**
 * What the organization readiness check (`ssm-chatops doctor`, `/ssm doctor`) reads in AWS. Never throws for
 * AWS's answers: a refusal is a failed probe, no answer an unknown one.
 */
export interface OrganizationInspector {
  /** Who the bot is, trusted access and delegated administrators, the Administration role, the calendars. */
  inspectOrganization(calendars: readonly string[]): Promise<OrganizationObservations>;
  /** The member roles of one account, then each region: enabled, and the forwarding rule. */
  inspectAccount(accountId: string, regions: readonly string[]): Promise<AccountObservations>;
}

/** The Slack side of the readiness check: the token's scopes and the bot's membership of channels. */
export interface SlackInspector {
  inspect(channels: ReadonlyArray<{ channelId: string; purpose: string }>): Promise<SlackObservations>;
}

/** Patch compliance of account × region places, read through each member account's read role. */
export interface PatchComplianceReader {
  /** Never throws for AWS's answers: a place it cannot read comes back unreadable, saying why. */
  read(targets: readonly Target[]): Promise<PlaceCompliance[]>;
}

/** The last compliance snapshot read from the organization, shared by every bot and worker process. */
export interface ComplianceCache {
  get(): Promise<ComplianceSnapshot | undefined>;
  put(snapshot: ComplianceSnapshot): Promise<void>;
}

/** Asks the worker to read compliance again soon; asking while a read is queued adds nothing. */
export interface ComplianceRefresh {
  requestRefresh(): Promise<void>;
}

/** Shares a compliance export in a channel, once per key (a Slack retry of the click shares nothing more). */
export interface ComplianceFiles {
  share(share: { key: string; channel: string; comment: string; file: SharedFileContent }): Promise<void>;
}
