// A failed execution the bot did not start, as its failure thread tells it.
import type { AutomationStatus, StepSummary } from '../run/run.js';

export interface ExternalFailure {
  executionId: string;
  runbook: string;
  accountId: string;
  /** From Organizations, when the account is in it. */
  accountName?: string;
  region: string;
  status: AutomationStatus;
  /** Who or what started it (an IAM ARN), when AWS says. */
  executedBy?: string;
  parentExecutionId?: string;
  startedAt?: string;
  endedAt?: string;
  /** Read from the member account through the read role; absent when that was refused. */
  steps?: StepSummary[];
  failureMessage?: string;
}

/** The statuses that open a failure thread for an execution nobody started from Slack. */
export const FAILURE_STATUSES: ReadonlySet<AutomationStatus> = new Set(['Failed', 'TimedOut', 'Cancelled']);
