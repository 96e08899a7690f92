// The compare-and-set of a run: write the parts that changed, only if nobody wrote since we read.
import { LuaScript } from '../lua-script.js';

/**
 * KEYS[1]    run hash            `{prefix}{run:<id>}`
 * KEYS[2]    changed parts       `{prefix}{run:<id>}:changed`
 * ARGV[1]    the version that was read (the `version` field of the hash)
 * ARGV[2]    header JSON
 * ARGV[3]    counts JSON
 * ARGV[4]    how many children
 * ARGV[5]    seconds the record lives on (the run is finished), or 0 to leave its expiry as it is
 * ARGV[6..]  field, JSON pairs: the parts that changed (`targets`, `child:<n>`)
 * Returns    the new version (> 0) when written; 0 when the version moved on (another writer won: read again);
 *            -1 when there is no such run.
 * Each written part is scored with the new version in the changed set; children beyond the new count are
 * removed from both. A finished run keeps no changed set, which is as large as its children: `changedFrom` says
 * that a reader below that version reads everything (a late write lists its parts anew, and expires with the
 * record as set again). A record of the old layout (`json`) loses that field: its writer sends every part. The
 * execution index is other slots: RedisRunStore writes the entries an update adds before this.
 */
export const updateRunScript = new LuaScript(
  `
local version = redis.call('HGET', KEYS[1], 'version')
if not version then
  return -1
end
if version ~= ARGV[1] then
  return 0
end
local next_version = tonumber(version) + 1
local old_count = tonumber(redis.call('HGET', KEYS[1], 'children') or '0')
local new_count = tonumber(ARGV[4])
redis.call('HSET', KEYS[1], 'version', next_version, 'header', ARGV[2], 'counts', ARGV[3], 'children', ARGV[4])
for i = 6, #ARGV, 2 do
  redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
  redis.call('ZADD', KEYS[2], next_version, ARGV[i])
end
for n = new_count, old_count - 1 do
  redis.call('HDEL', KEYS[1], 'child:' .. n)
  redis.call('ZREM', KEYS[2], 'child:' .. n)
end
redis.call('HDEL', KEYS[1], 'json')
local ttl = tonumber(ARGV[5])
if ttl > 0 then
  redis.call('DEL', KEYS[2])
  redis.call('HSET', KEYS[1], 'changedFrom', next_version)
  redis.call('EXPIRE', KEYS[1], ttl)
end
return next_version
`,
  'update-run',
);
