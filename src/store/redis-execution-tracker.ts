// The execution tracker in Redis: one hash per account and region (field → entry), a set of the places in use,
// and an index from execution id to its place, all in one hash slot and changed together by one script.
import {
  type ExecutionLocation,
  entryField,
  locationKey,
  parseLocationKey,
  type TrackedEntry,
} from '../core/tracking/tracked-location.js';
import type { ExecutionTracker } from '../ports.js';
import type { RedisClient } from './redis-connection.js';
import { DEFAULT_KEY_PREFIX } from './redis-run-store.js';
import { trackExecutionsScript, untrackExecutionsScript } from './scripts/track-executions.js';
import { type TrackerKeys, trackerKeys } from './tracker-keys.js';

/** Keys: see tracker-keys.ts (the `{track}` slot, and why one slot). */
export class RedisExecutionTracker implements ExecutionTracker {
  private readonly keys: TrackerKeys;

  constructor(
    private readonly client: RedisClient,
    prefix = DEFAULT_KEY_PREFIX,
  ) {
    this.keys = trackerKeys(prefix);
  }

  async track(location: ExecutionLocation, entries: TrackedEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const where = locationKey(location);
    const whereKeys = entries.flatMap((entry) =>
      entry.kind === 'execution' ? [this.keys.where(entry.executionId)] : [],
    );
    await trackExecutionsScript.run(
      this.client,
      [this.keys.location(where), this.keys.locations, ...whereKeys],
      [where, ...entries.flatMap((entry) => [entryField(entry), JSON.stringify(entry)])],
    );
  }

  async untrack(location: ExecutionLocation, fields: string[]): Promise<void> {
    if (fields.length === 0) return;
    const where = locationKey(location);
    const whereKeys = fields
      .filter((field) => field.startsWith('e:'))
      .map((field) => this.keys.where(field.slice(2)));
    await untrackExecutionsScript.run(
      this.client,
      [this.keys.location(where), this.keys.locations, ...whereKeys],
      [where, ...fields],
    );
  }

  async entries(location: ExecutionLocation): Promise<TrackedEntry[]> {
    const values = await this.client.hvals(this.keys.location(locationKey(location)));
    return values.map((value) => JSON.parse(value) as TrackedEntry);
  }

  async locations(): Promise<ExecutionLocation[]> {
    const keys = await this.client.smembers(this.keys.locations);
    return keys.flatMap((key) => parseLocationKey(key) ?? []);
  }

  async find(executionId: string) {
    const where = await this.client.get(this.keys.where(executionId));
    const location = where ? parseLocationKey(where) : undefined;
    if (!where || !location) return undefined;
    const value = await this.client.hget(this.keys.location(where), `e:${executionId}`);
    return value ? { location, entry: JSON.parse(value) as TrackedEntry } : undefined;
  }
}
