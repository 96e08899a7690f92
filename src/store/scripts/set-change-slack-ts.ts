// Records where Slack shows a change, without a version change, so it can never undo or be undone by a transition.
import { LuaScript } from '../lua-script.js';

/**
 * KEYS[1]    change hash         `{prefix}change:{id}`
 * ARGV[1]    the request message's ts
 * Returns    1 when recorded in the hash's `slackTs` field (read over `json`'s `slack.ts`); 0 when there is no
 *            such change (nothing written).
 * Its own field, not a rewrite of `json`: a transition that read before this write stores its json after it,
 * and a cjson round trip would turn empty arrays into objects.
 */
export const setChangeSlackTsScript = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
redis.call('HSET', KEYS[1], 'slackTs', ARGV[1])
return 1
`);
