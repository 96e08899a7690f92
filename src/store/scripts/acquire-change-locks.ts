// The all-or-nothing take of a change's locks: every key names the change, or none is written.
import { LuaScript } from '../lua-script.js';
import { changeLockLua } from './change-lock-lua.js';

/**
 * KEYS[1..n] lock keys          `{prefix}{changes}:lock:<lockKey>`
 * ARGV[1]    change id taking them
 * ARGV[2]    the change hash prefix `{prefix}{changes}:change:`: a holder's hash is read to see whether it is
 *            holding (a key built here, not passed, since the holders are only known here: it shares the
 *            `{changes}` slot with the locks, which Redis Cluster requires of a key a script did not declare)
 * Returns    the id of a lock-holding change holding one of the keys (nothing written); nil when every key
 *            now names ARGV[1]. A lock of ARGV[1] itself, or of a change that is not holding, is taken over.
 */
export const acquireChangeLocksScript = new LuaScript(
  `${changeLockLua}
for i = 1, #KEYS do
  local holder = live_holder(KEYS[i], ARGV[1], ARGV[2])
  if holder then
    return holder
  end
end
for i = 1, #KEYS do
  redis.call('SET', KEYS[i], ARGV[1])
end
return false
`,
  'acquire-change-locks',
);
