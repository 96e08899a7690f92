// Starts under way, in Redis: the runs whose parent message may be posted but which are not recorded yet.
import type { Run } from '../core/run/run.js';
import type { RunStarts } from '../ports.js';
import { checkedKeyPrefix } from './key-slot.js';
import { parseStoredRun } from './parse-stored-run.js';
import type { RedisClient } from './redis-connection.js';
import { DEFAULT_KEY_PREFIX } from './redis-run-store.js';

/**
 * Keys, both with the hash tag `{run-starts}` (one slot, so MULTI writes them together on a cluster too):
 * hash `{prefix}{run-starts}` (run id → the run as JSON, as it was when its start began) and sorted set
 * `{prefix}{run-starts}:at` (run id → when it began, ms). A start settles its own entry; the minute sweep settles
 * what a crash left, so both hold only starts in flight or cut short in the last minutes.
 */
export class RedisRunStarts implements RunStarts {
  private readonly runsKey: string;
  private readonly atKey: string;

  constructor(
    private readonly client: RedisClient,
    prefix = DEFAULT_KEY_PREFIX,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.runsKey = `${checkedKeyPrefix(prefix)}{run-starts}`;
    this.atKey = `${this.runsKey}:at`;
  }

  async begin(run: Run): Promise<void> {
    const at = this.now().getTime();
    throwIfFailed(
      await this.client
        .multi()
        .hset(this.runsKey, run.id, JSON.stringify(run))
        .zadd(this.atKey, at, run.id)
        .exec(),
    );
  }

  async settle(runId: string): Promise<void> {
    throwIfFailed(await this.client.multi().hdel(this.runsKey, runId).zrem(this.atKey, runId).exec());
  }

  async unsettled(before: Date, limit: number): Promise<Run[]> {
    const ids = await this.client.zrangebyscore(
      this.atKey,
      '-inf',
      `(${before.getTime()}`,
      'LIMIT',
      0,
      limit,
    );
    if (ids.length === 0) return [];
    const found = await this.client.hmget(this.runsKey, ...ids);
    // MULTI writes both keys together, so a time without its run is a hand edit: drop it rather than let it
    // take a place in every later sweep's limit.
    const orphans = ids.filter((_, index) => !found[index]);
    if (orphans.length > 0) await this.client.zrem(this.atKey, ...orphans);
    return ids.flatMap((id, index) => {
      const json = found[index];
      return json ? [parseStoredRun(json, this.runsKey, id)] : [];
    });
  }
}

/** MULTI resolves with each command's error instead of rejecting: a wrong-typed key is a fault all the same. */
function throwIfFailed(results: Array<[Error | null, unknown]> | null): void {
  if (!results) throw new Error('run starts: the MULTI was discarded');
  for (const [error] of results) if (error) throw error;
}
