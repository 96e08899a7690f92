// Reads a run back from Redis: we wrote it, so it is trusted as a Run, but a corrupt value fails loudly.
import type { Run } from '../core/run/run.js';
import { ErrorCode, StoreError } from '../errors.js';
import { parseStoredJson } from './parse-stored-json.js';

/**
 * Parses the JSON stored at `key` for run `runId`. Only the shape the store itself relies on is checked (an
 * object with this id, a createdAt and a children array); a full schema check would re-validate our own writes.
 */
export function parseStoredRun(json: string, key: string, runId: string): Run {
  const value = parseStoredJson(json, `run store: the value at ${key}`);
  const problem = shapeProblem(value, runId);
  if (problem)
    throw new StoreError(
      ErrorCode.StoreCorruptRecord,
      `run store: the value at ${key} is not a run: ${problem} (corrupt record)`,
    );
  const run = value as Run;
  // Written before runs had revisions: every later write counts from here.
  if (typeof run.revision !== 'number') run.revision = 0;
  return run;
}

export function shapeProblem(value: unknown, runId: string): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not an object';
  const record = value as Record<string, unknown>;
  if (record.id !== runId) return `its id is ${JSON.stringify(record.id)}, not ${JSON.stringify(runId)}`;
  if (typeof record.createdAt !== 'string') return 'createdAt is missing';
  if (!Array.isArray(record.children)) return 'children is not an array';
  return undefined;
}
