// Lets one message call one Slack method now, or tells it when: a GCRA bucket with reservations, and the
// method's Retry-After block.
import { LuaScript } from '../../../store/lua-script.js';

/**
 * KEYS[1]  reservation         `{prefix}{outbox-permits}:reservation:<key>`: the key's slot (permitMethod, permitAt)
 * KEYS[2]  blocked-until       `{prefix}{outbox-permits}:blocked:<method>`: ms, set from Retry-After
 * KEYS[3]  bucket              `{prefix}{outbox-permits}:bucket:<method>[:<channel>]`: the next free slot, ms (GCRA's TAT)
 * ARGV[1]  method
 * ARGV[2]  now, ms
 * ARGV[3]  interval between calls, ms
 * ARGV[4]  burst
 * ARGV[5]  how long a reservation outlives its slot, ms
 * Returns  {'go', now} to call now; {'wait', at} to come back at `at` (ms).
 *
 * A message that has to wait gets a slot in the bucket at once (`at`) and keeps it in its reservation, so waiting
 * messages are served in the order they asked, with one script call each instead of polling. While the method
 * is blocked nobody gets a slot, and a slot taken before the block is dropped: the holder asks again after it.
 * A reservation nobody came back for (its message was delivered another way, or discarded) expires ARGV[5] after
 * its slot; a holder later than that asks anew. The reservation is not in the message's hash, which is another
 * slot on a cluster: the three keys here share `{outbox-permits}`.
 */
export const takeSendPermitScript = new LuaScript(
  `
local now = tonumber(ARGV[2])
local blocked = tonumber(redis.call('GET', KEYS[2]) or '0')
if blocked > now then
  redis.call('HDEL', KEYS[1], 'permitMethod', 'permitAt')
  return {'wait', blocked}
end
if redis.call('HGET', KEYS[1], 'permitMethod') == ARGV[1] then
  local reserved = tonumber(redis.call('HGET', KEYS[1], 'permitAt'))
  if reserved <= now then
    redis.call('HDEL', KEYS[1], 'permitMethod', 'permitAt')
    return {'go', now}
  end
  return {'wait', reserved}
end
local interval = tonumber(ARGV[3])
local burst = tonumber(ARGV[4])
local tat = math.max(tonumber(redis.call('GET', KEYS[3]) or '0'), now) + interval
local at = math.max(now, tat - burst * interval)
redis.call('SET', KEYS[3], tat, 'PX', tat - now)
if at <= now then
  redis.call('HDEL', KEYS[1], 'permitMethod', 'permitAt')
  return {'go', now}
end
redis.call('HSET', KEYS[1], 'permitMethod', ARGV[1], 'permitAt', at)
redis.call('PEXPIRE', KEYS[1], at - now + tonumber(ARGV[5]))
return {'wait', at}
`,
  'take-send-permit',
);
