// How a run's thread is laid out. A small run gets one reply per account and region. A large one would trail its
// executions by an hour at Slack's pace (about one post per second per channel), so its thread groups them: one
// reply per region and page of accounts, edited in place, plus a reply per failure and one summary of failures.
import { childPhase, isChildFinished } from './roll-up-run.js';
import { type ChildExecution, NOT_STARTED, type Run } from './run.js';

/** Accounts per grouped reply: a table of this many rows (and its header) stays well inside a message. */
export const ACCOUNTS_PER_GROUP = 50;

/** Runs with more targets than this group their thread unless the configuration says otherwise. */
export const DEFAULT_GROUP_REPLIES_ABOVE = 20;

/** One grouped reply: a page of the accounts of one region, in the order people read them (name, then id). */
export interface ThreadGroup {
  /** Stable for the run's life: `<region>:<page>`. */
  key: string;
  region: string;
  /** 1-based. */
  page: number;
  pages: number;
  /** 1-based position of the group's first account among the region's accounts. */
  first: number;
  /** How many accounts the region has in this run. */
  regionTotal: number;
  children: ChildExecution[];
}

export type ThreadLayout = { kind: 'per-target' } | { kind: 'grouped'; groups: ThreadGroup[] };

export function threadLayout(
  run: Pick<Run, 'children' | 'targets'>,
  groupRepliesAbove: number,
): ThreadLayout {
  const all = run.children;
  if (all.length <= groupRepliesAbove) return { kind: 'per-target' };
  const groups: ThreadGroup[] = [];
  for (const { region, indices } of threadOrder(run)) {
    const pages = Math.ceil(indices.length / ACCOUNTS_PER_GROUP);
    for (let page = 1; page <= pages; page++) {
      const start = (page - 1) * ACCOUNTS_PER_GROUP;
      const children: ChildExecution[] = [];
      for (let at = start; at < Math.min(start + ACCOUNTS_PER_GROUP, indices.length); at++) {
        children.push(all[indices[at]!]!);
      }
      groups.push({
        key: `${region}:${page}`,
        region,
        page,
        pages,
        first: start + 1,
        regionTotal: indices.length,
        children,
      });
    }
  }
  return { kind: 'grouped', groups };
}

interface RegionOrder {
  region: string;
  /** Indices into the run's children, in account order. */
  indices: number[];
}

/**
 * A large run is laid out on every change a poll finds, and sorting its thousands of children by name each time
 * was the worker's largest allocation after the roll-ups. A run's children keep their targets and order for its
 * whole life, so the order is worked out once per run (its `targets` object, which updates keep) and only
 * checked (a comparison per neighbour, no allocation) against the children it is used with.
 */
const ORDERS = new WeakMap<object, RegionOrder[]>();

function threadOrder(run: Pick<Run, 'children' | 'targets'>): RegionOrder[] {
  const cached = ORDERS.get(run.targets);
  if (cached && fitsChildren(cached, run.children)) return cached;
  const byRegion = new Map<string, number[]>();
  // Indexed: for-of over the store's frozen arrays allocates per child.
  for (let index = 0; index < run.children.length; index++) {
    const { region } = run.children[index]!;
    const list = byRegion.get(region);
    if (list) list.push(index);
    else byRegion.set(region, [index]);
  }
  const order = [...byRegion.keys()].sort().map((region) => ({
    region,
    indices: byRegion
      .get(region)!
      .sort((left, right) => byAccount(run.children[left]!, run.children[right]!)),
  }));
  ORDERS.set(run.targets, order);
  return order;
}

/**
 * Whether a kept order is still the sorted order of these children: every index in its region and each
 * account after the one before it. Targets are unique, so that order is the one a sort would give.
 */
function fitsChildren(order: RegionOrder[], children: readonly ChildExecution[]): boolean {
  let count = 0;
  for (const { region, indices } of order) {
    for (let at = 0; at < indices.length; at++) {
      const child = children[indices[at]!];
      if (child?.region !== region) return false;
      if (at > 0 && byAccount(children[indices[at - 1]!]!, child) > 0) return false;
    }
    count += indices.length;
  }
  return count === children.length;
}

/** What `localeCompare` with no arguments uses, made once: sorting thousands of targets compares often. */
const NAMES = new Intl.Collator();

/** Account name, then id: the order of every list of a run's targets. */
export function byAccount(
  left: Pick<ChildExecution, 'accountName' | 'accountId'>,
  right: Pick<ChildExecution, 'accountName' | 'accountId'>,
): number {
  return NAMES.compare(left.accountName, right.accountName) || NAMES.compare(left.accountId, right.accountId);
}

/** Account name, account id, then region: the order a run's thread and results list its targets. */
export function byTarget(
  left: Pick<ChildExecution, 'accountName' | 'accountId' | 'region'>,
  right: Pick<ChildExecution, 'accountName' | 'accountId' | 'region'>,
): number {
  return byAccount(left, right) || NAMES.compare(left.region, right.region);
}

/**
 * A child gets its own reply as soon as it has an execution (running or ended) or could not start: people see
 * which targets are running, and at which step, within one poll. A small run has few replies, so the edits
 * as each one moves stay within Slack's pace; a large run groups its thread instead (`deservesGroupReply`).
 */
export function deservesReply(child: ChildExecution): boolean {
  return child.status === 'StartFailed' || child.executionId !== undefined;
}

/**
 * A grouped reply is posted before all its accounts have ended only once one of them has run this long. Longer
 * than a single reply's wait: the parent shows the run's progress all along, a table of 50 accounts edited as
 * each moves would spend Slack's pace of edits (see SlackRunNotifier), and a run of short executions that the
 * worker records a little late must not look long-running.
 */
export const LIVE_GROUP_REPLY_AFTER_MS = 5 * 60_000;

/**
 * A group is posted once all its accounts have ended and their steps are read, or once one of them has been
 * running for a long while (then it is edited in place). A run of short executions thus posts each group once:
 * its table shows each failed step and duration, which a multi-account parent's report of an end does not yet
 * know; posting on that report would mean an edit per table a moment later.
 */
export function deservesGroupReply(group: ThreadGroup, now: Date): boolean {
  if (group.children.every((child) => isChildFinished(child) && stepsKnown(child))) return true;
  return group.children.some((child) => runningFor(child, now) >= LIVE_GROUP_REPLY_AFTER_MS);
}

/**
 * Whether what the worker will learn of a child's steps is known: read in its account, or nothing to read there
 * (it never started). A multi-account parent reports a child's end before the worker has read its steps in the
 * member account: a large run's replies wait for them (the run's end shows everything, whatever it knows).
 */
export function stepsKnown(child: ChildExecution): boolean {
  return child.steps !== undefined || !child.executionId || child.failure?.reason === NOT_STARTED;
}

function runningFor(child: ChildExecution, now: Date): number {
  if (!child.executionId || !child.startedAt) return 0;
  const started = Date.parse(child.startedAt);
  return Number.isNaN(started) ? 0 : now.getTime() - started;
}

export const hasFailed = (child: ChildExecution | undefined): child is ChildExecution =>
  child !== undefined && childPhase(child.status) === 'failed';

/** Why children failed: the step that failed, or the reason they could not start or ended. */
export type FailureCause = { kind: 'step'; step: string } | { kind: 'reason'; reason: string };

export interface FailureGroup {
  cause: FailureCause;
  count: number;
  /** The first accounts with this cause, in account order. */
  examples: ChildExecution[];
}

const EXAMPLES_PER_CAUSE = 5;

/** The run's failed children by cause, the most common first: what "12 accounts failed at step X" is made of. */
export function summariseFailures(run: Pick<Run, 'children'>): FailureGroup[] {
  const groups = new Map<string, { cause: FailureCause; children: ChildExecution[] }>();
  for (const child of run.children.filter(hasFailed)) {
    const cause = failureCause(child);
    const key = cause.kind === 'step' ? `step:${cause.step}` : `reason:${cause.reason}`;
    const group = groups.get(key) ?? { cause, children: [] };
    group.children.push(child);
    groups.set(key, group);
  }
  return [...groups.values()]
    .map(({ cause, children }) => ({
      cause,
      count: children.length,
      examples: children.sort(byAccount).slice(0, EXAMPLES_PER_CAUSE),
    }))
    .sort(
      (left, right) =>
        right.count - left.count || causeLabel(left.cause).localeCompare(causeLabel(right.cause)),
    );
}

function failureCause(child: ChildExecution): FailureCause {
  const step = child.steps?.find((candidate) => childPhase(candidate.status) === 'failed');
  if (step) return { kind: 'step', step: step.name };
  return { kind: 'reason', reason: child.failure?.reason ?? child.status };
}

const causeLabel = (cause: FailureCause) => (cause.kind === 'step' ? cause.step : cause.reason);
