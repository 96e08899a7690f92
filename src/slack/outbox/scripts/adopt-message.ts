// Takes over a message someone else posted: from now on upserts of the key edit the message at this ts.
import { LuaScript } from '../../../store/lua-script.js';

/**
 * KEYS[1]  message hash  `{prefix}outbox:message:{key}`
 * ARGV[1]  channel
 * ARGV[2]  ts of the posted message
 * ARGV[3]  what it shows, as JSON (`{"text":""}` when unknown, so the first upsert edits it)
 * ARGV[4]  now, ms
 * ARGV[5]  retention, seconds
 * Returns  1 when the key was new; 0 when it existed (its ts is replaced, the rest kept).
 *
 * The adopted message counts as version 1, delivered and sent now: an upsert of the same content changes
 * nothing, a different one is edited in after the coalescing window.
 */
export const adoptMessageScript = new LuaScript(`
local created = 0
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('HSET', KEYS[1], 'channel', ARGV[1], 'threadOf', '', 'broadcast', 0, 'postOnly', 0, 'final', 0,
    'content', ARGV[3], 'version', 1, 'delivered', 1, 'generation', 0, 'scheduled', 0, 'createdAt', ARGV[4])
  created = 1
end
redis.call('HSET', KEYS[1], 'ts', ARGV[2], 'lastSentAt', ARGV[4])
redis.call('HDEL', KEYS[1], 'postingAt', 'postingVersion')
redis.call('EXPIRE', KEYS[1], ARGV[5])
return created
`);
