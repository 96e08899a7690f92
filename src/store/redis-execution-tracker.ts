// The execution tracker in Redis: one hash per account and region (field → entry), a set of the locations in
// use, and an index from execution id to its location, all changed together in one MULTI.
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

/**
 * Untrack, atomically, so a location never leaves the set while a concurrent track() fills it again.
 * KEYS: [1] the location's hash, [2] the set of locations, [3..] the where-index keys of removed executions.
 * ARGV: [1] the location key, [2..] the hash fields to remove. Returns the number of fields removed.
 */
const UNTRACK_SCRIPT = `
local removed = redis.call('HDEL', KEYS[1], unpack(ARGV, 2))
for index = 3, #KEYS do redis.call('DEL', KEYS[index]) end
if redis.call('HLEN', KEYS[1]) == 0 then redis.call('SREM', KEYS[2], ARGV[1]) end
return removed
`;

export class RedisExecutionTracker implements ExecutionTracker {
  constructor(
    private readonly client: RedisClient,
    private readonly prefix = DEFAULT_KEY_PREFIX,
  ) {}

  async track(location: ExecutionLocation, entries: TrackedEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const where = locationKey(location);
    const multi = this.client.multi();
    multi.hset(this.hash(where), ...entries.flatMap((entry) => [entryField(entry), JSON.stringify(entry)]));
    multi.sadd(this.locationsKey(), where);
    for (const entry of entries) {
      if (entry.kind === 'execution') multi.set(this.whereKey(entry.executionId), where);
    }
    await multi.exec();
  }

  async untrack(location: ExecutionLocation, fields: string[]): Promise<void> {
    if (fields.length === 0) return;
    const where = locationKey(location);
    const whereKeys = fields
      .filter((field) => field.startsWith('e:'))
      .map((field) => this.whereKey(field.slice(2)));
    await this.client.eval(
      UNTRACK_SCRIPT,
      2 + whereKeys.length,
      this.hash(where),
      this.locationsKey(),
      ...whereKeys,
      where,
      ...fields,
    );
  }

  async entries(location: ExecutionLocation): Promise<TrackedEntry[]> {
    const values = await this.client.hvals(this.hash(locationKey(location)));
    return values.map((value) => JSON.parse(value) as TrackedEntry);
  }

  async locations(): Promise<ExecutionLocation[]> {
    const keys = await this.client.smembers(this.locationsKey());
    return keys.flatMap((key) => parseLocationKey(key) ?? []);
  }

  async find(executionId: string) {
    const where = await this.client.get(this.whereKey(executionId));
    const location = where ? parseLocationKey(where) : undefined;
    if (!where || !location) return undefined;
    const value = await this.client.hget(this.hash(where), `e:${executionId}`);
    return value ? { location, entry: JSON.parse(value) as TrackedEntry } : undefined;
  }

  private hash(where: string) {
    return `${this.prefix}track:${where}`;
  }
  private locationsKey() {
    return `${this.prefix}track:locations`;
  }
  private whereKey(executionId: string) {
    return `${this.prefix}track:where:${executionId}`;
  }
}
