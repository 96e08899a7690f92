// The release of a change's locks, leaving any key another change has since taken.
import { LuaScript } from '../lua-script.js';
import { changeLockLua } from './change-lock-lua.js';

/**
 * KEYS[1..n] the change's lock keys `{prefix}lock:{lockKey}`
 * ARGV[1]    change id
 * Returns    how many keys were deleted (those whose value was ARGV[1]).
 */
export const releaseChangeLocksScript = new LuaScript(`${changeLockLua}
return release_locks(1, ARGV[1])
`);
