// The atomic insert of a new change: its hash and its place in the recent and open sets (one slot, `{changes}`).
import { LuaScript } from '../lua-script.js';

/**
 * KEYS[1]    change hash         `{prefix}{changes}:change:<id>`
 * KEYS[2]    recent sorted set   `{prefix}{changes}:recent`
 * KEYS[3]    open sorted set     `{prefix}{changes}:open`
 * ARGV[1]    the StoredChange as JSON
 * ARGV[2]    its request.version
 * ARGV[3]    '1' when the request is lock-holding, else '0'
 * ARGV[4]    '1' when the request is open (pending, approved, held), else '0'
 * ARGV[5]    createdAt in ms (the score of both sets)
 * ARGV[6]    change id
 * ARGV[7]    how many changes the recent set keeps
 * Returns    1 when created, 0 when a change with that id exists (nothing is written).
 */
export const createChangeScript = new LuaScript(
  `
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
redis.call('HSET', KEYS[1], 'json', ARGV[1], 'version', ARGV[2], 'holding', ARGV[3])
redis.call('ZADD', KEYS[2], ARGV[5], ARGV[6])
-- Keep the newest ARGV[7]: ranks run oldest first, so drop from rank 0 up to the (ARGV[7] + 1)th newest.
redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -(tonumber(ARGV[7]) + 1))
if ARGV[4] == '1' then
  redis.call('ZADD', KEYS[3], ARGV[5], ARGV[6])
end
return 1
`,
  'create-change',
);
