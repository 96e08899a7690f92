// Why a run's remaining targets never ran: the failure that took it past its error threshold, so their replies
// and the outcome can say "stopped because data-dev us-east-1 failed and max errors is 0" instead of a bare
// "Skipped" or "Cancelled".
import type { RateLimit } from '../command/ssm-command.js';
import { resolveRateLimit } from '../targets/rate-limit.js';
import { childPhase } from './roll-up-run.js';
import type { ChildExecution, Run } from './run.js';

export interface ErrorThresholdStop {
  /** The failure that exceeded the threshold: the (maxErrors + 1)th to end. */
  failed: ChildExecution;
  maxErrors: RateLimit;
}

/**
 * The stop, when the run's failures exceed its max errors and some targets were skipped or cancelled; undefined
 * otherwise, and for a run a person cancelled (the outcome names them instead).
 */
export function errorThresholdStop(
  run: Pick<Run, 'children' | 'maxErrors' | 'status' | 'cancelledBy'>,
): ErrorThresholdStop | undefined {
  if (run.cancelledBy || run.status === 'cancelling' || run.status === 'cancelled') return undefined;
  const failures = run.children
    .filter((child) => childPhase(child.status) === 'failed')
    .sort((left, right) => endOf(left) - endOf(right));
  const allowed = resolveRateLimit(run.maxErrors, run.children.length);
  const crossing = failures[allowed];
  if (!crossing) return undefined;
  const stopped = run.children.some((child) => wasStopped(child));
  return stopped ? { failed: crossing, maxErrors: run.maxErrors } : undefined;
}

/** A target the threshold kept from running: skipped before it started, or cancelled by SSM. */
export const wasStopped = (child: Pick<ChildExecution, 'status'>): boolean =>
  child.status === 'Skipped' || child.status === 'Cancelled';

/** Unknown ends sort last: a failure whose end is not known yet did not cross first. */
function endOf(child: ChildExecution): number {
  const end = Date.parse(child.endedAt ?? '');
  return Number.isNaN(end) ? Number.POSITIVE_INFINITY : end;
}
