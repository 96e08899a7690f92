// Ends a deliverNow caller's lease on a message; a first post Slack refused is forgotten with it.
import { LuaScript } from '../../../store/lua-script.js';

/**
 * KEYS[1]  message hash  `{prefix}outbox:message:<key>`
 * ARGV[1]  the generation the lease was taken with
 * ARGV[2]  '1' to delete the record when it was never posted and Slack refused it, '0' to keep it
 * Returns  'discarded' (the record is gone), 'released' (jobs may deliver it now), or 'stale' (another
 *          generation owns the key, or the hash is gone).
 *
 * Discarding makes a refused first post as if it was never asked for: the caller reports the refusal and
 * records nothing, and asking again (the bot was invited meanwhile) posts anew instead of finding a refusal.
 */
export const endLeaseScript = new LuaScript(
  `
if redis.call('HGET', KEYS[1], 'generation') ~= ARGV[1] then
  return 'stale'
end
redis.call('HDEL', KEYS[1], 'leaseUntil')
if ARGV[2] == '1' and redis.call('HEXISTS', KEYS[1], 'ts') == 0
    and redis.call('HEXISTS', KEYS[1], 'gaveUpVersion') == 1 then
  redis.call('DEL', KEYS[1])
  return 'discarded'
end
return 'released'
`,
  'end-lease',
);
