// A run's place in the recent list, added once and trimmed to the newest, in one step on the list's own slot.
import { LuaScript } from '../lua-script.js';

/**
 * KEYS[1]    recent sorted set   `{prefix}{runs}:recent`
 * ARGV[1]    createdAt in ms (the score)
 * ARGV[2]    run id
 * ARGV[3]    how many runs the list keeps
 * ARGV[4]    scores below this are dropped (runs older than the retention, whose records have expired)
 * Returns    1 when added, 0 when the id was there already (its score is left as it was).
 * NX, so a retried or repeated create (a run that exists) never moves the existing entry.
 */
export const addRecentRunScript = new LuaScript(
  `
local added = redis.call('ZADD', KEYS[1], 'NX', ARGV[1], ARGV[2])
-- Keep the newest ARGV[3]: ranks run oldest first, so drop from rank 0 up to the (ARGV[3] + 1)th newest.
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -(tonumber(ARGV[3]) + 1))
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[4])
return added
`,
  'add-recent-run',
);
