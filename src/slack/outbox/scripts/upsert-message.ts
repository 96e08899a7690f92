// Stores the desired state of one message and says whether a delivery job has to be scheduled for it.
import { LuaScript } from '../../../store/lua-script.js';

/**
 * KEYS[1]  message hash  `{prefix}outbox:message:<key>`
 * ARGV[1]  channel
 * ARGV[2]  threadOf: the parent's key, '' for a top-level message
 * ARGV[3]  broadcast '1' | '0'
 * ARGV[4]  postOnly '1' | '0'
 * ARGV[5]  final '1' | '0'
 * ARGV[6]  content as JSON
 * ARGV[7]  now, ms
 * ARGV[8]  retention, seconds (the hash's TTL, renewed by every upsert)
 * ARGV[9]  revision of the source the content was rendered from, '' when the caller has none
 * ARGV[10] lease: until when (ms) the caller delivers a new generation itself, '' for none (deliverNow)
 * ARGV[11] editEveryMs: the slowest pace of edits this upsert asks for, '' for the outbox's own
 * Returns  {outcome, generation}:
 *          'schedule'  a new generation began: add its job (or, with a lease, deliver it and then add the job);
 *          'scheduled' a job of this generation is already scheduled or running (add it again: a no-op, unless a
 *                      crash came between this script and the add);
 *          'idle'      nothing changed and nothing is pending.
 *
 * Channel, thread, broadcast and postOnly are the first upsert's: a posted message cannot move. A postOnly message
 * never changes after its first upsert. The version moves only when the content changes (compared by its SHA-1:
 * a delivered message keeps only that, see finish-delivery), so repeating the same state costs nothing; `final` is taken from every upsert. Two kinds of upsert are stale and change nothing:
 * - one rendered from an older revision of its source than the stored content (a writer that read the run
 *   before another writer changed it, and upserted last);
 * - a non-final one once the state is final (the same, for callers without revisions).
 */
export const upsertMessageScript = new LuaScript(
  `
local changed = false
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('HSET', KEYS[1], 'channel', ARGV[1], 'threadOf', ARGV[2], 'broadcast', ARGV[3], 'postOnly', ARGV[4],
    'final', ARGV[5], 'content', ARGV[6], 'contentDigest', redis.sha1hex(ARGV[6]), 'version', 1, 'delivered', 0,
    'generation', 0, 'scheduled', 0, 'createdAt', ARGV[7])
  if ARGV[9] ~= '' then redis.call('HSET', KEYS[1], 'revision', ARGV[9]) end
  changed = true
else
  local stored = tonumber(redis.call('HGET', KEYS[1], 'revision') or '-1')
  local older = ARGV[9] ~= '' and tonumber(ARGV[9]) < stored
  if redis.call('HGET', KEYS[1], 'postOnly') ~= '1' and not older
      and not (redis.call('HGET', KEYS[1], 'final') == '1' and ARGV[5] ~= '1') then
    local digest = redis.sha1hex(ARGV[6])
    local stored_digest = redis.call('HGET', KEYS[1], 'contentDigest')
    if not stored_digest then
      local content = redis.call('HGET', KEYS[1], 'content')
      stored_digest = content and redis.sha1hex(content) or ''
    end
    if stored_digest ~= digest then
      redis.call('HSET', KEYS[1], 'content', ARGV[6], 'contentDigest', digest)
      redis.call('HINCRBY', KEYS[1], 'version', 1)
      changed = true
    end
    redis.call('HSET', KEYS[1], 'final', ARGV[5])
    if ARGV[9] ~= '' then redis.call('HSET', KEYS[1], 'revision', ARGV[9]) end
  end
end
if ARGV[11] ~= '' then
  redis.call('HSET', KEYS[1], 'editEveryMs', ARGV[11])
else
  redis.call('HDEL', KEYS[1], 'editEveryMs')
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
if ARGV[10] ~= '' then redis.call('HSET', KEYS[1], 'leaseUntil', ARGV[10]) end
return {'schedule', generation}
`,
  'upsert-message',
);
