// The atomic append of an audit entry: the stream entry, its place in each subject's timeline index and, when
// the append is idempotent, its key.
import { LuaScript } from '../lua-script.js';

/**
 * KEYS[1]    audit stream          `{prefix}{audit}`
 * KEYS[2]    only when ARGV[2] is set: the idempotency key `{prefix}{audit}:once:<key>`, a string holding the id
 *            of the entry that used it
 * KEYS[..n]  timeline index lists  `{prefix}{audit}:subject:<changeId or runId>`, one per id the entry names
 * ARGV[1]    the stream's approximate cap (XADD MAXLEN ~), or '' for none: the audit trail's only trim
 * ARGV[2]    how long the idempotency key lives (ms), or '' for an append without one
 * ARGV[3..]  the stream entry's field-value pairs (`entry`, the JSON, first)
 * Returns    the new stream id (`*`: the server's clock in ms, then a sequence), so ids increase in append order;
 *            `{ id }`, a one-element array, with nothing written, when the idempotency key is held by entry `id`;
 *            an error, with nothing written, when a key holds another type.
 * Redis does not roll a script back, so every key is checked before the first write: all or nothing.
 */
export const appendAuditEntryScript = new LuaScript(
  `
local function check(key, expected)
  local kind = redis.call('TYPE', key).ok
  if kind ~= 'none' and kind ~= expected then
    return redis.error_reply('audit log: ' .. key .. ' holds a ' .. kind .. ', not a ' .. expected)
  end
end
local once = ARGV[2] ~= ''
local firstList = once and 3 or 2
local problem = check(KEYS[1], 'stream')
if problem then return problem end
if once then
  problem = check(KEYS[2], 'string')
  if problem then return problem end
  local holder = redis.call('GET', KEYS[2])
  if holder then return { holder } end
end
for i = firstList, #KEYS do
  problem = check(KEYS[i], 'list')
  if problem then return problem end
end
local fields = { unpack(ARGV, 3) }
local id
if ARGV[1] == '' then
  id = redis.call('XADD', KEYS[1], '*', unpack(fields))
else
  id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', unpack(fields))
end
if once then
  redis.call('SET', KEYS[2], id, 'PX', ARGV[2])
end
for i = firstList, #KEYS do
  redis.call('RPUSH', KEYS[i], id)
end
return id
`,
  'append-audit-entry',
);
