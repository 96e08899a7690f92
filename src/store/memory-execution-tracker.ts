// The execution tracker in memory, for use-case tests; the same contract as the Redis one.
import {
  type ExecutionLocation,
  entryField,
  locationKey,
  parseLocationKey,
  type TrackedEntry,
} from '../core/tracking/tracked-location.js';
import type { ExecutionTracker } from '../ports.js';

export class MemoryExecutionTracker implements ExecutionTracker {
  private readonly byLocation = new Map<string, Map<string, TrackedEntry>>();

  async track(location: ExecutionLocation, entries: TrackedEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const where = locationKey(location);
    const hash = this.byLocation.get(where) ?? new Map<string, TrackedEntry>();
    for (const entry of entries) hash.set(entryField(entry), structuredClone(entry));
    this.byLocation.set(where, hash);
  }

  async untrack(location: ExecutionLocation, fields: string[]): Promise<void> {
    const where = locationKey(location);
    const hash = this.byLocation.get(where);
    for (const field of fields) hash?.delete(field);
    if (hash?.size === 0) this.byLocation.delete(where);
  }

  async entries(location: ExecutionLocation): Promise<TrackedEntry[]> {
    return [...(this.byLocation.get(locationKey(location))?.values() ?? [])].map((entry) =>
      structuredClone(entry),
    );
  }

  async locations(): Promise<ExecutionLocation[]> {
    return [...this.byLocation.keys()].flatMap((key) => parseLocationKey(key) ?? []);
  }

  async find(executionId: string) {
    for (const [where, hash] of this.byLocation) {
      const entry = hash.get(`e:${executionId}`);
      const location = parseLocationKey(where);
      if (entry && location) return { location, entry: structuredClone(entry) };
    }
    return undefined;
  }
}
