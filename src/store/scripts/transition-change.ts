// The compare-and-set of a change: write the next request only if nobody wrote since we read, with its indexes and locks.
import { LuaScript } from '../lua-script.js';
import { changeLockLua } from './change-lock-lua.js';

/**
 * KEYS[1]    change hash         `{prefix}{changes}:change:<id>`
 * KEYS[2]    open sorted set     `{prefix}{changes}:open`
 * KEYS[3..n] the change's lock keys `{prefix}{changes}:lock:<lockKey>`, given when ARGV[4] is '0' (to release)
 * ARGV[1]    the version that was read (the `version` field of the hash)
 * ARGV[2]    the next StoredChange as JSON
 * ARGV[3]    its request.version: ARGV[1] + 1
 * ARGV[4]    '1' when the next request is lock-holding, else '0': its locks held by ARGV[7] are deleted
 * ARGV[5]    '1' when the next request is open (pending, approved, held), else '0'
 * ARGV[6]    createdAt in ms (the open set's score)
 * ARGV[7]    change id
 * Returns    1 when written; 0 when the version moved on (another writer won: read again); -1 when there is
 *            no such change; an error, with nothing written, when ARGV[3] is not ARGV[1] + 1.
 * The recent set is untouched: it is scored by createdAt, which a transition may not change.
 */
export const transitionChangeScript = new LuaScript(
  `${changeLockLua}
local version = redis.call('HGET', KEYS[1], 'version')
if not version then
  return -1
end
if version ~= ARGV[1] then
  return 0
end
if tonumber(ARGV[3]) ~= tonumber(version) + 1 then
  return redis.error_reply('change store: ' .. ARGV[7] .. ' would move from version ' .. version .. ' to ' .. ARGV[3])
end
redis.call('HSET', KEYS[1], 'json', ARGV[2], 'version', ARGV[3], 'holding', ARGV[4])
if ARGV[5] == '1' then
  redis.call('ZADD', KEYS[2], ARGV[6], ARGV[7])
else
  redis.call('ZREM', KEYS[2], ARGV[7])
end
if ARGV[4] == '0' then
  release_locks(3, ARGV[7])
end
return 1
`,
  'transition-change',
);
