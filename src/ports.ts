// The interfaces the use cases need from the outside world. Adapters (aws/, store/, slack/) implement them.
import type { Organization, Target } from './core/organization/organization.js';
import type { ChildReport } from './core/run/apply-child-reports.js';
import type { AutomationStatus, ChildExecution, ChildFailure, Run } from './core/run/run.js';
import type { RunRequest } from './core/run/run-request.js';
import type { Runbook } from './core/runbook/runbook.js';

/** Where runs live. Every implementation passes test/contract/run-store.contract.ts. */
export interface RunStore {
  /** Stores a new run. Throws when a run with that id already exists (ids are random; a clash is a fault). */
  create(run: Run): Promise<void>;
  get(id: string): Promise<Run | undefined>;
  /**
   * Applies `change` to the latest stored version atomically, retrying when another writer got there first,
   * so `change` may be called more than once and must be pure. Returning `undefined` leaves the run as it is.
   * Resolves to the run as stored afterwards, or `undefined` when there is no such run.
   */
  update(id: string, change: (run: Run) => Run | undefined): Promise<Run | undefined>;
  /** The id of the run that owns an execution id (its parent execution or any child's). */
  findRunIdByExecutionId(executionId: string): Promise<string | undefined>;
  /** The most recent runs, newest first. */
  listRecent(limit: number): Promise<Run[]>;
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
  accountIds: string[];
  regions: string[];
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
export interface ExecutionLocation {
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
  stop(execution: ExecutionLocation): Promise<AutomationOutcome<void>>;
  /** GetAutomationExecution where the execution lives (member accounts through the read role). */
  describe(execution: ExecutionLocation): Promise<AutomationOutcome<ExecutionSnapshot>>;
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
}

/** Slack people: which of the user groups the bot cares about a user belongs to. */
export interface PeopleDirectory {
  /** Ids of the user groups (among those the policy and operators name) that `userId` is in. */
  userGroupIds(userId: string): Promise<string[]>;
}

/** Posts and edits what a run shows in Slack: the parent message and one thread reply per child. */
export interface RunNotifier {
  /** Posts the parent message in the run's channel; returns its `ts`. */
  postRunMessage(run: Run): Promise<string>;
  updateRunMessage(run: Run): Promise<void>;
  /** Posts the child's reply in the run's thread; returns its `ts`. */
  postChildReply(run: Run, child: ChildExecution): Promise<string>;
  updateChildReply(run: Run, child: ChildExecution): Promise<void>;
}

/** Follows a run until it ends: starts fan-out children, reads statuses, keeps Slack current. */
export interface RunFollowScheduler {
  /** Makes sure the run is followed, at once or after `delayMs`; a run is never followed twice at a time. */
  follow(runId: string, delayMs?: number): Promise<void>;
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
