// Records what Slack now shows for a message: its ts and the version it carries.
import { LuaScript } from '../../../store/lua-script.js';

/**
 * KEYS[1]  message hash  `{prefix}outbox:message:<key>`
 * ARGV[1]  ts of the message (posted, edited or found)
 * ARGV[2]  the version Slack shows
 * ARGV[3]  now, ms
 * ARGV[4]  retention, seconds
 * Returns  1; 0 when the hash is gone (expired), in which case nothing is written.
 *
 * The ts is recorded whatever the generation: a post that reached Slack must never be posted again. The posting
 * mark and an earlier refusal are cleared, since Slack just accepted the message.
 */
export const recordSentScript = new LuaScript(
  `
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
local delivered = tonumber(redis.call('HGET', KEYS[1], 'delivered') or '0')
redis.call('HSET', KEYS[1], 'ts', ARGV[1], 'delivered', math.max(delivered, tonumber(ARGV[2])), 'lastSentAt', ARGV[3])
redis.call('HDEL', KEYS[1], 'postingAt', 'postingVersion', 'gaveUpVersion', 'gaveUpReason')
redis.call('EXPIRE', KEYS[1], ARGV[4])
return 1
`,
  'record-sent',
);
