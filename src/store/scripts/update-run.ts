// The compare-and-set of a run: write the new JSON only if nobody wrote since we read, and index new executions.
import { LuaScript } from '../lua-script.js';

/**
 * KEYS[1]    run hash            `{prefix}run:{id}`
 * KEYS[2..n] execution index     `{prefix}execution:{executionId}`, one per execution id the update adds
 * ARGV[1]    the version that was read (the `version` field of the hash)
 * ARGV[2]    the new run as JSON
 * ARGV[3]    run id
 * Returns    the new version (> 0) when written; 0 when the version moved on (another writer won: read again);
 *            -1 when there is no such run.
 * The recent list is untouched: it is scored by createdAt, which an update may not change.
 */
export const updateRunScript = new LuaScript(`
local version = redis.call('HGET', KEYS[1], 'version')
if not version then
  return -1
end
if version ~= ARGV[1] then
  return 0
end
local next_version = tonumber(version) + 1
redis.call('HSET', KEYS[1], 'json', ARGV[2], 'version', next_version)
for i = 2, #KEYS do
  redis.call('SET', KEYS[i], ARGV[3])
end
return next_version
`);
