// Follow a run one step: start what may start (fan-out), read what AWS says, record it, and keep Slack
// current. The scheduler calls it again after `nextCheckMs` until the run has ended.
import { targetKey } from '../core/organization/organization.js';
import { applyChildReports, type ChildReport, isRunFinished } from '../core/run/apply-child-reports.js';
import { startClientToken } from '../core/run/client-token.js';
import { planFanOutStarts } from '../core/run/plan-fan-out-starts.js';
import { childPhase, isChildFinished } from '../core/run/roll-up-run.js';
import type { ChildExecution, Run } from '../core/run/run.js';
import { resolveRateLimit } from '../core/targets/rate-limit.js';
import type { RunContext } from './run-context.js';
import { syncRunToSlack } from './sync-run-to-slack.js';

export interface FollowOutcome {
  finished: boolean;
  /** When to look again; short while things move, longer while nothing does. */
  nextCheckMs: number;
}

const DEFAULT_INTERVALS = { quickMs: 2_000, slowMs: 15_000 };
/** How many executions are read or started at once for one run. */
const PARALLEL_CALLS = 8;

export async function followRun(
  context: RunContext,
  runId: string,
  previousDelayMs = 0,
): Promise<FollowOutcome> {
  const before = await context.runs.get(runId);
  if (!before) return { finished: true, nextCheckMs: 0 };
  if (before.status === 'awaiting-approval') return { finished: true, nextCheckMs: 0 };

  let run = before;
  if (!isRunFinished(run)) {
    run = await (run.mode === 'multi-account'
      ? followMultiAccount(context, run)
      : followFanOut(context, run));
  }
  run = await syncRunToSlack(context, before, run);

  const finished = isRunFinished(run);
  const moved =
    JSON.stringify(run.children) !== JSON.stringify(before.children) || run.status !== before.status;
  const { quickMs, slowMs } = context.settings.followIntervals ?? DEFAULT_INTERVALS;
  const nextCheckMs = moved ? quickMs : Math.min(slowMs, Math.max(quickMs, previousDelayMs * 2));
  return { finished, nextCheckMs };
}

async function followMultiAccount(context: RunContext, run: Run): Promise<Run> {
  const now = () => context.now().toISOString();
  if (!run.parentExecutionId) {
    if (run.status === 'cancelling') {
      // Cancelled before SSM was asked: nothing runs, every child ends cancelled.
      return store(context, run.id, (latest) =>
        applyChildReports(
          latest,
          latest.children.map((child) => ({ ...child, status: 'Cancelled' })),
          now(),
        ),
      );
    }
    if (run.status !== 'starting') return run;
    const home = await context.automation.homeAccountId();
    const parameters = { ...run.parameters };
    const runbook = await context.catalog.describe(run.runbook.name);
    const assumeRole = runbook?.assumeRoleParameter ?? 'AutomationAssumeRole';
    parameters[assumeRole] = [`arn:aws:iam::${home}:role/${context.settings.administrationRoleName}`];
    const started = await context.automation.startMultiAccount({
      runbook: run.runbook.name,
      parameters,
      accountIds: run.targets.accounts.map((account) => account.id),
      regions: run.targets.regions,
      executionRoleName: context.settings.executionRoleName,
      maxConcurrency: formatLimit(run.concurrency),
      maxErrors: formatLimit(run.maxErrors),
      clientToken: startClientToken(run.id, 'multi-account'),
    });
    return store(context, run.id, (latest) =>
      started.ok
        ? {
            ...latest,
            parentExecutionId: started.value.executionId,
            status: latest.status === 'starting' ? 'running' : latest.status,
            updatedAt: now(),
          }
        : applyChildReports(
            latest,
            latest.children.map((child) => ({ ...child, status: 'StartFailed', failure: started.failure })),
            now(),
          ),
    );
  }
  const described = await context.automation.describe({
    executionId: run.parentExecutionId,
    region: context.settings.homeRegion,
  });
  if (!described.ok) return run;
  const parent = described.value;
  const reports: ChildReport[] = [...parent.locations];
  // A parent that ended before starting some children (its role could not be assumed, it was stopped)
  // leaves them without a step status of their own: they end as the parent did.
  const parentEnded = childPhase(parent.status) !== 'running' && childPhase(parent.status) !== 'queued';
  if (parentEnded) {
    const reported = new Set(reports.filter((report) => isChildFinished(report)).map(targetKey));
    for (const child of run.children) {
      if (reported.has(targetKey(child)) || isChildFinished(child)) continue;
      reports.push({
        accountId: child.accountId,
        region: child.region,
        status: parent.status === 'Cancelled' ? 'Cancelled' : 'Failed',
        failure: parent.failure,
        endedAt: parent.endedAt,
      });
    }
  }
  return store(context, run.id, (latest) => applyChildReports(latest, reports, now()));
}

async function followFanOut(context: RunContext, run: Run): Promise<Run> {
  const now = () => context.now().toISOString();
  const reports: ChildReport[] = [];
  // 1. Read the children that are on their way.
  const active = run.children.filter((child) => child.executionId && !isChildFinished(child));
  await inBatches(active, async (child) => {
    const described = await context.automation.describe({
      executionId: child.executionId!,
      accountId: child.accountId,
      region: child.region,
    });
    if (described.ok) {
      const { status, startedAt, endedAt, failure } = described.value;
      reports.push({ accountId: child.accountId, region: child.region, status, startedAt, endedAt, failure });
    }
  });
  const refreshed = applyChildReports(run, reports, now());

  // 2. Start what the limits allow, or skip what the error threshold rules out.
  const stopping = refreshed.status === 'cancelling' || refreshed.status === 'cancelled';
  const step = planFanOutStarts(refreshed.children, {
    maxConcurrency: resolveRateLimit(run.concurrency, run.children.length),
    maxErrors: resolveRateLimit(run.maxErrors, run.children.length),
  });
  const toSkip = stopping ? queuedIndexes(refreshed.children) : step.skip;
  for (const index of toSkip) {
    const child = refreshed.children[index]!;
    reports.push({
      accountId: child.accountId,
      region: child.region,
      status: stopping ? 'Cancelled' : 'Skipped',
    });
  }
  const toStart = stopping ? [] : step.start.map((index) => refreshed.children[index]!);
  await inBatches(toStart, async (child) => {
    const started = await context.automation.startInAccount({
      target: { accountId: child.accountId, region: child.region },
      runbook: run.runbook.name,
      parameters: run.parameters,
      clientToken: startClientToken(run.id, targetKey(child)),
    });
    reports.push(
      started.ok
        ? {
            accountId: child.accountId,
            region: child.region,
            status: 'Pending',
            executionId: started.value.executionId,
            startedAt: now(),
          }
        : {
            accountId: child.accountId,
            region: child.region,
            status: 'StartFailed',
            failure: started.failure,
            endedAt: now(),
          },
    );
  });
  return store(context, run.id, (latest) => {
    const next = applyChildReports(latest, reports, now());
    return next.status === 'starting' ? { ...next, status: 'running' } : next;
  });
}

async function store(context: RunContext, runId: string, change: (run: Run) => Run): Promise<Run> {
  const stored = await context.runs.update(runId, change);
  if (!stored) throw new Error(`run ${runId} disappeared while it was followed`);
  return stored;
}

function queuedIndexes(children: ChildExecution[]): number[] {
  return children.flatMap((child, index) => (child.status === 'Queued' ? [index] : []));
}

const formatLimit = (limit: Run['concurrency']) =>
  limit.kind === 'percent' ? `${limit.value}%` : String(limit.value);

async function inBatches<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  for (let index = 0; index < items.length; index += PARALLEL_CALLS) {
    await Promise.all(items.slice(index, index + PARALLEL_CALLS).map(work));
  }
}
