// The Redis key layout of the execution tracker, in one place so the tracker and tests agree.
import { checkedKeyPrefix } from './key-slot.js';

/**
 * Every key of the execution tracker under `prefix` (default `ssm-chatops:`), all with the one hash tag
 * `{track}`: untracking removes a place from the set of places only if its hash is empty, atomically with the
 * removal (so a concurrent track() cannot leave a place with entries that no poll follows), and a track writes
 * the hash, the set and the execution index together. Only what is in flight is tracked, so one slot holds it.
 */
export interface TrackerKeys {
  /** Hash `{prefix}{track}:<account>:<region>`: tracked entries by field (`e:<executionId>`, `p:<parentId>`). */
  location(where: string): string;
  /** Set `{prefix}{track}:locations`: the places (`<account>:<region>`) with something tracked. */
  locations: string;
  /** String `{prefix}{track}:where:<executionId>`: the place where an execution is tracked. */
  where(executionId: string): string;
}

export function trackerKeys(prefix: string): TrackerKeys {
  const tagged = `${checkedKeyPrefix(prefix)}{track}`;
  return {
    location: (where) => `${tagged}:${where}`,
    locations: `${tagged}:locations`,
    where: (executionId) => `${tagged}:where:${executionId}`,
  };
}
