// A run as the Redis store keeps it: a small header, its targets, one field per child and the counts by status.
import type { ChildExecution, Run } from '../core/run/run.js';
import { countByStatus, overviewOf, type RunOverview } from '../core/run/run-overview.js';
import { ErrorCode, StoreError } from '../errors.js';
import { parseStoredJson } from './parse-stored-json.js';
import { parseStoredRun, shapeProblem } from './parse-stored-run.js';
import { decodePart, encodePart } from './part-codec.js';

/**
 * What one write sends (`targets` and children deflated, see part-codec.ts): the header always (it is small, and every write moves `revision` and `updatedAt`), the
 * counts, and only the parts that changed — `targets` (a list of up to thousands of accounts, fixed after the
 * create) and the `child:<n>` fields. A poll that moves one child of 3,000 sends one child, not the run.
 */
export interface RunRecordWrite {
  header: string;
  counts: string;
  childCount: number;
  /** Field name and JSON: `targets`, `child:<n>`. */
  parts: Array<[field: string, json: string]>;
}

export const childField = (index: number) => `child:${index}`;

/** Every part of `run`: what a create writes, and what a write over a record of the old layout writes. */
export function wholeRecord(run: Run): RunRecordWrite {
  return {
    ...headerAndCounts(run),
    parts: [
      ['targets', encodePart(JSON.stringify(run.targets))],
      ...run.children.map((child, index): [string, string] => [
        childField(index),
        encodePart(JSON.stringify(child)),
      ]),
    ],
  };
}

/**
 * The parts `next` changes relative to `stored`. A part kept as the same object (`applyChildReports` keeps each
 * child it did not touch, spread keeps `targets`) costs a comparison of references; only a part that is a new
 * object is serialized, and written when its JSON differs.
 */
export function changedRecord(stored: Run, next: Run): RunRecordWrite {
  const parts: Array<[string, string]> = [];
  const targets = changedJson(stored.targets, next.targets);
  if (targets !== undefined) parts.push(['targets', encodePart(targets)]);
  next.children.forEach((child, index) => {
    const json = changedJson(stored.children[index], child);
    if (json !== undefined) parts.push([childField(index), encodePart(json)]);
  });
  return { ...headerAndCounts(next), parts };
}

function changedJson(stored: unknown, next: unknown): string | undefined {
  if (stored === next) return undefined;
  const json = JSON.stringify(next);
  return stored !== undefined && JSON.stringify(stored) === json ? undefined : json;
}

function headerAndCounts(run: Run): Omit<RunRecordWrite, 'parts'> {
  const { children, targets: _targets, ...header } = run;
  return {
    header: JSON.stringify(header),
    counts: JSON.stringify(countByStatus(children)),
    childCount: children.length,
  };
}

/** What a read returns: the header, the child count, and the parts it carries (all of them, or those changed). */
export interface RunRecordRead {
  header: string;
  childCount: number;
  /** `null`: the record lists the part but does not hold it. */
  parts: Array<[field: string, json: string | null]>;
}

/**
 * The run a read describes. `base` is the run as this process last read it: parts the read does not carry are
 * taken from it (for a read of everything, there is none). Each part is parsed on its own, so a run read after
 * one child changed costs one child's parsing. A part that is missing or does not parse is a corrupt record.
 */
export function assembleRun(read: RunRecordRead, base: Run | undefined, key: string, runId: string): Run {
  const where = `run store: the value at ${key}`;
  const header = parseStoredJson(read.header, `${where} (header)`) as Omit<Run, 'children' | 'targets'>;
  let targets = base?.targets;
  const children = Array.from(
    { length: read.childCount },
    (_, n): ChildExecution | undefined => base?.children[n],
  );
  for (const [field, json] of read.parts) {
    if (json === null)
      throw new StoreError(
        ErrorCode.StoreCorruptRecord,
        `${where} is not a run: ${field} is missing (corrupt record)`,
      );
    const value = parseStoredJson(decodePart(json), `${where} (${field})`);
    if (field === 'targets') targets = value as Run['targets'];
    else children[childIndex(field, read.childCount, where)] = value as ChildExecution;
  }
  const run = { ...header, targets, children } as Run;
  const missing = children.indexOf(undefined);
  const problem =
    targets === undefined
      ? 'targets is missing'
      : missing >= 0
        ? `${childField(missing)} is missing`
        : shapeProblem(run, runId);
  if (problem)
    throw new StoreError(ErrorCode.StoreCorruptRecord, `${where} is not a run: ${problem} (corrupt record)`);
  return run;
}

function childIndex(field: string, childCount: number, where: string): number {
  const match = /^child:(\d+)$/.exec(field);
  const index = match ? Number(match[1]) : Number.NaN;
  if (!(index < childCount))
    throw new StoreError(
      ErrorCode.StoreCorruptRecord,
      `${where} has a part ${field} it cannot place (corrupt record)`,
    );
  return index;
}

/** The fields an overview reads (HMGET, in this order); `json` is the whole run of a record of the old layout. */
export const OVERVIEW_FIELDS = ['header', 'targets', 'counts', 'json'] as const;

/**
 * A run without its children, from its header, targets and counts (see `OVERVIEW_FIELDS`); undefined when the
 * record is not there. Children are not read: a listing of large runs costs their headers.
 */
export function assembleOverview(
  fields: ReadonlyArray<string | null>,
  key: string,
  runId: string,
): RunOverview | undefined {
  const [header, targets, counts, json] = fields;
  if (header === null || header === undefined) {
    return json === null || json === undefined ? undefined : overviewOf(parseStoredRun(json, key, runId));
  }
  const where = `run store: the value at ${key}`;
  const missing = targets == null ? 'targets' : counts == null ? 'counts' : undefined;
  if (missing)
    throw new StoreError(
      ErrorCode.StoreCorruptRecord,
      `${where} is not a run: ${missing} is missing (corrupt record)`,
    );
  const overview = {
    ...(parseStoredJson(header, `${where} (header)`) as Omit<Run, 'children' | 'targets'>),
    targets: parseStoredJson(decodePart(targets!), `${where} (targets)`) as Run['targets'],
    childCounts: parseStoredJson(counts!, `${where} (counts)`) as RunOverview['childCounts'],
  };
  const problem = shapeProblem({ ...overview, children: [] }, runId);
  if (problem)
    throw new StoreError(ErrorCode.StoreCorruptRecord, `${where} is not a run: ${problem} (corrupt record)`);
  return overview;
}
