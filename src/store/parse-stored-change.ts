// Reads a change back from Redis: we wrote it, so it is trusted as a StoredChange, but a corrupt value fails loudly.
import type { StoredChange } from '../core/approval/stored-change.js';
import { ErrorCode, StoreError } from '../errors.js';
import { parseStoredJson } from './parse-stored-json.js';

/**
 * Parses the `json` field stored at `key` for change `changeId`. Only the shape the store itself relies on is checked; a full schema check would re-validate
 * our own writes.
 */
export function parseStoredChange(json: string, key: string, changeId: string): StoredChange {
  const value = parseStoredJson(json, `change store: the value at ${key}`);
  const problem = shapeProblem(value, changeId);
  if (problem)
    throw new StoreError(
      ErrorCode.StoreCorruptRecord,
      `change store: the value at ${key} is not a change: ${problem} (corrupt record)`,
    );
  return value as StoredChange;
}

function shapeProblem(value: unknown, changeId: string): string | undefined {
  if (!isObject(value)) return 'not an object';
  const { request, lockKeys, slack } = value;
  if (!isObject(request)) return 'request is not an object';
  if (request.id !== changeId)
    return `its id is ${JSON.stringify(request.id)}, not ${JSON.stringify(changeId)}`;
  if (typeof request.createdAt !== 'string') return 'createdAt is missing';
  if (!Number.isInteger(request.version)) return 'version is not a whole number';
  if (!Array.isArray(lockKeys) || !lockKeys.every((key) => typeof key === 'string')) {
    return 'lockKeys is not a list of strings';
  }
  if (!isObject(slack)) return 'slack is not an object';
  return undefined;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
