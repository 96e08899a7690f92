// The atomic insert of a new change: its hash, its place in the recent and open sets, and its run index entry.
import { LuaScript } from '../lua-script.js';

/**
 * KEYS[1]    change hash         `{prefix}change:{id}`
 * KEYS[2]    recent sorted set   `{prefix}changes:recent`
 * KEYS[3]    open sorted set     `{prefix}changes:open`
 * KEYS[4]    run index           `{prefix}change-run:{runId}`, only when ARGV[5] is not empty
 * ARGV[1]    the StoredChange as JSON
 * ARGV[2]    its request.version
 * ARGV[3]    '1' when the request is lock-holding, else '0'
 * ARGV[4]    '1' when the request is open (pending, approved, held), else '0'
 * ARGV[5]    its runId, or '' when it has none
 * ARGV[6]    createdAt in ms (the score of both sets)
 * ARGV[7]    change id
 * ARGV[8]    how many changes the recent set keeps
 * Returns    1 when created, 0 when a change with that id exists (nothing is written).
 */
export const createChangeScript = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
redis.call('HSET', KEYS[1], 'json', ARGV[1], 'version', ARGV[2], 'holding', ARGV[3])
redis.call('ZADD', KEYS[2], ARGV[6], ARGV[7])
-- Keep the newest ARGV[8]: ranks run oldest first, so drop from rank 0 up to the (ARGV[8] + 1)th newest.
redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -(tonumber(ARGV[8]) + 1))
if ARGV[4] == '1' then
  redis.call('ZADD', KEYS[3], ARGV[6], ARGV[7])
end
if ARGV[5] ~= '' then
  redis.call('HSET', KEYS[1], 'runId', ARGV[5])
  redis.call('SET', KEYS[4], ARGV[7])
end
return 1
`);
