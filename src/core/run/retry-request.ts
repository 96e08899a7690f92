// "Retry failed" and "Run again" from a run's thread: the run request they make, built from the original run.
import type { RunTargets } from '../command/ssm-command.js';
import { isRunFinished } from './apply-child-reports.js';
import { childPhase, isChildFinished } from './roll-up-run.js';
import type { ChildExecution, Run, RunOrigin } from './run.js';
import type { RunRequest } from './run-request.js';

export type RetryKind = RunOrigin['kind'];

export type RetryRequest =
  | { kind: 'request'; request: RunRequest; origin: RunOrigin; targets: number }
  /** Every target of the run succeeded (or is still going): there is nothing to retry. */
  | { kind: 'nothing-to-retry'; run: Run };

/**
 * The same runbook, parameters, mode, concurrency and error threshold as `run`, and the reason it was given.
 *
 * `retry-failed` names the exact account × region pairs that did not succeed: failed, timed out, cancelled,
 * refused at start, skipped by the error threshold, or never started before the run ended. A child still going
 * is not a failure (yet), so a click on a failure notice while the run goes on retries only what has ended badly.
 *
 * `run-again` repeats what was *asked for* (`targets.requested`), not the accounts it resolved to then: an OU or
 * `all` means today's accounts, as it would if the person typed the command again. (Run again on a retry
 * repeats the retry's pairs: that is what it asked for.)
 */
export function retryRequestOf(run: Run, kind: RetryKind): RetryRequest {
  const targets: RunTargets = kind === 'run-again' ? run.targets.requested : failedPairsOf(run);
  const count = kind === 'run-again' ? run.children.length : (targets.pairs?.length ?? 0);
  if (count === 0) return { kind: 'nothing-to-retry', run };
  return {
    kind: 'request',
    request: {
      runbook: run.runbook.name,
      parameters: run.parameters,
      targets,
      mode: run.mode,
      concurrency: run.concurrency,
      maxErrors: run.maxErrors,
      ...(run.reason ? { reason: run.reason } : {}),
    },
    origin: { runId: run.id, kind },
    targets: count,
  };
}

/** The children "Retry failed" runs again. */
export function failedChildrenOf(run: Run): ChildExecution[] {
  const ended = isRunFinished(run);
  return run.children.filter(
    (child) => childPhase(child.status) !== 'succeeded' && (ended || isChildFinished(child)),
  );
}

function failedPairsOf(run: Run): RunTargets {
  const failed = failedChildrenOf(run);
  return {
    accounts: [...new Set(failed.map((child) => child.accountId))],
    organizationalUnits: [],
    excludeAccounts: [],
    regions: [...new Set(failed.map((child) => child.region))],
    pairs: failed.map((child) => ({ accountId: child.accountId, region: child.region })),
  };
}
