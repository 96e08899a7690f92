// Parsed runs by version: a run of 600 children is ~300 KB of JSON, and worker polls read the same few runs
// over and over while nothing in them changes. Parsing each read again was the worker's main source of garbage.
import type { Run } from '../core/run/run.js';

/**
 * A small LRU of runs as last parsed, each with the version it was parsed at. Runs handed out are deep-frozen:
 * many readers share one object, so a reader that mutated it would corrupt the others (a TypeError instead).
 */
export class ParsedRunCache {
  private readonly entries = new Map<string, { version: string; run: Readonly<Run> }>();

  constructor(private readonly capacity: number) {}

  get(id: string, version: string): Run | undefined {
    const entry = this.entries.get(id);
    if (!entry || entry.version !== version) return undefined;
    // Most recently used last.
    this.entries.delete(id);
    this.entries.set(id, entry);
    return entry.run;
  }

  /** Freezes `run` and keeps it as the run `id` at `version`; returns it for chaining. */
  remember(id: string, version: string, run: Run): Run {
    this.entries.delete(id);
    this.entries.set(id, { version, run: deepFreeze(run) });
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return run;
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
