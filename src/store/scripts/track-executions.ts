// The execution tracker's two writes: track entries at a place, and untrack them (the place leaves when empty).
import { LuaScript } from '../lua-script.js';

/**
 * KEYS[1]    the place's hash      `{prefix}{track}:<account>:<region>`
 * KEYS[2]    the set of places     `{prefix}{track}:locations`
 * KEYS[3..n] the where-index keys  `{prefix}{track}:where:<executionId>`, one per execution entry tracked
 * ARGV[1]    the place (`<account>:<region>`)
 * ARGV[2..]  the hash's field-value pairs (entryField, the entry as JSON)
 * Returns    1. Each where-index key is set to ARGV[1].
 */
export const trackExecutionsScript = new LuaScript(
  `
redis.call('HSET', KEYS[1], unpack(ARGV, 2))
redis.call('SADD', KEYS[2], ARGV[1])
for index = 3, #KEYS do redis.call('SET', KEYS[index], ARGV[1]) end
return 1
`,
  'track-executions',
);

/**
 * Untracks atomically, so a place never leaves the set while a concurrent track fills it again.
 * KEYS[1]    the place's hash, KEYS[2] the set of places, KEYS[3..] the where-index keys of removed executions
 * ARGV[1]    the place, ARGV[2..] the hash fields to remove
 * Returns    the number of fields removed.
 */
export const untrackExecutionsScript = new LuaScript(
  `
local removed = redis.call('HDEL', KEYS[1], unpack(ARGV, 2))
for index = 3, #KEYS do redis.call('DEL', KEYS[index]) end
if redis.call('HLEN', KEYS[1]) == 0 then redis.call('SREM', KEYS[2], ARGV[1]) end
return removed
`,
  'untrack-executions',
);
