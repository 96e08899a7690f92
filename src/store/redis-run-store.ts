// The run store in Redis: one hash of parts per run, a recent list and an execution index, each on a slot of its own.

import { LRUCache } from 'lru-cache';
import { isRunFinished } from '../core/run/apply-child-reports.js';
import type { Run } from '../core/run/run.js';
import type { RunOverview } from '../core/run/run-overview.js';
import { ErrorCode, StoreError } from '../errors.js';
import type { RunStore } from '../ports.js';
import { deepFreeze } from './deep-freeze.js';
import { parseStoredRun } from './parse-stored-run.js';
import { positiveInteger } from './positive-integer.js';
import type { RedisClient } from './redis-connection.js';
import { addedExecutionIds, assertSameIdentity, executionIdsOf, recentScore } from './run-indexes.js';
import { type RunKeys, runKeys } from './run-keys.js';
import {
  assembleOverview,
  assembleRun,
  changedRecord,
  OVERVIEW_FIELDS,
  type RunRecordWrite,
  wholeRecord,
} from './run-record.js';
import { addRecentRunScript } from './scripts/add-recent-run.js';
import { createRunScript } from './scripts/create-run.js';
import { readRunScript } from './scripts/read-run.js';
import { updateRunScript } from './scripts/update-run.js';

export interface RedisRunStoreOptions {
  /** Put before every key; default `ssm-chatops:`. Tests use a random one each. */
  prefix?: string;
  /** How many runs `{runs}:recent` keeps (default 10,000). A run's record lives on by `retentionDays`. */
  recentLimit?: number;
  /**
   * Days a finished run's keys live on (default 30): the write that ends a run gives its record and its
   * execution-index keys this TTL, and each create drops ids older than this from the recent and unfinished sets.
   */
  retentionDays?: number;
  /** Compare-and-set attempts before `update` gives up (default 50). */
  maxUpdateAttempts?: number;
  /** How many parsed runs `get` keeps, reused while their version stays the same (default 64). */
  parsedRunCacheSize?: number;
}

export const DEFAULT_KEY_PREFIX = 'ssm-chatops:';

/** A run as this process last read or wrote it, with the version that names it. */
interface KnownRun {
  version: string;
  run: Run;
  /** Read from a record of the old layout (one `json` field): the next write sends every part. */
  oldLayout?: boolean;
}

/** At most this many queued updates of one run go into one write, so one write stays small. */
const MAX_COMBINED_UPDATES = 64;

interface QueuedUpdate {
  change: (run: Run) => Run | undefined;
  resolve: (run: Run | undefined) => void;
  reject: (error: unknown) => void;
}

type UpdateResult = { ok: true; run: Run | undefined } | { ok: false; error: unknown };

/**
 * Applies each change to what the one before it made, as if they were written one by one: a change that made
 * something gets the next revision; one that made nothing (or threw) leaves the run as it was for the next.
 */
function applyInTurn(base: Run, updates: readonly QueuedUpdate[]): { results: UpdateResult[]; last: Run } {
  let last = base;
  const results = updates.map((update): UpdateResult => {
    try {
      const changed = update.change({ ...last, children: [...last.children] });
      if (changed === undefined) return { ok: true, run: last };
      const next = { ...changed, revision: last.revision + 1 };
      assertSameIdentity(base, next);
      last = deepFreeze(next);
      return { ok: true, run: last };
    } catch (error) {
      return { ok: false, error };
    }
  });
  return { results, last };
}

/**
 * Keys (see run-keys.ts): `{prefix}{run:<id>}` hash of parts (header, targets, one field per child, counts,
 * version) with its `:changed` set on the same slot; `{prefix}{runs}:recent` and `{prefix}{runs}:unfinished`
 * sorted sets by createdAt ms; `{prefix}{execution:<executionId>}` → run id. Each has a hash tag of its own, so on
 * Redis Cluster runs spread over the shards, and no script spans two of them. Instead, writes go in an order that
 * a crash at any point leaves safe: the index entries that point to a run first, the run's record last. A crash in
 * between leaves entries pointing at a run that is not there (yet): readers skip them (`listRecent`), or treat them
 * as what they will be once the retry lands (`findRunIdByExecutionId`); every step is idempotent, so the caller's
 * retry completes the write, and the trim of the recent list removes a leftover entry in time.
 *
 * A run of 3,000 children is ~400 KB of JSON. Writing and reading it whole on every poll made the worker's cost
 * grow with the run's size (bench:scale): now a write sends the parts that changed, and a read sends the parts
 * written since the version the reader already holds, so both cost what changed.
 */
export class RedisRunStore implements RunStore {
  private readonly keys: RunKeys;
  private readonly recentLimit: number;
  private readonly maxUpdateAttempts: number;
  private readonly retentionSeconds: number;
  /**
   * Runs as last read or written, by id, each with its version: the base a read of what changed applies to, and
   * what `get` returns while the version has not moved.
   */
  private readonly known: LRUCache<string, KnownRun>;
  /** Updates waiting for the one being written to the same run (see `update`), by run id. */
  private readonly queuedUpdates = new Map<string, QueuedUpdate[]>();

  constructor(
    private readonly client: RedisClient,
    options: RedisRunStoreOptions = {},
  ) {
    this.keys = runKeys(options.prefix ?? DEFAULT_KEY_PREFIX);
    this.recentLimit = positiveInteger('RedisRunStore', 'recentLimit', options.recentLimit ?? 10_000);
    this.maxUpdateAttempts = positiveInteger(
      'RedisRunStore',
      'maxUpdateAttempts',
      options.maxUpdateAttempts ?? 50,
    );
    this.retentionSeconds =
      positiveInteger('RedisRunStore', 'retentionDays', options.retentionDays ?? 30) * 24 * 60 * 60;
    this.known = new LRUCache({
      max: positiveInteger('RedisRunStore', 'parsedRunCacheSize', options.parsedRunCacheSize ?? 64),
    });
  }

  /** Indexes first, then the record, which makes the run visible: see the class comment. */
  async create(run: Run): Promise<'created' | 'exists'> {
    const score = recentScore(run);
    const record = wholeRecord(run);
    await this.indexExecutions(run.id, executionIdsOf(run));
    const expiredBefore = score - this.retentionSeconds * 1000;
    await addRecentRunScript.run(
      this.client,
      [this.keys.recent],
      [score, run.id, this.recentLimit, expiredBefore],
    );
    // A run unfinished for longer than the retention is given up on (its record has no TTL: it stays readable).
    await this.client.zremrangebyscore(this.keys.unfinished, '-inf', `(${expiredBefore}`);
    // NX: a repeated create of a run that exists (and may have finished since) must not list it again.
    if (!isRunFinished(run)) await this.client.zadd(this.keys.unfinished, 'NX', score, run.id);
    const created = await createRunScript.run(this.client, this.recordKeys(run.id), [
      record.header,
      record.counts,
      record.childCount,
      ...record.parts.flat(),
    ]);
    return created === 1 ? 'created' : 'exists';
  }

  /**
   * Points each execution id at the run, before the run's record names it. SET is idempotent, and an execution
   * belongs to one run for good, so an entry written for a write that then loses its race is still true.
   */
  private async indexExecutions(runId: string, executionIds: readonly string[]): Promise<void> {
    await Promise.all(executionIds.map((id) => this.client.set(this.keys.execution(id), runId)));
  }

  /**
   * The run as stored. Runs are deep-frozen: many readers share one object (and its unchanged children), so a
   * reader that mutated it would corrupt the others (a TypeError instead).
   */
  async get(id: string): Promise<Run | undefined> {
    return (await this.read(id))?.run;
  }

  /** One script call: nothing but the version when this process holds the current run, else what changed. */
  private async read(id: string): Promise<KnownRun | undefined> {
    const key = this.keys.run(id);
    const held = this.known.get(id);
    const reply = (await readRunScript.run(this.client, this.recordKeys(id), [held?.version ?? '0'])) as
      | [string, string, ...Array<string | number | null>]
      | null;
    if (reply === null) {
      this.known.delete(id);
      return undefined;
    }
    const [version, kind, ...rest] = reply;
    if (kind === 'same' && held) return held;
    if (kind === 'unversioned') return this.unversioned(String(rest[0]), key, id);
    const fresh: KnownRun =
      kind === 'old-layout'
        ? { version, run: deepFreeze(parseStoredRun(String(rest[0]), key, id)), oldLayout: true }
        : {
            version,
            run: deepFreeze(
              assembleRun(
                { header: String(rest[0]), childCount: Number(rest[1]), parts: pairs(rest.slice(2)) },
                kind === 'changed' ? held?.run : undefined,
                key,
                id,
              ),
            ),
          };
    this.known.set(id, fresh);
    return fresh;
  }

  /** No version: a hash this store did not write (reported, not guessed at). */
  private unversioned(json: string, key: string, id: string): never {
    if (json) parseStoredRun(json, key, id);
    throw new StoreError(
      ErrorCode.StoreCorruptRecord,
      `run store: the value at ${key} has no version (corrupt record)`,
    );
  }

  /**
   * Updates of one run asked for while another is being written wait and then go together: one read, each change
   * applied in turn to what the one before it made, one compare-and-set. Many poll jobs of one worker fold into
   * the same large run at once; each writing alone, nine in ten lost their race and redid the read, the change and
   * the write (bench:scale, 900 targets). Each caller still gets the run right after its own change, with its own
   * revision, as if the changes had been written one by one: see `RunStore.update`.
   */
  update(id: string, change: (run: Run) => Run | undefined): Promise<Run | undefined> {
    return new Promise((resolve, reject) => {
      const queued = this.queuedUpdates.get(id);
      if (queued) queued.push({ change, resolve, reject });
      else {
        this.queuedUpdates.set(id, [{ change, resolve, reject }]);
        void this.writeQueuedUpdates(id);
      }
    });
  }

  /** Writes the queue of one run batch by batch, until no caller is left waiting. */
  private async writeQueuedUpdates(id: string): Promise<void> {
    const queued = this.queuedUpdates.get(id) ?? [];
    while (queued.length > 0) {
      const batch = queued.splice(0, MAX_COMBINED_UPDATES);
      try {
        const results = await this.updateTogether(id, batch);
        batch.forEach((update, index) => {
          const result = results[index]!;
          if (result.ok) update.resolve(result.run);
          else update.reject(result.error);
        });
      } catch (error) {
        for (const update of batch) update.reject(error);
      }
    }
    this.queuedUpdates.delete(id);
  }

  /**
   * Optimistic concurrency: read the run (what changed since this process last held it), apply the changes, and
   * let the script write the changed parts only if the version is still the one read. A lost race means another
   * writer succeeded, so the loop always makes progress; the bound only stops a key so hot that this writer
   * keeps losing. A change gets a new top-level object whose inner values are shared and frozen: it builds what
   * it changes anew (as spreading does), which is also what lets the diff compare unchanged children by reference.
   * A change that throws fails its own caller only.
   */
  private async updateTogether(id: string, updates: readonly QueuedUpdate[]): Promise<UpdateResult[]> {
    for (let attempt = 1; attempt <= this.maxUpdateAttempts; attempt++) {
      const current = await this.read(id);
      if (!current) return updates.map(() => ({ ok: true, run: undefined }));
      const { results, last } = applyInTurn(current.run, updates);
      if (last === current.run) return results;
      const record = current.oldLayout ? wholeRecord(last) : changedRecord(current.run, last);
      await this.indexExecutions(id, addedExecutionIds(current.run, last));
      const finished = isRunFinished(last);
      const written = await updateRunScript.run(this.client, this.recordKeys(id), [
        current.version,
        record.header,
        record.counts,
        record.childCount,
        finished ? this.retentionSeconds : 0,
        ...record.parts.flat(),
      ]);
      if (written === -1) return updates.map(() => ({ ok: true, run: undefined }));
      if (typeof written === 'number' && written > 0) {
        const stored = this.remember(id, String(written), record, current.run);
        // After the write that made it final: a crash before this leaves an entry the next listing drops.
        if (finished) await this.expireIndexes(stored);
        // The last change's caller gets the run as stored; the others the frozen state their change made.
        return results.map((result) =>
          result.ok && result.run === last ? { ok: true, run: stored } : result,
        );
      }
    }
    throw new StoreError(
      ErrorCode.StoreContention,
      `run store: gave up updating run ${id} after ${this.maxUpdateAttempts} attempts; other writers changed it every time`,
    );
  }

  /**
   * The run as written, parsed back from the JSON sent (so the caller sees exactly what `get` will return), and
   * kept as the base of this process's next read.
   */
  private remember(id: string, version: string, record: RunRecordWrite, base: Run): Run {
    const run = deepFreeze(assembleRun(record, base, this.keys.run(id), id));
    this.known.set(id, { version, run });
    return run;
  }

  /**
   * A finished run's execution-index keys get the retention as TTL (its record got it in the write), then it
   * leaves the unfinished set. Each step is idempotent; a later write to a finished run sets the TTL again.
   */
  private async expireIndexes(run: Run): Promise<void> {
    // One command per key: on a cluster they live on different slots.
    await Promise.all(
      executionIdsOf(run).map((id) => this.client.expire(this.keys.execution(id), this.retentionSeconds)),
    );
    await this.client.zrem(this.keys.unfinished, run.id);
  }

  private recordKeys(id: string): string[] {
    return [this.keys.run(id), this.keys.changed(id)];
  }

  /** May name a run whose record does not list the execution yet (its index entry is written first). */
  async findRunIdByExecutionId(executionId: string): Promise<string | undefined> {
    return (await this.client.get(this.keys.execution(executionId))) ?? undefined;
  }

  /** Headers, targets and counts only: `/ssm history` scans 500 runs, which may hold thousands of children each. */
  async listRecent(limit: number): Promise<RunOverview[]> {
    if (limit < 1) return [];
    const ids = await this.client.zrevrange(this.keys.recent, 0, Math.floor(limit) - 1);
    // One read per run, sent together: on a cluster the runs live on different nodes, which one pipeline cannot
    // reach, and ioredis writes each command at once anyway. An id whose record is not there is skipped: a
    // create that has not written its record (yet), or, later, a run that retention deleted.
    const overviews = await Promise.all(
      ids.map(async (id) => {
        const key = this.keys.run(id);
        return assembleOverview(await this.client.hmget(key, ...OVERVIEW_FIELDS), key, id);
      }),
    );
    return overviews.filter((overview): overview is RunOverview => overview !== undefined);
  }

  /**
   * Oldest first. An entry whose run is finished (its removal was lost to a crash) or missing is dropped: a
   * create that crashed before writing its record adds the entry again when retried (ZADD NX is idempotent).
   */
  async listUnfinished(limit: number): Promise<Run[]> {
    if (limit < 1) return [];
    const ids = await this.client.zrange(this.keys.unfinished, 0, Math.floor(limit) - 1);
    const runs = await Promise.all(ids.map((id) => this.get(id)));
    const stale = ids.filter((_, index) => {
      const run = runs[index];
      return !run || isRunFinished(run);
    });
    if (stale.length > 0) await this.client.zrem(this.keys.unfinished, ...stale);
    return runs.filter((run): run is Run => run !== undefined && !isRunFinished(run));
  }
}

/** `[field, json, field, json, …]` as the read script returns them (nil for a part listed but not held). */
function pairs(flat: Array<string | number | null>): Array<[string, string | null]> {
  const result: Array<[string, string | null]> = [];
  for (let index = 0; index + 1 < flat.length; index += 2) {
    const json = flat[index + 1];
    result.push([String(flat[index]), json === null || json === undefined ? null : String(json)]);
  }
  return result;
}
