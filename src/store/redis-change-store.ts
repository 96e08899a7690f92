// The change store in Redis: one hash per change, recent and open sets and lock keys, changed only by Lua scripts.

import type { ChangeDecision } from '../core/approval/change-event.js';
import { isLockHolding, type StoredChange } from '../core/approval/stored-change.js';
import { ErrorCode, StoreError } from '../errors.js';
import type { ChangeStore, ChangeTransition } from '../ports.js';
import { assertNextRequest, changeScore, isOpenChange } from './change-indexes.js';
import { type ChangeKeys, changeKeys } from './change-keys.js';
import { parseStoredChange } from './parse-stored-change.js';
import { positiveInteger } from './positive-integer.js';
import type { RedisClient } from './redis-connection.js';
import { DEFAULT_KEY_PREFIX } from './redis-run-store.js';
import { acquireChangeLocksScript } from './scripts/acquire-change-locks.js';
import { createChangeScript } from './scripts/create-change.js';
import { findLockHolderScript } from './scripts/find-lock-holder.js';
import { transitionChangeScript } from './scripts/transition-change.js';

export interface RedisChangeStoreOptions {
  /** Put before every key; default `ssm-chatops:`. Tests use a random one each. */
  prefix?: string;
  /** How many changes `{changes}:recent` keeps (default 10,000); their hashes stay. */
  recentLimit?: number;
  /** Days a closed change (not open, holding no lock) lives on before its hash expires (default 30). */
  retentionDays?: number;
  /** Compare-and-set attempts before `transition` gives up (default 50). */
  maxTransitionAttempts?: number;
}

/**
 * Keys (see change-keys.ts), all in the hash slot of `{changes}`: `{prefix}{changes}:change:<id>` hash of `json`,
 * `version`, `holding`; `{prefix}{changes}:recent` and `{prefix}{changes}:open` sorted sets by createdAt ms;
 * `{prefix}{changes}:lock:<lockKey>` → holder change id. Every write is one script, so a transition, its indexes
 * and the release of its locks never disagree, on one Redis and on a cluster alike.
 *
 * The locks released by a transition to a request that is not lock-holding are the
 * stored `lockKeys`, so `acquireLocks` takes only those (anything else is a fault and throws).
 */
export class RedisChangeStore implements ChangeStore {
  private readonly keys: ChangeKeys;
  private readonly recentLimit: number;
  private readonly maxTransitionAttempts: number;
  private readonly retentionSeconds: number;

  constructor(
    private readonly client: RedisClient,
    options: RedisChangeStoreOptions = {},
  ) {
    this.keys = changeKeys(options.prefix ?? DEFAULT_KEY_PREFIX);
    this.recentLimit = positiveInteger('RedisChangeStore', 'recentLimit', options.recentLimit ?? 10_000);
    this.retentionSeconds =
      positiveInteger('RedisChangeStore', 'retentionDays', options.retentionDays ?? 30) * 24 * 60 * 60;
    this.maxTransitionAttempts = positiveInteger(
      'RedisChangeStore',
      'maxTransitionAttempts',
      options.maxTransitionAttempts ?? 50,
    );
  }

  async create(change: StoredChange): Promise<void> {
    const { request } = change;
    const score = changeScore(change);
    const created = await createChangeScript.run(
      this.client,
      [this.keys.change(request.id), this.keys.recent, this.keys.open],
      [
        JSON.stringify(change),
        request.version,
        flag(isLockHolding(request)),
        flag(isOpenChange(request)),
        score,
        request.id,
        this.recentLimit,
      ],
    );
    if (created !== 1)
      throw new StoreError(
        ErrorCode.StoreDuplicateId,
        `change store: a change with id ${request.id} already exists`,
      );
  }

  async get(id: string): Promise<StoredChange | undefined> {
    const key = this.keys.change(id);
    const json = await this.client.hget(key, 'json');
    return typeof json === 'string' ? parseStoredChange(json, key, id) : undefined;
  }

  /**
   * Optimistic concurrency, as RedisRunStore.update: read, decide on a copy, and let the script write only if
   * the version is still the one read. A lost race means another transition was stored, so `decide` sees it
   * next time round; the bound only stops a change so hot that this writer keeps losing.
   */
  async transition(id: string, decide: (change: StoredChange) => ChangeDecision): Promise<ChangeTransition> {
    const key = this.keys.change(id);
    for (let attempt = 1; attempt <= this.maxTransitionAttempts; attempt++) {
      const [json, version] = await this.client.hmget(key, 'json', 'version');
      if (typeof json !== 'string') return { kind: 'missing' };
      const current = parseStoredChange(json, key, id);
      if (version !== String(current.request.version)) {
        throw new StoreError(
          ErrorCode.StoreCorruptRecord,
          `change store: the version at ${key} is ${JSON.stringify(version)}, its request's ${current.request.version} (corrupt record)`,
        );
      }
      // `decide` gets its own copy, so one that mutates its argument cannot alter what is written.
      const decision = decide(parseStoredChange(json, key, id));
      if (decision.kind === 'refused') return decision;
      assertNextRequest(current.request, decision.request);
      const next: StoredChange = { ...current, request: decision.request };
      const nextJson = JSON.stringify(next);
      const holding = isLockHolding(next.request);
      const written = await transitionChangeScript.run(
        this.client,
        [key, this.keys.open, ...(holding ? [] : next.lockKeys.map(this.keys.lock))],
        [
          version,
          nextJson,
          next.request.version,
          flag(holding),
          flag(isOpenChange(next.request)),
          changeScore(next),
          id,
        ],
      );
      if (written === -1) return { kind: 'missing' };
      if (written === 1) {
        // Closed for good: no index lists it as open and no lock names it, so it may expire (idempotent).
        if (!holding && !isOpenChange(next.request)) await this.client.expire(key, this.retentionSeconds);
        // Parsed back from what was written, so it is what `get` returns.
        const stored = parseStoredChange(nextJson, key, id);
        return { kind: 'changed', change: stored, outcome: decision.outcome };
      }
    }
    throw new StoreError(
      ErrorCode.StoreContention,
      `change store: gave up transitioning change ${id} after ${this.maxTransitionAttempts} attempts; other writers changed it every time`,
    );
  }

  async acquireLocks(
    id: string,
    keys: readonly string[],
  ): Promise<{ kind: 'acquired' } | { kind: 'held'; by: string }> {
    await this.assertOwnLockKeys(id, keys);
    const holder = await acquireChangeLocksScript.run(this.client, keys.map(this.keys.lock), [
      id,
      this.keys.changePrefix,
    ]);
    return typeof holder === 'string' ? { kind: 'held', by: holder } : { kind: 'acquired' };
  }

  async lockHolder(keys: readonly string[], exceptId?: string): Promise<string | undefined> {
    if (keys.length === 0) return undefined;
    const holder = await findLockHolderScript.run(this.client, keys.map(this.keys.lock), [
      exceptId ?? '',
      this.keys.changePrefix,
    ]);
    return typeof holder === 'string' ? holder : undefined;
  }

  async listOpen(limit: number): Promise<StoredChange[]> {
    if (limit < 1) return [];
    return this.getAll(await this.client.zrange(this.keys.open, 0, Math.floor(limit) - 1));
  }

  async listRecent(limit: number): Promise<StoredChange[]> {
    if (limit < 1) return [];
    return this.getAll(await this.client.zrevrange(this.keys.recent, 0, Math.floor(limit) - 1));
  }

  /** The changes in `ids` order, in one round trip (one pipeline: they share a slot); a missing hash is skipped. */
  private async getAll(ids: string[]): Promise<StoredChange[]> {
    if (ids.length === 0) return [];
    const pipeline = this.client.pipeline();
    for (const id of ids) pipeline.hget(this.keys.change(id), 'json');
    const replies = (await pipeline.exec()) ?? [];
    return ids.flatMap((id, index) => {
      const [error, fields] = replies[index] ?? [null, null];
      if (error) throw error;
      const json = fields as string | null;
      return typeof json === 'string' ? [parseStoredChange(json, this.keys.change(id), id)] : [];
    });
  }

  /** Release covers the stored `lockKeys`, so a lock outside them could outlive its change's release. */
  private async assertOwnLockKeys(id: string, keys: readonly string[]): Promise<void> {
    const change = await this.get(id);
    if (!change)
      throw new StoreError(
        ErrorCode.StoreMissing,
        `change store: there is no change ${id} to take locks for`,
      );
    const own = new Set(change.lockKeys);
    const foreign = keys.find((key) => !own.has(key));
    if (foreign !== undefined) {
      throw new Error(
        `change store: change ${id} may not take lock ${foreign}: it is not one of its lockKeys`,
      );
    }
  }
}

const flag = (value: boolean): string => (value ? '1' : '0');
