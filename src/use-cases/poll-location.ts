// Poll one account and region: one DescribeAutomationExecutions per ten tracked executions (or parents) covers
// everything followed there; only executions that moved are read in detail (steps, failure). What changed goes
// into each run (compare-and-set) and on to Slack; finished executions stop being followed.
import { sameTarget, targetKey } from '../core/organization/organization.js';
import { applyChildReports, type ChildReport, isRunFinished } from '../core/run/apply-child-reports.js';
import { childPhase, isChildFinished } from '../core/run/roll-up-run.js';
import type { Run } from '../core/run/run.js';
import { DEFAULT_POLL_INTERVALS, nextPollDelay } from '../core/tracking/next-poll-delay.js';
import { findMoves, type MovedExecution, planDescribeCalls } from '../core/tracking/plan-location-poll.js';
import {
  type ExecutionLocation,
  type ExecutionSummary,
  entryField,
  fingerprintOf,
  isDrivenByParent,
  type TrackedEntry,
} from '../core/tracking/tracked-location.js';
import type { ExecutionSnapshot } from '../ports.js';
import { notifyRunChanges } from './notify-run-changes.js';
import type { RunContext } from './run-context.js';

export interface PollOutcome {
  /** Poll again after this long; undefined when nothing is tracked here any more. */
  nextDelayMs?: number;
  /** AWS calls made (describe + detail), for benchmarks. */
  calls: number;
}

const PARALLEL_DETAILS = 8;

export async function pollLocation(
  context: RunContext,
  location: ExecutionLocation,
  previousDelayMs?: number,
): Promise<PollOutcome> {
  const intervals = context.settings.pollIntervals ?? DEFAULT_POLL_INTERVALS;
  const entries = await context.tracker.entries(location);
  if (entries.length === 0) return { calls: 0 };

  let calls = 0;
  let refused = false;
  const summaries: ExecutionSummary[] = [];
  for (const filter of planDescribeCalls(entries)) {
    calls++;
    const described = await context.automation.describeExecutions(location, filter);
    // Refused here (the read role is missing): the runs learn the outcome from their parent or start instead,
    // but an operator should see that this place cannot be read.
    if (described.ok) summaries.push(...described.value);
    else {
      refused = true;
      context.log.warn(
        { ...location, reason: described.failure.reason, message: described.failure.message },
        'AWS refused to describe the executions in this account and region; polling it more slowly',
      );
    }
  }
  const moved = findMoves(entries, summaries);
  const parents = new Set(
    entries.flatMap((entry) => (entry.kind === 'execution' && entry.parent ? [entry.executionId] : [])),
  );

  // The summary says enough while an execution runs (status, current step); its steps are read once, at the end.
  // A multi-account parent is read each time it moves: its steps tell how every child is doing.
  const byRun = new Map<string, Array<{ summary: ExecutionSummary; snapshot?: ExecutionSnapshot }>>();
  const needsDetail = ({ summary }: (typeof moved)[number]) =>
    parents.has(summary.executionId) || isFinal(summary.status);
  for (let index = 0; index < moved.length; index += PARALLEL_DETAILS) {
    await Promise.all(
      moved.slice(index, index + PARALLEL_DETAILS).map(async (move) => {
        let snapshot: ExecutionSnapshot | undefined;
        if (needsDetail(move)) {
          calls++;
          const detail = await context.automation.describe({
            executionId: move.summary.executionId,
            ...location,
          });
          snapshot = detail.ok ? detail.value : undefined;
          if (!detail.ok) {
            context.log.warn(
              {
                ...location,
                executionId: move.summary.executionId,
                reason: detail.failure.reason,
                message: detail.failure.message,
              },
              'AWS refused to read an execution that moved; its steps are missing from its reply',
            );
          }
        }
        const list = byRun.get(move.runId) ?? [];
        list.push({ summary: move.summary, snapshot });
        byRun.set(move.runId, list);
      }),
    );
  }

  const finishedHere = new Set<string>();
  for (const [runId, changes] of byRun) {
    const run = await applyToRun(context, runId, location, changes);
    if (!run) continue;
    for (const { summary } of changes) if (isFinal(summary.status)) finishedHere.add(summary.executionId);
    const freedRoom = run.mode === 'fan-out' && changes.some(({ summary }) => isFinal(summary.status));
    if (freedRoom && !isRunFinished(run)) await context.scheduler.startChildren(run.id);
  }

  await updateTracking(context, location, entries, moved, finishedHere, refused);
  // A place where only a parent's children are followed waits for the parent to say something moved there.
  const drivenByParent = entries.every(isDrivenByParent);
  return {
    nextDelayMs: drivenByParent
      ? intervals.slowMs
      : nextPollDelay(previousDelayMs, moved.length > 0, intervals),
    calls,
  };
}

/** Folds what was read into the run; a multi-account parent speaks for its children where they are not read. */
async function applyToRun(
  context: RunContext,
  runId: string,
  location: ExecutionLocation,
  changes: Array<{ summary: ExecutionSummary; snapshot?: ExecutionSnapshot }>,
): Promise<Run | undefined> {
  const now = context.now().toISOString();
  let before: Run | undefined;
  const stored = await context.runs.update(runId, (latest) => {
    before = latest;
    const reports: ChildReport[] = [];
    for (const { summary, snapshot } of changes) {
      if (summary.executionId === latest.parentExecutionId) {
        reports.push(...parentReports(latest, summary, snapshot));
      } else {
        reports.push({
          ...location,
          status: summary.status as ChildReport['status'],
          executionId: summary.executionId,
          currentStep: summary.currentStep,
          startedAt: summary.startedAt,
          endedAt: summary.endedAt,
          ...(snapshot && { steps: snapshot.steps, failure: snapshot.failure }),
        });
      }
    }
    const next = applyChildReports(latest, reports, now);
    // Nothing new (a report of what the run already says): no write, no Slack.
    return sameChildren(next, latest) ? undefined : next;
  });
  // Written only when the change found something new, so a new revision is what tells a change apart.
  if (stored && before && stored.revision !== before.revision) {
    await notifyRunChanges(context, before, stored);
    await pollWhereTheParentMoved(context, before, changes);
  }
  return stored;
}

/** Where a multi-account parent's step for a place differs from what the run knows, that place is read now. */
async function pollWhereTheParentMoved(
  context: RunContext,
  run: Run,
  changes: Array<{ summary: ExecutionSummary; snapshot?: ExecutionSnapshot }>,
): Promise<void> {
  const parent = changes.find(({ summary }) => summary.executionId === run.parentExecutionId)?.snapshot;
  if (!parent) return;
  const known = new Map(run.children.map((child) => [targetKey(child), child.status]));
  for (const report of parent.locations) {
    if (known.get(targetKey(report)) === report.status) continue;
    await context.scheduler.pollLocation({ accountId: report.accountId, region: report.region });
  }
}

/** The parent's per-location steps; when it ended, children it never started end as it did. */
function parentReports(
  run: Run,
  summary: ExecutionSummary,
  snapshot: ExecutionSnapshot | undefined,
): ChildReport[] {
  const reports = (snapshot?.locations ?? []).filter((report) => isFinal(report.status));
  if (!isFinal(summary.status)) return reports;
  const reported = new Set(reports.map(targetKey));
  for (const child of run.children) {
    if (reported.has(targetKey(child)) || isChildFinished(child) || child.executionId) continue;
    reports.push({
      accountId: child.accountId,
      region: child.region,
      status: summary.status === 'Cancelled' ? 'Cancelled' : 'Failed',
      failure: snapshot?.failure,
      endedAt: summary.endedAt,
    });
  }
  return reports;
}

/** New fingerprints for what moved, new children followed, and finished things dropped. */
async function updateTracking(
  context: RunContext,
  location: ExecutionLocation,
  entries: TrackedEntry[],
  moved: MovedExecution[],
  finished: Set<string>,
  refused: boolean,
): Promise<void> {
  const known = new Map(entries.map((entry) => [entryField(entry), entry]));
  const updates: TrackedEntry[] = moved
    .filter(({ summary }) => !finished.has(summary.executionId))
    .map(({ summary, runId }) => ({
      // What was known of it stays (a parent stays a parent); the fingerprint is what changed.
      ...(known.get(`e:${summary.executionId}`) as Extract<TrackedEntry, { kind: 'execution' }> | undefined),
      kind: 'execution',
      executionId: summary.executionId,
      runId,
      ...(summary.parentExecutionId && { viaParent: summary.parentExecutionId }),
      fingerprint: fingerprintOf(summary),
    }));
  await context.tracker.track(location, updates);
  const drop = [...finished].map((executionId) => `e:${executionId}`);
  // Runs are read only where something can have changed: a parent's children here, or something that moved.
  // (A quiet place costs no run reads: a run of 600 children is a large record, and places are many.)
  const movedRuns = new Set(moved.map(({ runId }) => runId));
  const runs = new Map<string, Run | undefined>();
  for (const entry of entries) {
    if (entry.kind !== 'children' && !movedRuns.has(entry.runId)) continue;
    if (!runs.has(entry.runId)) runs.set(entry.runId, await context.runs.get(entry.runId));
    const run = runs.get(entry.runId);
    if (!run) {
      drop.push(entryField(entry));
      continue;
    }
    // A parent's children here are done once the run's child for this place has ended and its steps were read
    // here (the parent may report the end first); once the run ended, also when there is nothing to read (the
    // account refuses the read role, or the child never came to exist there).
    if (entry.kind === 'children') {
      const child = run.children.find((candidate) => sameTarget(candidate, location));
      const nothingToRead = isRunFinished(run) && (refused || !child?.executionId);
      const read = child?.steps !== undefined || nothingToRead;
      if (!child || (isChildFinished(child) && read)) drop.push(entryField(entry));
    }
  }
  await context.tracker.untrack(location, drop);
}

/**
 * applyChildReports keeps each child it did not change as the same object, so only the changed ones are compared
 * by value: a poll of one place in a run of 3,000 children compares a few, not all (a profile of bench:scale
 * had whole-array comparisons at 9 % of the worker's time).
 */
const sameChildren = (a: Run, b: Run) =>
  a.status === b.status &&
  a.children.length === b.children.length &&
  a.children.every(
    (child, index) =>
      child === b.children[index] || JSON.stringify(child) === JSON.stringify(b.children[index]),
  );

const isFinal = (status: string) => {
  const phase = childPhase(status as ChildReport['status']);
  return phase !== undefined && phase !== 'queued' && phase !== 'running';
};
