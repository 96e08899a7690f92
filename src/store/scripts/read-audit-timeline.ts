// The entries of one change's or run's timeline, read in one round trip: its index list, then each entry.
import { LuaScript } from '../lua-script.js';

/**
 * One script rather than LRANGE then a pipeline of XRANGEs: one round trip for the Status button and
 * `/ssm status`, and no ioredis pipeline, which on a client BullMQ shares copies every defined script.
 *
 * KEYS[1]    timeline index list   `{prefix}{audit}:subject:<changeId or runId>`
 * KEYS[2]    audit stream          `{prefix}{audit}`
 * Returns    the stream entries the list names, in its order, each as XRANGE gives it ({id, {field, value, …}});
 *            ids whose entries were trimmed from the stream are skipped. Nothing is written.
 */
export const readAuditTimelineScript = new LuaScript(
  `
local ids = redis.call('LRANGE', KEYS[1], 0, -1)
local entries = {}
for i = 1, #ids do
  local found = redis.call('XRANGE', KEYS[2], ids[i], ids[i])
  if found[1] then
    entries[#entries + 1] = found[1]
  end
end
return entries
`,
  'read-audit-timeline',
);
