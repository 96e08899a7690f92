// Stops every worker calling a method until Slack's Retry-After has passed.
import { LuaScript } from '../../../store/lua-script.js';

/**
 * KEYS[1]  blocked-until  `{prefix}{outbox-permits}:blocked:<method>`
 * ARGV[1]  until, ms
 * ARGV[2]  now, ms
 * Returns  the blocked-until in force afterwards (a later one already set is kept).
 */
export const blockMethodScript = new LuaScript(
  `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
local untilMs = math.max(current, tonumber(ARGV[1]))
local ttl = untilMs - tonumber(ARGV[2])
if ttl > 0 then
  redis.call('SET', KEYS[1], untilMs, 'PX', ttl)
end
return untilMs
`,
  'block-method',
);
