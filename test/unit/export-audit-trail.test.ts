// exportAuditTrail: JSON Lines page by page, every entry once, oldest first, within the range.
import { describe, expect, it } from 'vitest';
import { type AuditEntry, exportedAuditLine } from '../../src/core/audit/audit-entry.js';
import { createLogger } from '../../src/logging/logger.js';
import type { AuditLog, AuditQuery } from '../../src/ports.js';
import { MemoryAuditLog } from '../../src/store/memory-audit-log.js';
import { exportAuditTrail } from '../../src/use-cases/export-audit-trail.js';
import { anAuditEntry } from '../support/audit-entry-builder.js';

/** A memory log a millisecond per append from 2025-06-02T01:00Z, and the queries it was asked. */
async function aLogWith(count: number) {
  let ms = Date.parse('2025-06-02T01:00:00.000Z');
  const memory = new MemoryAuditLog({ logger: createLogger({ level: 'silent' }), now: () => new Date(ms++) });
  const appended: AuditEntry[] = [];
  for (let n = 0; n < count; n++) appended.push(await memory.append(anAuditEntry({ summary: `vote ${n}` })));
  const queries: AuditQuery[] = [];
  const log: Pick<AuditLog, 'list'> = {
    list: (query) => {
      queries.push(query);
      return memory.list(query);
    },
  };
  return { log, appended, queries };
}

const exportOf = async (log: Pick<AuditLog, 'list'>, range = {}, pageSize = 3) => {
  const writes: string[] = [];
  const result = await exportAuditTrail(log, range, (lines) => void writes.push(lines), pageSize);
  return { result, writes };
};

describe('exportAuditTrail', () => {
  it.each([0, 1, 3, 6, 7])(
    'when the trail has %i entries and pages hold 3, then each is written once, one JSON line each, a page per write',
    async (count) => {
      const { log, appended } = await aLogWith(count);
      const { result, writes } = await exportOf(log);
      expect(writes.join('')).toBe(appended.map((entry) => `${exportedAuditLine(entry)}\n`).join(''));
      expect(writes).toHaveLength(Math.ceil(count / 3));
      expect(result).toEqual({ count, lastId: appended.at(-1)?.id });
    },
  );

  it('when a range is given, then every page is asked within it, after the last id written', async () => {
    const { log, appended, queries } = await aLogWith(10);
    const since = new Date(Date.parse('2025-06-02T01:00:00.002Z'));
    const until = new Date(Date.parse('2025-06-02T01:00:00.009Z'));
    const { result, writes } = await exportOf(log, { since, until });
    expect(
      writes
        .join('')
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line).summary),
    ).toEqual(appended.slice(2, 9).map((entry) => entry.summary));
    expect(result.count).toBe(7);
    expect(queries.map((query) => query.afterId)).toEqual([undefined, appended[4]!.id, appended[7]!.id]);
    for (const query of queries) expect(query).toMatchObject({ since, until, limit: 3 });
  });
});
