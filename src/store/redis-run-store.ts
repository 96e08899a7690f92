// The run store in Redis: one hash per run, a recent list and an execution index, each on a slot of its own.

import { LRUCache } from 'lru-cache';
import { isRunFinished } from '../core/run/apply-child-reports.js';
import type { Run } from '../core/run/run.js';
import { ErrorCode, StoreError } from '../errors.js';
import type { RunStore } from '../ports.js';
import { deepFreeze } from './deep-freeze.js';
import { parseStoredRun } from './parse-stored-run.js';
import { positiveInteger } from './positive-integer.js';
import type { RedisClient } from './redis-connection.js';
import { addedExecutionIds, assertSameIdentity, executionIdsOf, recentScore } from './run-indexes.js';
import { type RunKeys, runKeys } from './run-keys.js';
import { addRecentRunScript } from './scripts/add-recent-run.js';
import { createRunScript } from './scripts/create-run.js';
import { updateRunScript } from './scripts/update-run.js';

export interface RedisRunStoreOptions {
  /** Put before every key; default `ssm-chatops:`. Tests use a random one each. */
  prefix?: string;
  /**
   * How many runs `{runs}:recent` keeps (default 10,000). Run hashes themselves have no TTL: a run stays
   * answerable by `/ssm status` for as long as Redis keeps it (bounded retention is an open issue).
   */
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

/**
 * Keys (see run-keys.ts): `{prefix}{run:<id>}` hash of `json` and `version`; `{prefix}{runs}:recent` sorted set by
 * createdAt ms; `{prefix}{execution:<executionId>}` → run id. Each has a hash tag of its own, so on Redis Cluster
 * runs spread over the shards, and no script spans two of them. Instead, writes go in an order that a crash at
 * any point leaves safe: the index entries that point to a run first, the run's record last. A crash in between
 * leaves entries pointing at a run that is not there (yet): readers skip them (`listRecent`), or treat them as
 * what they will be once the retry lands (`findRunIdByExecutionId`); every step is idempotent, so the caller's
 * retry completes the write, and the trim of the recent list removes a leftover entry in time.
 */
export class RedisRunStore implements RunStore {
  private readonly keys: RunKeys;
  private readonly recentLimit: number;
  private readonly maxUpdateAttempts: number;
  private readonly retentionSeconds: number;
  /**
   * Runs as last parsed, by id, each with the version it was parsed at. A run of 600 children is ~300 KB of
   * JSON, and worker polls read the same few runs over and over while nothing in them changes: parsing each read
   * again was the worker's main source of garbage.
   */
  private readonly parsed: LRUCache<string, { version: string; run: Run }>;

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
    this.parsed = new LRUCache({
      max: positiveInteger('RedisRunStore', 'parsedRunCacheSize', options.parsedRunCacheSize ?? 64),
    });
  }

  /** Indexes first, then the record, which makes the run visible: see the class comment. */
  async create(run: Run): Promise<'created' | 'exists'> {
    const score = recentScore(run);
    const json = JSON.stringify(run);
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
    const created = await createRunScript.run(this.client, [this.keys.run(run.id)], [json]);
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
   * The run as stored: a run whose version has not moved since this process last parsed it costs one small
   * read, not the whole record. Runs are deep-frozen: many readers share one object, so a reader that mutated it
   * would corrupt the others (a TypeError instead).
   */
  async get(id: string): Promise<Run | undefined> {
    const key = this.keys.run(id);
    const version = await this.client.hget(key, 'version');
    if (version === null) return this.unversioned(key, id);
    const cached = this.parsed.get(id);
    if (cached?.version === version) return cached.run;
    const [json, versionOfJson] = await this.client.hmget(key, 'json', 'version');
    if (json === null || json === undefined || !versionOfJson) return undefined;
    const run = deepFreeze(parseStoredRun(json, key, id));
    this.parsed.set(id, { version: versionOfJson, run });
    return run;
  }

  /** No version: no run, or a hash this store did not write (reported, not guessed at). */
  private async unversioned(key: string, id: string): Promise<undefined> {
    const json = await this.client.hget(key, 'json');
    if (json === null) return undefined;
    parseStoredRun(json, key, id);
    throw new StoreError(
      ErrorCode.StoreCorruptRecord,
      `run store: the value at ${key} has no version (corrupt record)`,
    );
  }

  /**
   * Optimistic concurrency: read json and version, apply `change`, and let the script write only if the version
   * is still the one read. A lost race means another writer succeeded, so the loop always makes progress; the
   * bound only stops a key so hot that this writer keeps losing.
   */
  async update(id: string, change: (run: Run) => Run | undefined): Promise<Run | undefined> {
    const key = this.keys.run(id);
    for (let attempt = 1; attempt <= this.maxUpdateAttempts; attempt++) {
      const [json, version] = await this.client.hmget(key, 'json', 'version');
      if (json === null || json === undefined) return undefined;
      if (!version)
        throw new StoreError(
          ErrorCode.StoreCorruptRecord,
          `run store: the value at ${key} has no version (corrupt record)`,
        );
      const current = parseStoredRun(json, key, id);
      // `change` gets its own copy, so one that mutates its argument cannot alter what we compare against.
      const changed = change(parseStoredRun(json, key, id));
      if (changed === undefined) return current;
      const next = { ...changed, revision: current.revision + 1 };
      assertSameIdentity(current, next);
      const nextJson = JSON.stringify(next);
      await this.indexExecutions(id, addedExecutionIds(current, next));
      const written = await updateRunScript.run(this.client, [key], [version, nextJson]);
      if (written === -1) return undefined;
      if (typeof written === 'number' && written > 0) {
        // After the write that made it final: a crash before this leaves an entry the next listing drops.
        if (isRunFinished(next)) await this.expireFinished(next);
        // Parsed back from what was written, so the caller sees exactly what `get` will return.
        return parseStoredRun(nextJson, key, id);
      }
    }
    throw new StoreError(
      ErrorCode.StoreContention,
      `run store: gave up updating run ${id} after ${this.maxUpdateAttempts} attempts; other writers changed it every time`,
    );
  }

  /**
   * The run's record and its execution-index keys get the retention as TTL, then it leaves the unfinished set.
   * Each step is idempotent; a later write to a finished run (a late report) sets the TTL again.
   */
  private async expireFinished(run: Run): Promise<void> {
    const keys = [this.keys.run(run.id), ...executionIdsOf(run).map((id) => this.keys.execution(id))];
    // One command per key: on a cluster they live on different slots.
    await Promise.all(keys.map((key) => this.client.expire(key, this.retentionSeconds)));
    await this.client.zrem(this.keys.unfinished, run.id);
  }

  /** May name a run whose record does not list the execution yet (its index entry is written first). */
  async findRunIdByExecutionId(executionId: string): Promise<string | undefined> {
    return (await this.client.get(this.keys.execution(executionId))) ?? undefined;
  }

  async listRecent(limit: number): Promise<Run[]> {
    if (limit < 1) return [];
    const ids = await this.client.zrevrange(this.keys.recent, 0, Math.floor(limit) - 1);
    if (ids.length === 0) return [];
    // One command per run, sent together: on a cluster the runs live on different nodes, which one pipeline
    // cannot reach, and ioredis writes each command at once anyway.
    const jsons = await Promise.all(ids.map((id) => this.client.hget(this.keys.run(id), 'json')));
    // An id whose hash is not there is skipped: a create that has not written its record (yet), or, later,
    // a run that retention deleted.
    return ids.flatMap((id, index) => {
      const json = jsons[index];
      return typeof json === 'string' ? [parseStoredRun(json, this.keys.run(id), id)] : [];
    });
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
