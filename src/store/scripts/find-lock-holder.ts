// The read-only side of the change locks: who, if anyone, holds one of these keys right now.
import { LuaScript } from '../lua-script.js';
import { changeLockLua } from './change-lock-lua.js';

/**
 * KEYS[1..n] lock keys          `{prefix}{changes}:lock:<lockKey>`
 * ARGV[1]    a change id to ignore, or '' for none
 * ARGV[2]    the change hash prefix `{prefix}{changes}:change:` (see acquire-change-locks.ts)
 * Returns    the id of the first lock-holding change (other than ARGV[1]) holding one of the keys, or nil.
 *            Nothing is written.
 */
export const findLockHolderScript = new LuaScript(
  `${changeLockLua}
for i = 1, #KEYS do
  local holder = live_holder(KEYS[i], ARGV[1], ARGV[2])
  if holder then
    return holder
  end
end
return false
`,
  'find-lock-holder',
);
