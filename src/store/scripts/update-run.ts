// The compare-and-set of a run: write the new JSON only if nobody wrote since we read.
import { LuaScript } from '../lua-script.js';

/**
 * KEYS[1]    run hash            `{prefix}{run:<id>}`
 * ARGV[1]    the version that was read (the `version` field of the hash)
 * ARGV[2]    the new run as JSON
 * Returns    the new version (> 0) when written; 0 when the version moved on (another writer won: read again);
 *            -1 when there is no such run.
 * The execution index is other slots: RedisRunStore writes the entries an update adds before this. The recent
 * list is untouched: it is scored by createdAt, which an update may not change.
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
redis.call('HSET', KEYS[1], 'json', ARGV[2], 'version', next_version)
return next_version
`,
  'update-run',
);
