// exportAuditTrail: JSON Lines page by page, every entry once, oldest first, within the range.
import { describe, expect, it, vi } from 'vitest';
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
  return { log, memory, appended, queries };
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

  it('when a page’s write is slow, then the next page is read only after it finished', async () => {
    const { log, queries } = await aLogWith(7);
    const events: string[] = [];
    const logged: Pick<AuditLog, 'list'> = {
      list: async (query) => {
        events.push(`list after ${queries.length} pages`);
        return log.list(query);
      },
    };
    let release = () => {};
    let writes = 0;
    const exported = exportAuditTrail(
      logged,
      {},
      async () => {
        const page = ++writes;
        events.push(`write ${page} begins`);
        if (page === 1) await new Promise<void>((resolve) => (release = resolve));
        events.push(`write ${page} ends`);
      },
      3,
    );
    await vi.waitFor(() => expect(events).toContain('write 1 begins'));
    expect(events).toEqual(['list after 0 pages', 'write 1 begins']);

    release();
    await exported;
    expect(events).toEqual([
      'list after 0 pages',
      'write 1 begins',
      'write 1 ends',
      'list after 1 pages',
      'write 2 begins',
      'write 2 ends',
      'list after 2 pages',
      'write 3 begins',
      'write 3 ends',
    ]);
  });

  it('when an entry is appended while the export runs and no end is given, then it is exported too', async () => {
    const { log, memory, appended } = await aLogWith(4);
    const late = anAuditEntry({ summary: 'vote late' });
    const writes: string[] = [];
    let added = false;
    const result = await exportAuditTrail(
      log,
      {},
      async (lines) => {
        writes.push(lines);
        if (!added) {
          added = true;
          appended.push(await memory.append(late));
        }
      },
      3,
    );
    expect(result).toEqual({ count: 5, lastId: appended.at(-1)?.id });
    expect(writes.join('').trimEnd().split('\n').at(-1)).toContain('vote late');
  });
});
