// Start what a run may start now: the multi-account parent (one StartAutomationExecution with TargetLocations),
// or the fan-out children its concurrency and error threshold allow. Every start is idempotent (ClientToken), so a
// job retried after a crash starts nothing twice; what started is tracked for the pollers.
import { formatRateLimit } from '../core/command/rate-limit-grammar.js';
import { roleArn } from '../core/organization/arn.js';
import { targetKey } from '../core/organization/organization.js';
import { applyChildReports, type ChildReport, isRunFinished } from '../core/run/apply-child-reports.js';
import { startClientToken } from '../core/run/client-token.js';
import { planFanOutStarts } from '../core/run/plan-fan-out-starts.js';
import { isChildFinished } from '../core/run/roll-up-run.js';
import {
  DEFAULT_ROOM_BACKOFF,
  decideRoomWait,
  type RoomDecision,
  roomWaitDueInMs,
} from '../core/run/room-wait.js';
import type { ChildExecution, ChildFailure, Run } from '../core/run/run.js';
import { mustWaitForRoom } from '../core/run/start-refusal.js';
import { groupTargetLocations } from '../core/run/target-locations.js';
import { resolveRateLimit } from '../core/targets/rate-limit.js';
import { DEFAULT_POLL_INTERVALS } from '../core/tracking/next-poll-delay.js';
import { fingerprintOf } from '../core/tracking/tracked-location.js';
import { notifyRunChanges } from './notify-run-changes.js';
import type { RunContext } from './run-context.js';

export interface StartChildrenOutcome {
  /** Children still wait for room: look again after this long (a finished child brings it forward). */
  againInMs?: number;
}

/** How many starts (each an AssumeRole at most, then one call) go out at once for one run. */
const PARALLEL_STARTS = 8;

export async function startChildren(context: RunContext, runId: string): Promise<StartChildrenOutcome> {
  const run = await context.runs.get(runId);
  if (!run || isRunFinished(run)) return {};
  return run.mode === 'multi-account' ? startMultiAccount(context, run) : startFanOut(context, run);
}

async function startMultiAccount(context: RunContext, run: Run): Promise<StartChildrenOutcome> {
  const now = () => context.now().toISOString();
  if (run.parentExecutionId) {
    // Started before (this is a retry after a crash): make sure it is followed.
    await trackMultiAccount(context, run, run.parentExecutionId);
    return {};
  }
  if (run.status === 'cancelling') {
    await record(context, run, (latest) => applyChildReports(latest, cancelled(latest.children), now()));
    return {};
  }
  const home = await context.automation.homeAccountId();
  const runbook = await context.catalog.describe(run.runbook.name);
  const assumeRoleParameter = runbook?.assumeRoleParameter ?? 'AutomationAssumeRole';
  const started = await context.automation.startMultiAccount({
    runbook: run.runbook.name,
    parameters: {
      ...run.parameters,
      [assumeRoleParameter]: [roleArn(home, context.settings.administrationRoleName)],
    },
    // From the children, not accounts × regions: a retry names only some pairs.
    locations: groupTargetLocations(run.children),
    executionRoleName: context.settings.executionRoleName,
    maxConcurrency: formatRateLimit(run.concurrency),
    maxErrors: formatRateLimit(run.maxErrors),
    clientToken: startClientToken(run.id, 'multi-account'),
  });
  if (!started.ok) {
    const failure = started.failure;
    // The run shows the refusal in Slack; the log tells an operator which place refused and why.
    context.log.warn(
      { runId: run.id, accountId: home, region: context.settings.homeRegion, ...describedFailure(failure) },
      'AWS refused to start a multi-account run; every child failed to start',
    );
    await record(context, run, (latest) =>
      applyChildReports(
        latest,
        latest.children.map((child) => ({ ...child, status: 'StartFailed', failure, endedAt: now() })),
        now(),
      ),
    );
    return {};
  }
  const parentExecutionId = started.value.executionId;
  const stored = await record(context, run, (latest) => ({
    ...latest,
    parentExecutionId,
    status: latest.status === 'starting' ? 'running' : latest.status,
    updatedAt: now(),
  }));
  await trackMultiAccount(context, stored, parentExecutionId);
  return {};
}

/** The parent in the operations account, and its children in every member account and region. */
async function trackMultiAccount(context: RunContext, run: Run, parentExecutionId: string): Promise<void> {
  const home = { accountId: await context.automation.homeAccountId(), region: context.settings.homeRegion };
  await context.tracker.track(home, [
    { kind: 'execution', executionId: parentExecutionId, runId: run.id, parent: true },
  ]);
  await context.scheduler.pollLocation(home);
  // Member places are polled when the parent's steps say something moved there (and slowly otherwise).
  const { slowMs } = context.settings.pollIntervals ?? DEFAULT_POLL_INTERVALS;
  for (const location of locationsOf(run.children)) {
    await context.tracker.track(location, [{ kind: 'children', parentExecutionId, runId: run.id }]);
    await context.scheduler.pollLocation(location, slowMs);
  }
}

async function startFanOut(context: RunContext, run: Run): Promise<StartChildrenOutcome> {
  const now = () => context.now().toISOString();
  if (run.status === 'cancelling') {
    await record(context, run, (latest) => applyChildReports(latest, cancelled(latest.children), now()));
    return {};
  }
  const step = planFanOutStarts(run.children, {
    maxConcurrency: resolveRateLimit(run.concurrency, run.children.length),
    maxErrors: resolveRateLimit(run.maxErrors, run.children.length),
  });
  const reports: ChildReport[] = step.skip.map((index) => ({ ...run.children[index]!, status: 'Skipped' }));
  const toStart = step.start.map((index) => run.children[index]!);
  const waiting: Array<{ child: ChildExecution; failure: ChildFailure }> = [];
  for (let index = 0; index < toStart.length; index += PARALLEL_STARTS) {
    await Promise.all(
      toStart.slice(index, index + PARALLEL_STARTS).map(async (child) => {
        const outcome = await startOne(context, run, child);
        if ('report' in outcome) reports.push(outcome.report);
        else waiting.push({ child, failure: outcome.noRoom });
      }),
    );
  }
  const decision = decideRoomWait(
    run.roomWait,
    {
      started: reports.filter((report) => report.status === 'Pending').length,
      refusedForRoom: waiting.map(({ failure }) => failure),
    },
    context.now(),
    context.settings.roomBackoff ?? DEFAULT_ROOM_BACKOFF,
    jitterFrom(context.randomBytes(4)),
  );
  if (decision.kind === 'give-up') {
    for (const { child } of waiting) {
      context.log.warn(
        { runId: run.id, ...place(child), ...describedFailure(decision.failure) },
        'a fan-out child waited too long for room in its account and region; it is reported failed',
      );
      reports.push({ ...place(child), status: 'StartFailed', failure: decision.failure, endedAt: now() });
    }
  }
  const stored = await record(context, run, (latest) => {
    const next = withRoomWait(applyChildReports(latest, reports, now()), decision);
    return next.status === 'starting' ? { ...next, status: 'running' } : next;
  });
  await trackStarted(context, stored);
  if (isRunFinished(stored) || !stored.children.some((child) => child.status === 'Queued')) return {};
  // Waiting for room: at the run's backoff. Waiting for the run's own concurrency: a child's end brings the
  // starter forward, this is only the fallback.
  const slowMs = (context.settings.pollIntervals ?? DEFAULT_POLL_INTERVALS).slowMs;
  return { againInMs: stored.roomWait ? roomWaitDueInMs(stored.roomWait, context.now()) : slowMs };
}

/** The run with the wait the tick decided (a give-up keeps it: later refusals before any start fail at once). */
function withRoomWait(run: Run, decision: RoomDecision): Run {
  if (decision.kind === 'unchanged') return run;
  const { roomWait: _previous, ...rest } = run;
  return decision.kind === 'clear' ? rest : { ...rest, roomWait: decision.wait };
}

/** A fraction in [0, 1) from injected random bytes, for the backoff's jitter. */
const jitterFrom = (bytes: Uint8Array) =>
  new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0) / 2 ** 32;

/** What became of one start: a report, or SSM's refusal when it has no room yet (the child stays Queued). */
async function startOne(
  context: RunContext,
  run: Run,
  child: ChildExecution,
): Promise<{ report: ChildReport } | { noRoom: ChildFailure }> {
  const at = context.now().toISOString();
  const started = await context.automation.startInAccount({
    target: { accountId: child.accountId, region: child.region },
    runbook: run.runbook.name,
    parameters: run.parameters,
    clientToken: startClientToken(run.id, targetKey(child)),
  });
  if (started.ok) {
    return {
      report: { ...place(child), status: 'Pending', executionId: started.value.executionId, startedAt: at },
    };
  }
  if (mustWaitForRoom(started.failure)) {
    context.log.info(
      { runId: run.id, ...place(child), ...describedFailure(started.failure) },
      'SSM has no room in this account and region yet; the child stays queued',
    );
    return { noRoom: started.failure };
  }
  context.log.warn(
    { runId: run.id, ...place(child), ...describedFailure(started.failure) },
    'AWS refused to start a fan-out child in this account and region',
  );
  return { report: { ...place(child), status: 'StartFailed', failure: started.failure, endedAt: at } };
}

/** A refusal as the log shows it: AWS's code and message, nothing of the request (no credentials). */
const describedFailure = (failure: ChildFailure) => ({ reason: failure.reason, message: failure.message });

/**
 * Every child that started and has not ended is followed in its place. Checked each tick, not only for the
 * children this tick started: a worker killed between starting and tracking leaves them to the next tick.
 */
async function trackStarted(context: RunContext, run: Run): Promise<void> {
  for (const child of run.children) {
    if (!child.executionId || isChildFinished(child)) continue;
    if (await context.tracker.find(child.executionId)) continue;
    const location = place(child);
    // Known as it stands (just started: Pending): the first poll that finds it so is not a change to record.
    const fingerprint = fingerprintOf({ status: child.status, currentStep: child.currentStep });
    await context.tracker.track(location, [
      { kind: 'execution', executionId: child.executionId, runId: run.id, fingerprint },
    ]);
    await context.scheduler.pollLocation(location);
  }
}

/** Stores a change (compare-and-set) and tells Slack what it changed. */
async function record(context: RunContext, run: Run, change: (latest: Run) => Run): Promise<Run> {
  let before = run;
  const stored = await context.runs.update(run.id, (latest) => {
    before = latest;
    return change(latest);
  });
  if (!stored) throw new Error(`run ${run.id} disappeared while its children were started`);
  await notifyRunChanges(context, before, stored);
  return stored;
}

const place = (child: ChildExecution) => ({ accountId: child.accountId, region: child.region });

const cancelled = (children: ChildExecution[]): ChildReport[] =>
  children
    .filter((child) => child.status === 'Queued' || child.status === 'Pending')
    .map((child) => ({
      ...place(child),
      status: 'Cancelled',
    }));

function locationsOf(children: ChildExecution[]) {
  const seen = new Map(children.map((child) => [targetKey(child), place(child)]));
  return [...seen.values()];
}
