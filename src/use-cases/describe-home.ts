// App Home: what one person should see when they open the bot's Home tab — changes waiting for their approval,
// their own change requests and running runs, recent failures they may see, and the change calendars' state.
import type { ChangeWindow } from '../core/approval/change-window.js';
import { decideChangeEvent } from '../core/approval/decide-change-event.js';
import type { StoredChange } from '../core/approval/stored-change.js';
import { audienceOfChange, audienceOfRun } from '../core/policy/is-visible-to.js';
import type { Subject } from '../core/policy/subject.js';
import type { ChildPhase } from '../core/run/roll-up-run.js';
import type { RunStatus } from '../core/run/run.js';
import { countByPhase, overviewOf, type RunOverview } from '../core/run/run-overview.js';
import type { CalendarOutlook } from '../ports.js';
import type { RunContext } from './run-context.js';
import { templateNamed } from './template-named.js';
import { visibleTo } from './visible-to.js';

/** A change request as the Home lists it. */
export interface HomeChange {
  id: string;
  runbook: string;
  /** Slack user id. */
  requester: string;
  status: StoredChange['request']['status'];
  targets: number;
  reason?: string;
  /** ISO 8601. */
  createdAt: string;
  expiresAt: string;
  /** The approval level being asked, named as the template names it (or "level 2"). */
  level?: string;
  /** When a scheduled change may start. */
  window?: ChangeWindow;
}

/** A run as the Home lists it, with its children counted by phase. */
export interface HomeRun {
  id: string;
  runbook: string;
  requester: string;
  status: RunStatus;
  channelId: string;
  createdAt: string;
  updatedAt: string;
  total: number;
  counts: Record<ChildPhase, number>;
}

/** A configured calendar's state, or `unknown` when SSM could not be asked. */
export type HomeCalendar = CalendarOutlook | { calendar: string; state: 'unknown' };

export interface Home {
  /** Pending changes this person may approve now (the state machine would take their vote). */
  awaitingMyApproval: HomeChange[];
  /** This person's change requests that are not closed or started. */
  myChanges: HomeChange[];
  /** This person's runs that have not ended. */
  myRunningRuns: HomeRun[];
  /** Runs that failed or completed with errors lately, among those this person may see. */
  recentFailures: HomeRun[];
  /** Every calendar a change template names, in the order first named. */
  calendars: HomeCalendar[];
}

/** How many open changes, unfinished runs and recent runs are read: the Home is a glance, not an archive. */
export const HOME_SCAN = { openChanges: 200, unfinishedRuns: 200, recentRuns: 100 } as const;
/** How many of each list the Home keeps. */
export const HOME_SHOWN = { changes: 10, runs: 10, failures: 5 } as const;

/**
 * What `subject` sees in their App Home. Everything passes the policy's visibility rule (`isVisibleTo`) for
 * them, as `/ssm history` does; the Home has no channel of its own, so `subject.channelId` should be their
 * DM with the bot (or empty), which shows nobody anything they could not see elsewhere.
 */
export async function describeHome(context: RunContext, subject: Subject): Promise<Home> {
  const { approvals } = context;
  const [open, unfinished, recent, calendars] = await Promise.all([
    approvals.changes.listOpen(HOME_SCAN.openChanges),
    context.runs.listUnfinished(HOME_SCAN.unfinishedRuns),
    context.runs.listRecent(HOME_SCAN.recentRuns),
    calendarsOf(context),
  ]);
  const at = context.now();
  const awaiting = open.filter((change) => {
    const template = templateNamed(approvals, change.request.template);
    if (!template || change.request.status !== 'pending') return false;
    const vote = decideChangeEvent(change.request, template, {
      type: 'approve',
      voter: subject.userId,
      voterGroups: subject.userGroupIds,
      at,
    });
    return vote.kind !== 'refused';
  });
  const mine = open.filter((change) => change.request.requester === subject.userId);
  const running = unfinished.filter((run) => run.requester.userId === subject.userId).map(overviewOf);
  const failed = recent.filter((run) => run.status === 'failed' || run.status === 'completed-with-errors');

  const changes = [...awaiting, ...mine];
  const runs = [...running, ...failed];
  const visible = await visibleTo(context, subject, [
    ...changes.map((change) => audienceOfChange(change, templateNamed(approvals, change.request.template))),
    ...runs.map((run) => audienceOfRun(run, approvals.templates)),
  ]);
  const changeVisible = (change: StoredChange) => visible[changes.indexOf(change)] === true;
  const runVisible = (run: RunOverview) => visible[changes.length + runs.indexOf(run)] === true;

  return {
    awaitingMyApproval: newestFirst(
      awaiting.filter(changeVisible).map((change) => homeChange(context, change)),
    ).slice(0, HOME_SHOWN.changes),
    myChanges: newestFirst(mine.filter(changeVisible).map((change) => homeChange(context, change))).slice(
      0,
      HOME_SHOWN.changes,
    ),
    myRunningRuns: newestFirst(running.filter(runVisible).map(homeRun)).slice(0, HOME_SHOWN.runs),
    recentFailures: failed
      .filter(runVisible)
      .map(homeRun)
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
      .slice(0, HOME_SHOWN.failures),
    calendars,
  };
}

const newestFirst = <T extends { createdAt: string }>(items: T[]): T[] =>
  [...items].sort((a, b) => b.createdAt.localeCompare(a.createdAt));

function homeChange(context: Pick<RunContext, 'approvals'>, { request, run }: StoredChange): HomeChange {
  const template = templateNamed(context.approvals, request.template);
  const level = template?.levels[request.level];
  return {
    id: request.id,
    runbook: run.plan.runbook.name,
    requester: request.requester,
    status: request.status,
    targets: run.plan.targets.length,
    ...(request.reason && { reason: request.reason }),
    createdAt: request.createdAt,
    expiresAt: request.expiresAt,
    ...(request.window && { window: { ...request.window } }),
    ...(request.status === 'pending' && level && { level: level.name ?? `level ${request.level + 1}` }),
  };
}

function homeRun(run: RunOverview): HomeRun {
  const counts = countByPhase(run.childCounts);
  const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
  return {
    id: run.id,
    runbook: run.runbook.name,
    requester: run.requester.userId,
    status: run.status,
    channelId: run.channelId,
    createdAt: run.createdAt,
    updatedAt: run.updatedAt,
    total,
    counts,
  };
}

/** Each calendar the templates name, asked one by one so one that cannot be read does not hide the others. */
async function calendarsOf(context: Pick<RunContext, 'approvals' | 'log'>): Promise<HomeCalendar[]> {
  const names = [...new Set(context.approvals.templates.flatMap((template) => template.calendars ?? []))];
  return Promise.all(
    names.map(async (calendar): Promise<HomeCalendar> => {
      try {
        return await context.approvals.calendar.outlook(calendar);
      } catch (error) {
        context.log.warn({ calendar, err: error }, 'App Home could not read a change calendar');
        return { calendar, state: 'unknown' };
      }
    }),
  );
}
