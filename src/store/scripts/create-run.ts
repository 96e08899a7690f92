// The insert of a new run's record, unless a run with its id exists; its indexes are written before it.
import { LuaScript } from '../lua-script.js';

/**
 * KEYS[1]    run hash            `{prefix}{run:<id>}`
 * ARGV[1]    the run as JSON
 * Returns    1 when created, 0 when a run with that id exists (nothing is written).
 * The recent list and the execution index are other slots: RedisRunStore writes them first (see create).
 */
export const createRunScript = new LuaScript(
  `
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
redis.call('HSET', KEYS[1], 'json', ARGV[1], 'version', 1)
return 1
`,
  'create-run',
);
