// The newest records of a store (runs, change requests), summarized, re-read only when their version moved.
import type { RedisClient } from '../store/redis-connection.js';

export interface RecentRecordsSource<S> {
  /** Sorted set of ids scored by creation time (`{runs}:recent`, `{changes}:recent`). */
  recentKey: string;
  /** The record's hash, with a `version` field. */
  recordKey(id: string): string;
  /** The hash fields `summarize` reads (a run's small `header` and `counts`, not its children). */
  fields: readonly string[];
  /**
   * What the gauges need of one record, from the values of `fields` in order (null where absent), or
   * `undefined` when they do not describe a record (it is skipped).
   */
  summarize(values: Array<string | null>, id: string): S | undefined;
  /** How many of the newest records are read: a scrape must cost the same however long Redis has run. */
  limit: number;
}

/**
 * Summaries of the `limit` newest records. Each scrape reads their versions in one round trip and parses only
 * records that are new or changed since the last scrape, and of those only the fields the gauges need.
 */
export class RecentRecords<S> {
  private readonly known = new Map<string, { version: string; summary: S }>();

  constructor(
    private readonly redis: RedisClient,
    private readonly source: RecentRecordsSource<S>,
  ) {}

  async read(): Promise<S[]> {
    const { source } = this;
    const ids = await this.redis.zrevrange(source.recentKey, 0, source.limit - 1);
    const versions = await this.hgetEach(ids, 'version');
    const stale = ids.filter(
      (id, index) => versions[index] && this.known.get(id)?.version !== versions[index],
    );
    const values = await Promise.all(
      stale.map((id) => this.redis.hmget(source.recordKey(id), ...source.fields)),
    );
    stale.forEach((id, index) => {
      const summary = source.summarize(values[index] ?? [], id);
      const version = versions[ids.indexOf(id)];
      if (summary !== undefined && version) this.known.set(id, { version, summary });
    });
    // Only the window is kept: what left it is forgotten.
    const inWindow = new Set(ids.filter((_, index) => versions[index]));
    for (const id of this.known.keys()) if (!inWindow.has(id)) this.known.delete(id);
    return [...this.known.values()].map((entry) => entry.summary);
  }

  /**
   * One field of each record, the commands sent together: on a cluster the records live on different nodes,
   * which one pipeline cannot reach, and ioredis writes each command at once anyway.
   */
  private hgetEach(ids: string[], field: string): Promise<Array<string | null>> {
    return Promise.all(ids.map((id) => this.redis.hget(this.source.recordKey(id), field)));
  }
}
