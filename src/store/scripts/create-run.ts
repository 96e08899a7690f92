// The atomic insert of a new run: the record, its place in the recent list and its execution index entries.
import { LuaScript } from '../lua-script.js';

/**
 * KEYS[1]    run hash            `{prefix}run:{id}`
 * KEYS[2]    recent sorted set   `{prefix}runs:recent`
 * KEYS[3..n] execution index     `{prefix}execution:{executionId}`, one per execution id the run already has
 * ARGV[1]    the run as JSON
 * ARGV[2]    createdAt in ms (the recent score)
 * ARGV[3]    run id
 * ARGV[4]    how many runs the recent list keeps
 * Returns    1 when created, 0 when a run with that id exists (nothing is written).
 */
export const createRunScript = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
redis.call('HSET', KEYS[1], 'json', ARGV[1], 'version', 1)
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
-- Keep the newest ARGV[4]: ranks run oldest first, so drop from rank 0 up to the (ARGV[4] + 1)th newest.
redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -(tonumber(ARGV[4]) + 1))
for i = 3, #KEYS do
  redis.call('SET', KEYS[i], ARGV[3])
end
return 1
`);
