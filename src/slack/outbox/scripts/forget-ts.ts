// Forgets the ts of a message Slack no longer has (deleted), so the next step posts it again.
import { LuaScript } from '../../../store/lua-script.js';

/**
 * KEYS[1]  message hash  `{prefix}outbox:message:<key>`
 * ARGV[1]  the ts Slack said it does not know
 * Returns  1 when forgotten; 0 when the hash holds another ts (or none): nothing is written.
 * The version shown goes back to 0, since Slack shows nothing of this message any more.
 */
export const forgetTsScript = new LuaScript(
  `
if redis.call('HGET', KEYS[1], 'ts') ~= ARGV[1] then
  return 0
end
redis.call('HDEL', KEYS[1], 'ts', 'lastSentAt')
redis.call('HSET', KEYS[1], 'delivered', 0)
return 1
`,
  'forget-ts',
);
