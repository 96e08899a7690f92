// The insert of a new run's record, unless a run with its id exists; its indexes are written before it.
import { LuaScript } from '../lua-script.js';

/**
 * KEYS[1]    run hash            `{prefix}{run:<id>}`
 * KEYS[2]    changed parts       `{prefix}{run:<id>}:changed`
 * ARGV[1]    header JSON
 * ARGV[2]    counts JSON
 * ARGV[3]    how many children
 * ARGV[4..]  field, JSON pairs: `targets` and every `child:<n>`
 * Returns    1 when created, 0 when a run with that id exists (nothing is written).
 * The parts a create writes are not listed as changed: a reader that has version 1 has them all. A changed set
 * left by an expired record of the same id is dropped. The recent list and the execution index are other
 * slots: RedisRunStore writes them first (see create).
 */
export const createRunScript = new LuaScript(
  `
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
redis.call('DEL', KEYS[2])
redis.call('HSET', KEYS[1], 'version', 1, 'header', ARGV[1], 'counts', ARGV[2], 'children', ARGV[3])
for i = 4, #ARGV, 2 do
  redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
end
return 1
`,
  'create-run',
);
