// The run record: what was asked, where it runs, and every child execution. Approvals and the worker build on it.
import type { RateLimit, RunMode, RunTargets } from '../command/ssm-command.js';
import type { RoomWait } from './room-wait.js';

/**
 * The life of a run: `starting` → `running` → `succeeded` | `failed` | `completed-with-errors`;
 * `cancelling` → `cancelled`. A run exists only once it may start: waiting for approval is a change request's
 * state (`ChangeStatus`), never a run's.
 */
export type RunStatus =
  | 'starting'
  | 'running'
  | 'cancelling'
  | 'succeeded'
  | 'completed-with-errors'
  | 'failed'
  | 'cancelled';

/** SSM's AutomationExecutionStatus values, as the API spells them. */
export type AutomationStatus =
  | 'Pending'
  | 'InProgress'
  | 'Waiting'
  | 'Success'
  | 'TimedOut'
  | 'Cancelling'
  | 'Cancelled'
  | 'Failed'
  | 'PendingApproval'
  | 'Approved'
  | 'Rejected'
  | 'Scheduled'
  | 'RunbookInProgress'
  | 'PendingChangeCalendarOverride'
  | 'ChangeCalendarOverrideApproved'
  | 'ChangeCalendarOverrideRejected'
  | 'CompletedWithSuccess'
  | 'CompletedWithFailure'
  | 'Exited';

/**
 * A child's status: SSM's, or one of the bot's own before SSM knows the child:
 * `Queued` (fan-out, not started yet), `StartFailed` (assume-role or start failed), `Skipped` (the
 * error threshold stopped the run before this child started).
 */
export type ChildStatus = AutomationStatus | 'Queued' | 'StartFailed' | 'Skipped';

/**
 * The reason of a multi-account child that failed at its target location before any execution started there
 * (AWS names that step after the location, not after a step of the runbook): its message says why.
 */
export const NOT_STARTED = 'NotStarted';

export interface ChildFailure {
  /** An error code (`AccessDenied`, `InvalidAutomationExecutionParametersException`) or the failed step's name. */
  reason: string;
  message: string;
}

/** One step of a child execution, as GetAutomationExecution reports it in the member account. */
export interface StepSummary {
  name: string;
  /** `aws:changeInstanceState` */
  action: string;
  status: AutomationStatus;
  startedAt?: string;
  endedAt?: string;
  /** Outputs as SSM returns them; renderers truncate within Slack's limits. */
  outputs?: Record<string, string[]>;
  failureMessage?: string;
}

/** One execution in one account and region. */
export interface ChildExecution {
  accountId: string;
  accountName: string;
  region: string;
  status: ChildStatus;
  executionId?: string;
  startedAt?: string;
  endedAt?: string;
  failure?: ChildFailure;
  /** The step running now, as DescribeAutomationExecutions says (cheap to know; the full steps come at the end). */
  currentStep?: string;
  /** The steps, once the worker has read them from the member account. */
  steps?: StepSummary[];
}

/** A Slack user as Slack identified them with a request: id, workspace, and the name they had then. */
export interface Person {
  userId: string;
  teamId?: string;
  /** Display name when known, for messages and the audit trail. */
  userName?: string;
}

/** The run a "Retry failed" or "Run again" click came from; both runs' threads link to each other. */
export interface RunOrigin {
  runId: string;
  kind: 'retry-failed' | 'run-again';
  /** Where Slack shows the original's message, when Slack said so at the click: the new run links to it. */
  permalink?: string;
}

/** Who asked for a run. */
export type Requester = Person;

export interface Run {
  /** `run-` followed by 8 lowercase base-32 characters; what people type in `/ssm status`. */
  id: string;
  /**
   * 1 when created; the store adds 1 on every write. What is shown in Slack carries it, so content rendered
   * from an older read never replaces content from a newer one, whichever writer's message lands last.
   */
  revision: number;
  createdAt: string;
  updatedAt: string;
  requester: Requester;
  /** Where it was asked for; the parent message goes here. */
  channelId: string;
  runbook: {
    name: string;
    version?: string;
    /** The names of the runbook's main steps in order, when the start read them: progress within a child. */
    steps?: string[];
  };
  /** Values as SSM takes them (`Record<name, string[]>`), already checked against the runbook's schema. */
  parameters: Record<string, string[]>;
  targets: {
    accounts: Array<{ id: string; name: string }>;
    regions: string[];
    /** What the person typed, for the record and for "run again". */
    requested: RunTargets;
  };
  mode: RunMode;
  concurrency: RateLimit;
  maxErrors: RateLimit;
  reason?: string;
  /** The policy rule that allowed the run. */
  policyRule: string;
  /** Present when a change started the run: its template and the change's id. */
  approval?: {
    templates: string[];
    changeId?: string;
    /** Slack user ids of who approved the change, in the order they did, when the start knew them. */
    approvedBy?: string[];
  };
  status: RunStatus;
  /** Multi-account mode: the execution in the operations account that carries `TargetLocations`. */
  parentExecutionId?: string;
  children: ChildExecution[];
  cancelledBy?: string;
  /** Present when this run is a retry or a repeat of another run (asked from that run's thread). */
  origin?: RunOrigin;
  /** Fan-out: SSM refused starts for room and Queued children wait for it (room-wait.ts); absent otherwise. */
  roomWait?: RoomWait;
}
