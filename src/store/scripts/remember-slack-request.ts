// The replay guard's one write: a Slack request's signature and its body, each remembered only if new.
import { LuaScript } from '../lua-script.js';

/**
 * One script rather than MULTI: on a client BullMQ shares, ioredis copies every defined script onto each
 * pipeline it builds (~50 µs and ~130 properties of garbage per MULTI), and this runs before every ack.
 *
 * KEYS[1]    the exact request      `{prefix}{slack-requests}:seen:<signature>`
 * KEYS[2]    the delivery           `{prefix}{slack-requests}:delivery:<sha256 of the body>`
 * ARGV[1]    the request timestamp (seconds), kept under KEYS[1]
 * ARGV[2]    how long KEYS[1] is kept, ms
 * ARGV[3]    the signature, kept under KEYS[2]
 * ARGV[4]    how long KEYS[2] is kept, ms
 * Returns    { signature new, delivery new }: 1 where the key was absent and is now set, 0 where it was there
 *            (and is left as it was). Both are set either way.
 */
export const rememberSlackRequestScript = new LuaScript(
  `
local signature = redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX')
local delivery = redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[4], 'NX')
return { signature and 1 or 0, delivery and 1 or 0 }
`,
  'remember-slack-request',
);
