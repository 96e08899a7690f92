// Lua functions the change scripts share, so every script judges a lock and releases one the same way.

/**
 * `live_holder(key, except, change_prefix)`: the id stored at lock `key` unless it is `except` or its change
 * (`change_prefix .. id`) is not lock-holding (`holding` ≠ '1', or the hash is gone): a stale lock is no one's.
 * `release_locks(first, id)`: deletes KEYS[first..] whose value is `id`, leaving other holders' locks alone.
 */
export const changeLockLua = `
local function live_holder(key, except, change_prefix)
  local holder = redis.call('GET', key)
  if not holder or holder == except then
    return nil
  end
  if redis.call('HGET', change_prefix .. holder, 'holding') == '1' then
    return holder
  end
  return nil
end

local function release_locks(first, id)
  local released = 0
  for i = first, #KEYS do
    if redis.call('GET', KEYS[i]) == id then
      released = released + redis.call('DEL', KEYS[i])
    end
  end
  return released
end
`;
