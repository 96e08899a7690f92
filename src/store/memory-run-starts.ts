// Starts under way, in memory: for use-case tests and the demo; the same contract as Redis.
import type { Run } from '../core/run/run.js';
import type { RunStarts } from '../ports.js';

export class MemoryRunStarts implements RunStarts {
  private readonly begun = new Map<string, { run: Run; atMs: number }>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  async begin(run: Run): Promise<void> {
    this.begun.set(run.id, { run: structuredClone(run), atMs: this.now().getTime() });
  }

  async settle(runId: string): Promise<void> {
    this.begun.delete(runId);
  }

  async unsettled(before: Date, limit: number): Promise<Run[]> {
    return [...this.begun.values()]
      .filter(({ atMs }) => atMs < before.getTime())
      .sort((a, b) => a.atMs - b.atMs)
      .slice(0, limit)
      .map(({ run }) => structuredClone(run));
  }
}
