// How the caches of values read from elsewhere (AWS, Slack) use lru-cache: its fetch() is the only way in.
import type { LRUCache } from 'lru-cache';

/**
 * lru-cache's `fetch` makes one load per key however many callers wait, keeps the value for its TTL, and
 * never keeps a failure. These options add what the bot relies on besides:
 * - a load whose entry is deleted or evicted meanwhile (an `invalidate`, a full cache) still answers the
 *   callers that waited for it, instead of failing them with lru-cache's abort;
 * - a failed reload leaves the stale value where `peek(key, { allowStale: true })` finds it (the next `fetch`
 *   loads again);
 * - an injected `now` is read on every call (lru-cache otherwise reuses a reading for a millisecond, which a
 *   test moving time by hand would not see). lru-cache takes an entry stored at time 0 for one without a TTL,
 *   so an injected clock must not read 0.
 */
export function readThroughOptions(
  now?: () => number,
): Pick<
  LRUCache.OptionsBase<object, object, unknown>,
  'ignoreFetchAbort' | 'noDeleteOnFetchRejection' | 'perf' | 'ttlResolution'
> {
  return {
    ignoreFetchAbort: true,
    noDeleteOnFetchRejection: true,
    ...(now && { perf: { now }, ttlResolution: 0 }),
  };
}
