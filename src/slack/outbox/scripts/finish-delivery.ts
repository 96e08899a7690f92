// Ends a delivery job's generation when nothing is left to deliver, atomically with the check, so an upsert
// either sees the job still scheduled or starts a new generation: none is lost in between.
import { LuaScript } from '../../../store/lua-script.js';

/**
 * KEYS[1]  message hash  `{prefix}outbox:message:<key>`
 * ARGV[1]  the job's generation
 * ARGV[2]  the version Slack refused for good, '' when not giving up
 * ARGV[3]  Slack's error code (or the outbox's reason) for giving up, '' when not giving up
 * ARGV[4]  now, ms
 * Returns  'done' (scheduled is now 0), 'more' (a newer version arrived: keep going), or 'stale' (another
 *          generation owns the key, or the hash is gone).
 *
 * "Nothing left" is isSettled() of decide-delivery.ts: refused at or beyond the latest version, or posted and
 * either postOnly or delivered at the latest version. A refusal also drops the posting mark (Slack said no, so
 * nothing was posted) and counts as a send for the coalescing window, so a retry of a new version is paced.
 * A message Slack shows at its latest version releases its content (kept: `contentDigest`): until a new version
 * brings content, nothing sends it again, and a large run's thread and results files are most of its memory.
 */
export const finishDeliveryScript = new LuaScript(
  `
if redis.call('HGET', KEYS[1], 'generation') ~= ARGV[1] then
  return 'stale'
end
if ARGV[2] ~= '' then
  redis.call('HSET', KEYS[1], 'gaveUpVersion', ARGV[2], 'gaveUpReason', ARGV[3], 'lastSentAt', ARGV[4])
  redis.call('HDEL', KEYS[1], 'postingAt', 'postingVersion')
end
local version = tonumber(redis.call('HGET', KEYS[1], 'version'))
local gaveUp = tonumber(redis.call('HGET', KEYS[1], 'gaveUpVersion') or '0')
local delivered = tonumber(redis.call('HGET', KEYS[1], 'delivered'))
local posted = redis.call('HEXISTS', KEYS[1], 'ts') == 1
local postOnly = redis.call('HGET', KEYS[1], 'postOnly') == '1'
if posted and (postOnly or delivered >= version) then
  redis.call('HSET', KEYS[1], 'scheduled', 0)
  redis.call('HDEL', KEYS[1], 'content')
  return 'done'
end
if gaveUp >= version then
  redis.call('HSET', KEYS[1], 'scheduled', 0)
  return 'done'
end
return 'more'
`,
  'finish-delivery',
);
