// Gauges of what the stores hold: runs and their executions by status, change requests by status.

import { Gauge, type Registry } from 'prom-client';
import type { ChangeStatus } from '../core/approval/change-request.js';
import type { RunStatus } from '../core/run/run.js';
import { changeKeys } from '../store/change-keys.js';
import { parseStoredChange } from '../store/parse-stored-change.js';
import { parseStoredJson } from '../store/parse-stored-json.js';
import { parseStoredRun } from '../store/parse-stored-run.js';
import type { RedisClient } from '../store/redis-connection.js';
import { runKeys } from '../store/run-keys.js';
import { collectFromRedis } from './collect-from-redis.js';
import { RecentRecords } from './recent-records.js';

/** How many of the newest runs and change requests the gauges cover (the help text says so). */
export const RECENT_WINDOW = 500;

/** Registers the store gauges; each scrape reads the newest RECENT_WINDOW runs and changes (see RecentRecords). */
export function registerStoreGauges(registry: Registry, redis: RedisClient, keyPrefix: string): void {
  const runKeyLayout = runKeys(keyPrefix);
  const runs = new RecentRecords(redis, {
    recentKey: runKeyLayout.recent,
    recordKey: runKeyLayout.run,
    limit: RECENT_WINDOW,
    fields: ['header', 'counts', 'json'],
    summarize: ([header, counts, json], id) =>
      summarizeRun(header ?? null, counts ?? null, json ?? null, runKeyLayout.run(id), id),
  });
  const changeKeyLayout = changeKeys(keyPrefix);
  const changes = new RecentRecords(redis, {
    recentKey: changeKeyLayout.recent,
    recordKey: changeKeyLayout.change,
    limit: RECENT_WINDOW,
    fields: ['json'],
    summarize: ([json], id) =>
      json ? (parseStoredChange(json, changeKeyLayout.change(id), id).request.status as string) : undefined,
  });

  // Runs and executions share a read in flight (prom-client collects a registry's metrics concurrently).
  const readRuns = sharedWhileInFlight(() => runs.read());
  new Gauge({
    name: 'ssm_chatops_runs',
    help: `Runs by status, among the ${RECENT_WINDOW} newest`,
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      await collectFromRedis(redis, this, async () =>
        setCounts(this, tally((await readRuns()).map((run) => run.status)), RUN_STATUSES),
      );
    },
  });
  new Gauge({
    name: 'ssm_chatops_executions',
    help: `Child executions (one per account and region) by status, in the ${RECENT_WINDOW} newest runs`,
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      await collectFromRedis(redis, this, async () =>
        setCounts(this, sumCounts((await readRuns()).map((run) => run.executions))),
      );
    },
  });
  new Gauge({
    name: 'ssm_chatops_change_requests',
    help: `Change requests by status, among the ${RECENT_WINDOW} newest`,
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      await collectFromRedis(redis, this, async () =>
        setCounts(this, tally(await changes.read()), CHANGE_STATUSES),
      );
    },
  });
}

/** Every run and change status is always reported (0 when none), so an alert on one never sees it vanish. */
const RUN_STATUSES: readonly RunStatus[] = [
  'starting',
  'running',
  'cancelling',
  'succeeded',
  'completed-with-errors',
  'failed',
  'cancelled',
];
const CHANGE_STATUSES: readonly ChangeStatus[] = [
  'pending',
  'scheduled',
  'approved',
  'held',
  'started',
  'rejected',
  'withdrawn',
  'expired',
];

/** Counts by status; a status no longer seen drops out (or shows 0 when it is one of `always`). */
function setCounts(
  gauge: Gauge<'status'>,
  counts: Map<string, number>,
  always: readonly string[] = [],
): void {
  gauge.reset();
  for (const status of always) gauge.set({ status }, 0);
  for (const [status, count] of counts) gauge.set({ status }, count);
}

function tally(statuses: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
  return counts;
}

function sumCounts(perRun: ReadonlyArray<Record<string, number>>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const runCounts of perRun)
    for (const [status, count] of Object.entries(runCounts))
      counts.set(status, (counts.get(status) ?? 0) + count);
  return counts;
}

/**
 * A run's status and its executions by status, from the record's small `header` and `counts` (see run-keys.ts);
 * a record of the old layout is parsed whole. `undefined` when the record is gone.
 */
function summarizeRun(
  header: string | null,
  counts: string | null,
  json: string | null,
  key: string,
  id: string,
): { status: string; executions: Record<string, number> } | undefined {
  if (header && counts) {
    const where = `run store: the value at ${key}`;
    const { status } = parseStoredJson(header, `${where} (header)`) as { status: string };
    return { status, executions: parseStoredJson(counts, `${where} (counts)`) as Record<string, number> };
  }
  if (!json) return undefined;
  const run = parseStoredRun(json, key, id);
  return {
    status: run.status,
    executions: Object.fromEntries(tally(run.children.map((child) => child.status))),
  };
}

/** Calls `read` unless a call is still in flight, whose answer is then shared. */
function sharedWhileInFlight<T>(read: () => Promise<T>): () => Promise<T> {
  let inFlight: Promise<T> | undefined;
  return () => {
    inFlight ??= read().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };
}
