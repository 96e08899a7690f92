// What the worker follows in one account and region: executions by id, and children by their parent's id.

/** An account and region: everything there is read with one role and polled together. */
export interface ExecutionLocation {
  accountId: string;
  region: string;
}

export const locationKey = (location: ExecutionLocation): string =>
  `${location.accountId}:${location.region}`;

export function parseLocationKey(key: string): ExecutionLocation | undefined {
  const match = /^(\d{12}):([a-z]{2}(?:-[a-z]+)+-\d)$/.exec(key);
  return match ? { accountId: match[1]!, region: match[2]! } : undefined;
}

/**
 * One thing followed in a location: an execution the bot knows (a fan-out child, a multi-account parent in the
 * operations account, or a child found through its parent), or the children of a multi-account parent there.
 */
export type TrackedEntry =
  | {
      kind: 'execution';
      executionId: string;
      runId: string;
      /** Found through this parent: the parent's filter already covers it. */
      viaParent?: string;
      /** A multi-account parent: its steps say how every child is doing, so it is read in detail each move. */
      parent?: boolean;
      /** Status and current step when last read; a different one means it moved. */
      fingerprint?: string;
    }
  | { kind: 'children'; parentExecutionId: string; runId: string };

/** Entries a multi-account parent speaks for: their place is polled when the parent says something moved there. */
export const isDrivenByParent = (entry: TrackedEntry): boolean =>
  entry.kind === 'children' || (entry.kind === 'execution' && entry.viaParent !== undefined);

export const entryField = (entry: TrackedEntry): string =>
  entry.kind === 'execution' ? `e:${entry.executionId}` : `p:${entry.parentExecutionId}`;

/** What DescribeAutomationExecutions says of one execution: enough to tell whether it moved. */
export interface ExecutionSummary {
  executionId: string;
  status: string;
  currentStep?: string;
  parentExecutionId?: string;
  runbook?: string;
  executedBy?: string;
  startedAt?: string;
  endedAt?: string;
}

export const fingerprintOf = (summary: Pick<ExecutionSummary, 'status' | 'currentStep'>): string =>
  `${summary.status}|${summary.currentStep ?? ''}`;
