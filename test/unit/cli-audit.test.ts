// `ssm-chatops audit export`: JSON Lines from a real Redis, in-process; time flags; usage errors (exit 2).
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { type AuditEntry, compareAuditIds as byId } from '../../src/core/audit/audit-entry.js';
import { createLogger } from '../../src/logging/logger.js';
import { RedisAuditLog } from '../../src/store/redis-audit-log.js';
import { anAuditEntry } from '../support/audit-entry-builder.js';
import { auditLineProblems, SLACK_MARKUP } from '../support/audit-schema.js';
import { fakeCliIo } from '../support/fake-cli-io.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';

const DAY_MS = 86_400_000;

let redis: TestRedis;
let client: Redis;
let log: RedisAuditLog;
let dir: string;
beforeAll(async () => {
  redis = await startTestRedis();
  client = redis.client();
  // The default prefix, as the bot and the command use.
  log = new RedisAuditLog(client, { logger: createLogger({ level: 'silent' }) });
});
afterAll(() => redis.stop());
beforeEach(async () => {
  await redis.flush();
  dir = await mkdtemp(join(tmpdir(), 'ssm-chatops-audit-'));
  return () => rm(dir, { recursive: true, force: true });
});

const exportAudit = async (...flags: string[]) => {
  const run = fakeCliIo({ REDIS_URL: redis.url });
  const code = await main(['audit', 'export', ...flags], run.io);
  return { code, out: run.out(), err: run.err() };
};

const parseLines = (text: string): AuditEntry[] =>
  text === ''
    ? []
    : text
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as AuditEntry);

const appendVotes = (count: number) =>
  Promise.all(
    Array.from({ length: count }, (_, n) =>
      log.append(anAuditEntry({ summary: `vote ${n}`, subject: { changeId: `chg-${1000 + (n % 7)}` } })),
    ),
  );

/** An entry recorded `daysAgo` days ago, written as the log writes them but with an old stream id. */
async function appendOldEntry(daysAgo: number): Promise<string> {
  const id = `${Date.now() - daysAgo * DAY_MS}-0`;
  const entry = anAuditEntry({ action: 'change.requested', summary: `requested ${daysAgo} days ago` });
  await client.xadd('ssm-chatops:{audit}', id, 'entry', JSON.stringify(entry), 'action', entry.action);
  return id;
}

describe('ssm-chatops audit export', () => {
  it('when the trail spans several pages, then every entry is written once as a JSON line, oldest first', async () => {
    await appendVotes(1_234);
    const result = await exportAudit();
    expect(result.code).toBe(0);
    const lines = parseLines(result.out);
    expect(lines).toEqual(
      (await log.list({ limit: 5_000 })).map((entry) => ({ schemaVersion: 1, ...entry })),
    );
    expect(new Set(lines.map((entry) => entry.id)).size).toBe(1_234);
    expect(result.out.split('\n')[0]).toMatch(
      /^\{"schemaVersion":1,"id":"\d+-\d+","action":"change.vote","actor":/,
    );
    for (const line of result.out.split('\n').filter((text) => text !== '')) {
      expect(auditLineProblems(line)).toEqual([]);
      expect(line).not.toMatch(SLACK_MARKUP);
    }
    expect(result.err).toBe('wrote 1234 entries to stdout\n');
  });

  it('when --since is a duration, then only entries recorded since then are written', async () => {
    await appendOldEntry(8);
    const recent = await appendVotes(3);
    const result = await exportAudit('--since', '7d');
    expect(result.code).toBe(0);
    expect(parseLines(result.out).map((entry) => entry.id)).toEqual(
      recent.map((entry) => entry.id).sort(byId),
    );
    expect(result.err).toBe('wrote 3 entries to stdout\n');
  });

  it('when --since and --until are ISO times, then entries from since up to (not including) until are written', async () => {
    const tenDaysAgo = await appendOldEntry(10);
    const fiveDaysAgo = await appendOldEntry(5);
    await appendOldEntry(2);
    const at = (id: string) => new Date(Number(id.split('-')[0])).toISOString();
    const result = await exportAudit(
      '--since',
      at(tenDaysAgo),
      '--until',
      at(`${Date.now() - 3 * DAY_MS}-0`),
    );
    expect(result.code).toBe(0);
    expect(parseLines(result.out).map((entry) => entry.id)).toEqual([tenDaysAgo, fiveDaysAgo]);
  });

  it('when --output names a file, then the file holds the lines, stdout nothing, and no partial file is left', async () => {
    const appended = await appendVotes(3);
    const path = join(dir, 'audit.jsonl');
    await writeFile(path, 'an earlier export\n');
    const result = await exportAudit('--output', path);
    expect(result.code).toBe(0);
    expect(result.out).toBe('');
    expect(parseLines(await readFile(path, 'utf8'))).toEqual(
      [...appended].sort((a, b) => byId(a.id, b.id)).map((entry) => ({ schemaVersion: 1, ...entry })),
    );
    expect(result.err).toBe(`wrote 3 entries to ${path}\n`);
    expect(await readdir(dir)).toEqual(['audit.jsonl']);
  });

  it('when the trail is empty, then nothing is written and the summary says 0 entries', async () => {
    const result = await exportAudit();
    expect(result).toEqual({ code: 0, out: '', err: 'wrote 0 entries to stdout\n' });
  });

  it('when --output is in a directory that does not exist, then it exits 1 naming the file', async () => {
    const path = join(dir, 'missing', 'audit.jsonl');
    const result = await exportAudit('-o', path);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`cannot write ${path}: ENOENT`);
  });

  it('when Redis cannot be reached, then it gives up and exits 1', async () => {
    const run = fakeCliIo({ REDIS_URL: `redis://127.0.0.1:${await unusedPort()}` });
    expect(await main(['audit', 'export'], run.io)).toBe(1);
    expect(run.err()).toMatch(/^ssm-chatops audit export: cannot reach Redis: connect ECONNREFUSED/);
    expect(run.out()).toBe('');
  });
});

describe('ssm-chatops audit export: help and usage errors', () => {
  it('when help is asked, then the command is listed and its flags explained', async () => {
    const top = fakeCliIo();
    expect(await main(['--help'], top.io)).toBe(0);
    expect(top.out()).toMatch(/audit export\s+write the audit trail as JSON Lines/);
    const own = fakeCliIo();
    expect(await main(['audit', 'export', '--help'], own.io)).toBe(0);
    expect(own.out()).toMatch(/--since T[\s\S]*7d[\s\S]*--until T[\s\S]*--output F[\s\S]*REDIS_URL/);
  });

  it.each([
    [['--since', 'yesterday'], /--since "yesterday" is not a time: give an ISO 8601 time .* or a duration/],
    [['--since', '2025-02-30'], /--since "2025-02-30" is not a date on the calendar/],
    [['--since', '2025-06-01T09:00'], /has no time zone \(add Z or an offset/],
    [['--since', '2025-06-01T25:00Z'], /is not a time of day/],
    [
      ['--until', '7d'],
      /--until "7d" is not a time: give an ISO 8601 time \(2025-06-01T09:00:00Z, 2025-06-01\)$/m,
    ],
    [
      ['--since', '2025-06-02', '--until', '2025-06-01'],
      /--since \(2025-06-02T00:00:00.000Z\) must be before --until/,
    ],
    [['--since'], /--since needs a value/],
    [['--output', ' '], /--output needs a file name/],
    [['--format', 'csv'], /unknown flag --format for "ssm-chatops audit export"/],
    [['everything'], /unexpected argument everything/],
  ])(
    'when run with %j, then it explains the mistake and exits 2 without touching Redis',
    async (flags, message) => {
      const run = fakeCliIo({ REDIS_URL: 'redis://127.0.0.1:1' });
      expect(await main(['audit', 'export', ...flags], run.io)).toBe(2);
      expect(run.err()).toMatch(message);
      expect(run.err()).toContain('ssm-chatops audit export --help');
    },
  );

  it('when `audit` has no action, then it names export', async () => {
    const run = fakeCliIo();
    expect(await main(['audit'], run.io)).toBe(2);
    expect(run.err()).toMatch(/"audit" needs one of: export/);
  });
});

function unusedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
