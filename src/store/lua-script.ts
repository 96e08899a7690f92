// A Lua script run by its SHA, loaded on first use: the one way the stores make multi-key changes atomic.
import { createHash } from 'node:crypto';
import { assertOneSlot } from './key-slot.js';
import type { RedisClient } from './redis-connection.js';

/**
 * One server-side script. Redis forgets scripts on restart or SCRIPT FLUSH, so NOSCRIPT falls back to EVAL (on a
 * cluster, each node learns it on its first EVAL there). Its keys must share a hash slot, as Redis Cluster
 * requires: `run` refuses others before sending anything, on a single Redis too, so tests catch them anywhere.
 */
export class LuaScript {
  private readonly sha: string;

  /** `name` says which script refused keys of several slots. */
  constructor(
    private readonly source: string,
    private readonly name = 'a Lua script',
  ) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async run(client: RedisClient, keys: string[], args: Array<string | number>): Promise<unknown> {
    assertOneSlot(keys, this.name);
    try {
      return await client.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      // EVAL caches the script too, so the next call's EVALSHA finds it.
      return client.eval(this.source, keys.length, ...keys, ...args);
    }
  }
}
