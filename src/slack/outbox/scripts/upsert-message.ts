// Stores the desired state of one message and says whether a delivery job has to be scheduled for it.
import { LuaScript } from '../../../store/lua-script.js';

/**
 * KEYS[1]  message hash  `{prefix}outbox:message:{key}`
 * ARGV[1]  channel
 * ARGV[2]  threadOf: the parent's key, '' for a top-level message
 * ARGV[3]  broadcast '1' | '0'
 * ARGV[4]  postOnly '1' | '0'
 * ARGV[5]  final '1' | '0'
 * ARGV[6]  content as JSON
 * ARGV[7]  now, ms
 * ARGV[8]  retention, seconds (the hash's TTL, renewed by every upsert)
 * Returns  {outcome, generation}:
 *          'schedule'  a new generation began: add its job;
 *          'scheduled' a job of this generation is already scheduled or running (add it again: a no-op, unless a
 *                      crash came between this script and the add);
 *          'idle'      nothing changed and nothing is pending.
 *
 * Channel, thread, broadcast and postOnly are the first upsert's: a posted message cannot move. A postOnly message
 * never changes after its first upsert. The version moves only when the content changes, so repeating the same
 * state costs nothing; `final` is taken from every upsert. Once a message's state is final, a non-final upsert is
 * stale by definition (a writer that read an older run and upserted late) and changes nothing.
 */
export const upsertMessageScript = new LuaScript(`
local changed = false
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('HSET', KEYS[1], 'channel', ARGV[1], 'threadOf', ARGV[2], 'broadcast', ARGV[3], 'postOnly', ARGV[4],
    'final', ARGV[5], 'content', ARGV[6], 'version', 1, 'delivered', 0, 'generation', 0, 'scheduled', 0,
    'createdAt', ARGV[7])
  changed = true
elseif redis.call('HGET', KEYS[1], 'postOnly') ~= '1'
    and not (redis.call('HGET', KEYS[1], 'final') == '1' and ARGV[5] ~= '1') then
  if redis.call('HGET', KEYS[1], 'content') ~= ARGV[6] then
    redis.call('HSET', KEYS[1], 'content', ARGV[6])
    redis.call('HINCRBY', KEYS[1], 'version', 1)
    changed = true
  end
  redis.call('HSET', KEYS[1], 'final', ARGV[5])
end
redis.call('EXPIRE', KEYS[1], ARGV[8])
local generation = tonumber(redis.call('HGET', KEYS[1], 'generation'))
if redis.call('HGET', KEYS[1], 'scheduled') == '1' then
  return {'scheduled', generation}
end
if not changed then
  return {'idle', generation}
end
generation = redis.call('HINCRBY', KEYS[1], 'generation', 1)
redis.call('HSET', KEYS[1], 'scheduled', 1)
return {'schedule', generation}
`);
