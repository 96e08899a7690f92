// The change store in memory: for use-case tests and the demo; same contract as Redis, no persistence.
import type { ChangeDecision } from '../core/approval/change-event.js';
import { isLockHolding, type StoredChange } from '../core/approval/stored-change.js';
import { ErrorCode, StoreError } from '../errors.js';
import type { ChangeStore, ChangeTransition } from '../ports.js';
import { assertNextRequest, changeScore, isOpenChange } from './change-indexes.js';

/** As RedisChangeStore's default: only a `decide` that transitions the change itself every time reaches it. */
const MAX_TRANSITION_ATTEMPTS = 50;

/**
 * Copies changes on the way in and out, so no caller can change stored state except through the store — the
 * same isolation Redis gives by storing JSON. Locks and their staleness follow RedisChangeStore exactly.
 */
export class MemoryChangeStore implements ChangeStore {
  private readonly changes = new Map<string, StoredChange>();
  /** Lock key → the id of the change that took it. */
  private readonly locks = new Map<string, string>();

  async create(change: StoredChange): Promise<void> {
    const { id } = change.request;
    if (this.changes.has(id))
      throw new StoreError(ErrorCode.StoreDuplicateId, `change store: a change with id ${id} already exists`);
    changeScore(change);
    this.changes.set(id, structuredClone(change));
  }

  async get(id: string): Promise<StoredChange | undefined> {
    const change = this.changes.get(id);
    return change && structuredClone(change);
  }

  async transition(id: string, decide: (change: StoredChange) => ChangeDecision): Promise<ChangeTransition> {
    // No await between read and write: in one process that is the whole compare-and-set. `decide` could still
    // reach the store itself (a test interfering, say), so the stored version is compared after it anyway.
    for (let attempt = 1; attempt <= MAX_TRANSITION_ATTEMPTS; attempt++) {
      const current = this.changes.get(id);
      if (!current) return { kind: 'missing' };
      const decision = decide(structuredClone(current));
      if (decision.kind === 'refused') return decision;
      const latest = this.changes.get(id);
      if (!latest) return { kind: 'missing' };
      if (latest.request.version !== current.request.version) continue;
      assertNextRequest(current.request, decision.request);
      // From `latest`, so a Slack ts recorded while deciding is kept, as Redis keeps its own field.
      const next: StoredChange = { ...latest, request: structuredClone(decision.request) };
      this.changes.set(id, next);
      if (!isLockHolding(next.request)) this.release(next);
      return { kind: 'changed', change: structuredClone(next), outcome: decision.outcome };
    }
    throw new StoreError(
      ErrorCode.StoreContention,
      `change store: gave up transitioning change ${id} after ${MAX_TRANSITION_ATTEMPTS} attempts; other writers changed it every time`,
    );
  }

  async acquireLocks(
    id: string,
    keys: readonly string[],
  ): Promise<{ kind: 'acquired' } | { kind: 'held'; by: string }> {
    const change = this.changes.get(id);
    if (!change)
      throw new StoreError(
        ErrorCode.StoreMissing,
        `change store: there is no change ${id} to take locks for`,
      );
    const foreign = keys.find((key) => !change.lockKeys.includes(key));
    if (foreign !== undefined) {
      throw new Error(
        `change store: change ${id} may not take lock ${foreign}: it is not one of its lockKeys`,
      );
    }
    const holder = this.liveHolder(keys, id);
    if (holder) return { kind: 'held', by: holder };
    for (const key of keys) this.locks.set(key, id);
    return { kind: 'acquired' };
  }

  async lockHolder(keys: readonly string[], exceptId?: string): Promise<string | undefined> {
    return this.liveHolder(keys, exceptId);
  }

  /** Ties in createdAt go to the smaller id first, as Redis orders equal scores in ZRANGE. */
  async listOpen(limit: number): Promise<StoredChange[]> {
    if (limit < 1) return [];
    return [...this.changes.values()]
      .filter((change) => isOpenChange(change.request))
      .sort((a, b) => changeScore(a) - changeScore(b) || compareIds(a, b))
      .slice(0, Math.floor(limit))
      .map((change) => structuredClone(change));
  }

  /** Ties in createdAt go to the larger id first, as Redis orders equal scores in ZREVRANGE. */
  async listRecent(limit: number): Promise<StoredChange[]> {
    if (limit < 1) return [];
    return [...this.changes.values()]
      .sort((a, b) => changeScore(b) - changeScore(a) || compareIds(b, a))
      .slice(0, Math.floor(limit))
      .map((change) => structuredClone(change));
  }

  /** The first key held by a lock-holding change other than `exceptId`; a stale holder is no one. */
  private liveHolder(keys: readonly string[], exceptId: string | undefined): string | undefined {
    for (const key of keys) {
      const holder = this.locks.get(key);
      if (holder === undefined || holder === exceptId) continue;
      const change = this.changes.get(holder);
      if (change && isLockHolding(change.request)) return holder;
    }
    return undefined;
  }

  private release(change: StoredChange): void {
    for (const key of change.lockKeys) {
      if (this.locks.get(key) === change.request.id) this.locks.delete(key);
    }
  }
}

const compareIds = (a: StoredChange, b: StoredChange): number =>
  a.request.id < b.request.id ? -1 : a.request.id > b.request.id ? 1 : 0;
