// The run store in memory: for use-case tests and the demo; same contract as Redis, no persistence.
import { isRunFinished } from '../core/run/apply-child-reports.js';
import type { Run } from '../core/run/run.js';
import { overviewOf, type RunOverview } from '../core/run/run-overview.js';
import type { RunStore } from '../ports.js';
import { addedExecutionIds, assertSameIdentity, executionIdsOf, recentScore } from './run-indexes.js';

/**
 * Copies runs on the way in and out, so no caller can change stored state except through `update` — the same
 * isolation Redis gives by storing JSON.
 */
export class MemoryRunStore implements RunStore {
  private readonly runs = new Map<string, Run>();
  private readonly runIdByExecutionId = new Map<string, string>();

  async create(run: Run): Promise<'created' | 'exists'> {
    if (this.runs.has(run.id)) return 'exists';
    recentScore(run);
    this.runs.set(run.id, structuredClone(run));
    this.index(run.id, executionIdsOf(run));
    return 'created';
  }

  async get(id: string): Promise<Run | undefined> {
    const run = this.runs.get(id);
    return run && structuredClone(run);
  }

  async update(id: string, change: (run: Run) => Run | undefined): Promise<Run | undefined> {
    // No await between read and write: in one process that is the whole compare-and-set.
    const current = this.runs.get(id);
    if (!current) return undefined;
    const next = change(structuredClone(current));
    if (next === undefined) return structuredClone(current);
    assertSameIdentity(current, next);
    const stored = { ...structuredClone(next), revision: current.revision + 1 };
    this.runs.set(id, stored);
    this.index(id, addedExecutionIds(current, stored));
    return structuredClone(stored);
  }

  async findRunIdByExecutionId(executionId: string): Promise<string | undefined> {
    return this.runIdByExecutionId.get(executionId);
  }

  /** Ties in createdAt go to the larger id first, as Redis orders equal scores in ZREVRANGE. */
  async listRecent(limit: number): Promise<RunOverview[]> {
    if (limit < 1) return [];
    return [...this.runs.values()]
      .sort((a, b) => recentScore(b) - recentScore(a) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
      .slice(0, Math.floor(limit))
      .map((run) => overviewOf(structuredClone(run)));
  }

  /** Oldest first, ties to the smaller id, as Redis orders equal scores in ZRANGE. */
  async listUnfinished(limit: number): Promise<Run[]> {
    if (limit < 1) return [];
    return [...this.runs.values()]
      .filter((run) => !isRunFinished(run))
      .sort((a, b) => recentScore(a) - recentScore(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, Math.floor(limit))
      .map((run) => structuredClone(run));
  }

  private index(runId: string, executionIds: string[]): void {
    for (const executionId of executionIds) this.runIdByExecutionId.set(executionId, runId);
  }
}
