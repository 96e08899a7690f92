// A Lua script run by its SHA, loaded on first use: the one way the stores make multi-key changes atomic.
import { createHash } from 'node:crypto';
import type { RedisClient } from './redis-connection.js';

/** One server-side script. Redis forgets scripts on restart or SCRIPT FLUSH, so NOSCRIPT falls back to EVAL. */
export class LuaScript {
  private readonly sha: string;

  constructor(private readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async run(client: RedisClient, keys: string[], args: Array<string | number>): Promise<unknown> {
    try {
      return await client.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      // EVAL caches the script too, so the next call's EVALSHA finds it.
      return client.eval(this.source, keys.length, ...keys, ...args);
    }
  }
}
