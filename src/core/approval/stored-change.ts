// StoredChange: a change request with the run it will start and where Slack shows it — what the store keeps.
import type { RunTargets } from '../command/ssm-command.js';
import type { Requester, RunOrigin } from '../run/run.js';
import type { RunPlan } from '../run/run-plan.js';
import type { ChangeRequest, ChangeStatus } from './change-request.js';

/** The run an approved change starts, exactly as it was planned and shown to the approvers. */
export interface ChangeRunSpec {
  plan: RunPlan;
  requester: Requester;
  /** Where the requester asked: the run's own messages go there once it starts. */
  channelId: string;
  requested: RunTargets;
  /** The run this one retries or repeats: the run the change starts keeps it. */
  origin?: RunOrigin;
}

export interface StoredChange {
  request: ChangeRequest;
  run: ChangeRunSpec;
  /** `lockKeysFor(runbook, targets)`: held while the change is active (see `isLockHolding`). */
  lockKeys: string[];
  slack: {
    /** The template's approvals channel, where the request message and its thread live. */
    approvalsChannel: string;
  };
}

/**
 * A change holds its locks from its approval until its run ends — a scheduled one from its approval through its
 * window, so the window is covered. A pending change holds none: it may wait a day,
 * and approvers decide among conflicting requests; a closed one (rejected, withdrawn, expired) holds none.
 */
export function isLockHolding(request: Pick<ChangeRequest, 'status' | 'endedAt'>): boolean {
  const holding: ChangeStatus[] = ['scheduled', 'approved', 'held', 'started'];
  return holding.includes(request.status) && request.endedAt === undefined;
}
