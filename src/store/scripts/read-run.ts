// The read of a run: everything, or only what changed since the version the reader holds, in one consistent step.
import { LuaScript } from '../lua-script.js';

/**
 * KEYS[1]    run hash            `{prefix}{run:<id>}`
 * KEYS[2]    changed parts       `{prefix}{run:<id>}:changed`
 * ARGV[1]    the version the reader holds, or 0 for none
 * Returns    nil when there is no run; otherwise `{version, kind, ...}` by kind:
 *   `same`         the reader's version is current: nothing else
 *   `all`          header, child count, then field, JSON pairs of every part (`targets`, `child:<n>`)
 *   `changed`      header, child count, then field, JSON pairs of the parts written after the reader's version
 *                  (a part listed but not held comes as nil: a corrupt record)
 *   `old-layout`   the whole run's JSON (a record written before parts; the next write converts it)
 *   `unversioned`  (version is '') the `json` field of a hash without a version: a corrupt record
 * A reader whose version is above the record's holds another record of the same id (one that expired), and one
 * below `changedFrom` one from before the run finished (and dropped its changed set): both get everything.
 */
export const readRunScript = new LuaScript(
  `
local fields = redis.call('HMGET', KEYS[1], 'version', 'header', 'children', 'json', 'changedFrom')
local version, header, children, json = fields[1], fields[2], fields[3], fields[4]
local changed_from = tonumber(fields[5] or '0')
if not version then
  if json or header then
    return {'', 'unversioned', json or ''}
  end
  return nil
end
if version == ARGV[1] then
  return {version, 'same'}
end
if not header then
  if json then
    return {version, 'old-layout', json}
  end
  return {'', 'unversioned', ''}
end
local count = tonumber(children or '0')
local known = tonumber(ARGV[1]) or 0
local reply = {version, 'changed', header, count}
if known == 0 or known > tonumber(version) or known < changed_from then
  reply[2] = 'all'
  reply[#reply + 1] = 'targets'
  reply[#reply + 1] = redis.call('HGET', KEYS[1], 'targets')
  for n = 0, count - 1 do
    reply[#reply + 1] = 'child:' .. n
    reply[#reply + 1] = redis.call('HGET', KEYS[1], 'child:' .. n)
  end
  return reply
end
for _, field in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], '(' .. known, '+inf')) do
  reply[#reply + 1] = field
  reply[#reply + 1] = redis.call('HGET', KEYS[1], field)
end
return reply
`,
  'read-run',
);
