// The AuditLog contract: what every implementation (memory, Redis) must do, run by audit-log.test.ts.
import type { Logger } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type AuditEntry,
  compareAuditIds,
  type NewAuditEntry,
  parseAuditId,
} from '../../src/core/audit/audit-entry.js';
import { createLogger } from '../../src/logging/logger.js';
import type { AuditLog } from '../../src/ports.js';
import { anAuditEntry } from '../support/audit-entry-builder.js';

export interface AuditLogUnderTest {
  log: AuditLog;
  cleanup(): Promise<void>;
}

const msOf = (entry: AuditEntry) => Number(parseAuditId(entry.id)!.ms);
const idsOf = (entries: AuditEntry[]) => entries.map((entry) => entry.id);

export function describeAuditLogContract(
  name: string,
  makeLog: (logger: Logger) => Promise<AuditLogUnderTest>,
): void {
  describe(`AuditLog contract: ${name}`, () => {
    let subject: AuditLogUnderTest;
    let log: AuditLog;
    let logLines: string[];
    beforeEach(async () => {
      logLines = [];
      const logger = createLogger({ level: 'info', destination: { write: (line) => logLines.push(line) } });
      subject = await makeLog(logger);
      log = subject.log;
    });
    afterEach(() => subject.cleanup());

    /** Appends one after the other, so the order of the result is the order of appending. */
    async function appendAll(entries: NewAuditEntry[]): Promise<AuditEntry[]> {
      const appended: AuditEntry[] = [];
      for (const entry of entries) appended.push(await log.append(entry));
      return appended;
    }

    const votes = (count: number) =>
      Array.from({ length: count }, (_, n) => anAuditEntry({ summary: `vote ${n}`, details: { n } }));

    describe('append', () => {
      it('when entries are appended one after another, then each gets a <ms>-<seq> id greater than the last', async () => {
        const appended = await appendAll(votes(5));
        for (const entry of appended) expect(entry.id).toMatch(/^\d+-\d+$/);
        for (let n = 1; n < appended.length; n++)
          expect(compareAuditIds(appended[n - 1]!.id, appended[n]!.id)).toBe(-1);
      });

      it('when an entry is appended, then it comes back with its id and exactly its fields', async () => {
        const entry = anAuditEntry({
          action: 'change.rejected',
          actor: { kind: 'user', userId: 'U0APPROVE2' },
          subject: { changeId: 'chg-7k3m9q2x' },
          summary: 'bob rejected chg-7k3m9q2x: “not during the freeze” — 変更凍結',
          details: {
            reason: 'not during the freeze\nsee #ops',
            level: 2,
            fraction: 0.5,
            emergency: false,
            accounts: ['333333333301', '333333333302'],
            empty: '',
          },
        });
        const appended = await log.append(entry);
        expect(appended).toStrictEqual({ id: appended.id, ...entry });
        expect(await log.timeline('chg-7k3m9q2x')).toStrictEqual([appended]);
        expect(await log.list({ limit: 10 })).toStrictEqual([appended]);
      });

      it('when an entry has no details or a system actor, then it round-trips without them', async () => {
        const entry = anAuditEntry({
          action: 'change.expired',
          actor: { kind: 'system', name: 'expiry' },
          details: undefined,
          summary: 'chg-7k3m9q2x expired after 24 h without its approvals',
        });
        delete entry.details;
        const appended = await log.append(entry);
        expect(appended).toStrictEqual({ id: appended.id, ...entry });
        expect(await log.list({ limit: 10 })).toStrictEqual([appended]);
      });

      it('when an entry object carries an id of its own, then the log still gives it a new one', async () => {
        const first = await log.append(anAuditEntry());
        const again = await log.append({ ...first, summary: 'appended again' } as NewAuditEntry);
        expect(again.id).not.toBe(first.id);
        expect(idsOf(await log.timeline('chg-7k3m9q2x'))).toEqual([first.id, again.id]);
      });

      it('when the caller changes a returned entry, then what the log holds does not change', async () => {
        const appended = await log.append(anAuditEntry());
        appended.summary = 'tampered';
        (appended.votes as { count: number }).count = 99;
        const [stored] = await log.timeline('chg-7k3m9q2x');
        expect(stored).toStrictEqual({ id: appended.id, ...anAuditEntry() });
      });

      it('when an entry is appended, then it is logged at info with the entry and its summary as message', async () => {
        const appended = await log.append(anAuditEntry());
        expect(logLines).toHaveLength(1);
        const line = JSON.parse(logLines[0]!);
        expect(line).toMatchObject({ level: 30, msg: anAuditEntry().summary, audit: appended });
      });

      it.each([
        ['a subject naming nothing', { subject: {} }, /neither a change nor a run/],
        ['an empty change id', { subject: { changeId: ' ' } }, /empty id/],
        ['an unknown action', { action: 'change.deleted' as NewAuditEntry['action'] }, /unknown action/],
        ['a time that is not one', { at: 'yesterday' }, /"at" is not a time/],
        ['an empty summary', { summary: '' }, /summary is empty/],
        ['an actor without an id', { actor: { kind: 'user', userId: '' } as const }, /actor/],
      ])('when an entry has %s, then append rejects and records nothing', async (_, overrides, message) => {
        await expect(log.append(anAuditEntry(overrides))).rejects.toThrow(message);
        expect(await log.list({ limit: 10 })).toEqual([]);
        expect(logLines).toEqual([]);
      });
    });

    describe('append with an idempotency key', () => {
      const started = anAuditEntry({
        action: 'run.started',
        actor: { kind: 'system', name: 'ssm-chatops' },
        subject: { changeId: 'chg-7k3m9q2x', runId: 'run-7k3m9q2x' },
        summary: 'run-7k3m9q2x started',
      });
      const once = { idempotencyKey: 'run.started:run-7k3m9q2x' };

      it('when the key is new, then the entry is appended and returned', async () => {
        const result = await log.append(started, once);
        expect(result).toStrictEqual({ kind: 'appended', entry: { id: expect.any(String), ...started } });
        expect(await log.timeline('run-7k3m9q2x')).toStrictEqual([(result as { entry: AuditEntry }).entry]);
      });

      it('when the key was used, then nothing is recorded or logged and the answer names the first entry', async () => {
        const first = await log.append(started, once);
        const again = await log.append({ ...started, summary: 'started again' }, once);
        expect(again).toStrictEqual({
          kind: 'already-appended',
          idempotencyKey: once.idempotencyKey,
          id: (first as { entry: AuditEntry }).entry.id,
        });
        expect(await log.list({ limit: 10 })).toHaveLength(1);
        expect(await log.timeline('chg-7k3m9q2x')).toHaveLength(1);
        expect(logLines).toHaveLength(1);
      });

      it('when twenty appends race with one key, then exactly one is appended', async () => {
        const results = await Promise.all(Array.from({ length: 20 }, () => log.append(started, once)));
        expect(results.filter((result) => result.kind === 'appended')).toHaveLength(1);
        expect(await log.list({ limit: 100 })).toHaveLength(1);
      });

      it('when keys differ, or an append has none, then each is appended', async () => {
        await log.append(started, once);
        await log.append(started, { idempotencyKey: 'run.started:run-other001' });
        await log.append(started);
        await log.append(started);
        expect(await log.list({ limit: 10 })).toHaveLength(4);
      });

      it('when the entry is invalid, then append rejects and the key stays free', async () => {
        await expect(log.append({ ...started, summary: '' }, once)).rejects.toThrow(/summary is empty/);
        expect(await log.append(started, once)).toMatchObject({ kind: 'appended' });
      });
    });

    describe('timeline', () => {
      it('when entries name a change, its run, or both, then each timeline shows what names its id, oldest first', async () => {
        const [requested, vote, approved, started, finished, otherChange, plainRun] = await appendAll([
          anAuditEntry({ action: 'change.requested', summary: 'requested' }),
          anAuditEntry({ action: 'change.vote', summary: 'voted' }),
          anAuditEntry({ action: 'change.approved', summary: 'approved' }),
          anAuditEntry({
            action: 'run.started',
            actor: { kind: 'system', name: 'worker' },
            subject: { changeId: 'chg-7k3m9q2x', runId: 'run-7k3m9q2x' },
            summary: 'started',
          }),
          anAuditEntry({
            action: 'run.finished',
            actor: { kind: 'system', name: 'worker' },
            subject: { changeId: 'chg-7k3m9q2x', runId: 'run-7k3m9q2x' },
            summary: 'finished',
          }),
          anAuditEntry({ action: 'change.requested', subject: { changeId: 'chg-aaaa2222' } }),
          anAuditEntry({ action: 'run.requested', subject: { runId: 'run-bbbb3333' } }),
        ]);
        expect(await log.timeline('chg-7k3m9q2x')).toStrictEqual([
          requested,
          vote,
          approved,
          started,
          finished,
        ]);
        expect(await log.timeline('run-7k3m9q2x')).toStrictEqual([started, finished]);
        expect(await log.timeline('chg-aaaa2222')).toStrictEqual([otherChange]);
        expect(await log.timeline('run-bbbb3333')).toStrictEqual([plainRun]);
      });

      it('when nothing names the id, then the timeline is empty', async () => {
        await log.append(anAuditEntry());
        expect(await log.timeline('chg-zzzz9999')).toEqual([]);
      });
    });

    describe('list', () => {
      it('when asked with a limit, then it returns that many, oldest first', async () => {
        const appended = await appendAll(votes(5));
        expect(await log.list({ limit: 3 })).toStrictEqual(appended.slice(0, 3));
        expect(await log.list({ limit: 50 })).toStrictEqual(appended);
      });

      it('when paging with afterId, then every entry comes exactly once, in order', async () => {
        const appended = await appendAll(votes(11));
        const seen: AuditEntry[] = [];
        let afterId: string | undefined;
        for (let page = 0; page < 10; page++) {
          const entries = await log.list({ afterId, limit: 3 });
          if (entries.length === 0) break;
          seen.push(...entries);
          afterId = entries.at(-1)!.id;
        }
        expect(seen).toStrictEqual(appended);
      });

      it('when split at a time, then since (inclusive) and until (exclusive) cover every entry exactly once', async () => {
        const appended = await appendAll(votes(8));
        const boundary = new Date(msOf(appended[4]!));
        const since = await log.list({ since: boundary, limit: 100 });
        const until = await log.list({ until: boundary, limit: 100 });
        expect(since).toStrictEqual(appended.filter((entry) => msOf(entry) >= boundary.getTime()));
        expect(until).toStrictEqual(appended.filter((entry) => msOf(entry) < boundary.getTime()));
        expect(idsOf([...until, ...since])).toEqual(idsOf(appended));
        expect(idsOf(since)).toContain(appended[4]!.id);
      });

      it('when since, until, afterId and limit are combined, then only entries inside all of them come', async () => {
        const appended = await appendAll(votes(9));
        const first = msOf(appended[0]!);
        const last = msOf(appended[8]!);
        const entries = await log.list({
          since: new Date(first),
          until: new Date(last + 1),
          afterId: appended[2]!.id,
          limit: 4,
        });
        expect(entries).toStrictEqual(appended.slice(3, 7));
      });

      it('when the range holds nothing, then it returns no entries', async () => {
        const appended = await appendAll(votes(2));
        const last = msOf(appended[1]!);
        expect(await log.list({ since: new Date(last + 1), limit: 10 })).toEqual([]);
        expect(await log.list({ until: new Date(0), limit: 10 })).toEqual([]);
        expect(await log.list({ since: new Date(last), until: new Date(last), limit: 10 })).toEqual([]);
        expect(await log.list({ afterId: appended[1]!.id, limit: 10 })).toEqual([]);
      });

      it('when the log is empty, then list returns nothing', async () => {
        expect(await log.list({ limit: 10 })).toEqual([]);
      });

      it.each([
        [{ limit: 0 }, /limit must be a positive integer/],
        [{ limit: 2.5 }, /limit must be a positive integer/],
        [{ limit: 10, afterId: 'chg-7k3m9q2x' }, /afterId "chg-7k3m9q2x" is not an entry id/],
        [{ limit: 10, since: new Date('yesterday') }, /since is an invalid date/],
      ])('when the query is %j, then list rejects naming the problem', async (query, message) => {
        await expect(log.list(query)).rejects.toThrow(message);
      });
    });

    describe('concurrency', () => {
      it('when 200 entries are appended at once, then all are in the log and in their timelines, in id order', async () => {
        const entries = Array.from({ length: 200 }, (_, n) =>
          anAuditEntry({
            subject: {
              changeId: `chg-conc000${n % 4}`,
              ...(n % 5 === 0 && { runId: `run-conc000${n % 4}` }),
            },
            summary: `entry ${n}`,
            details: { n },
          }),
        );
        const appended = await Promise.all(entries.map((entry) => log.append(entry)));
        expect(new Set(idsOf(appended)).size).toBe(200);
        const inIdOrder = [...appended].sort((a, b) => compareAuditIds(a.id, b.id));
        expect(await log.list({ limit: 1000 })).toStrictEqual(inIdOrder);
        for (const k of [0, 1, 2, 3]) {
          expect(await log.timeline(`chg-conc000${k}`)).toStrictEqual(
            inIdOrder.filter((entry) => entry.subject.changeId === `chg-conc000${k}`),
          );
          expect(await log.timeline(`run-conc000${k}`)).toStrictEqual(
            inIdOrder.filter((entry) => entry.subject.runId === `run-conc000${k}`),
          );
        }
        expect(logLines).toHaveLength(200);
      });
    });
  });
}
