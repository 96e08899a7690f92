// What only the Redis audit log does: its key layout, stream fields for hand readers, all-or-nothing appends.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import { AUDIT_IDEMPOTENCY_TTL_MS } from '../../src/ports.js';
import { RedisAuditLog } from '../../src/store/redis-audit-log.js';
import { anAuditEntry } from '../support/audit-entry-builder.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';

let redis: TestRedis;
let client: Redis;
let prefix: string;
let log: RedisAuditLog;
beforeAll(async () => {
  redis = await startTestRedis();
  client = redis.client();
});
afterAll(() => redis.stop());
beforeEach(() => {
  prefix = `test:${randomUUID()}:`;
  log = new RedisAuditLog(client, { prefix, logger: createLogger({ level: 'silent' }) });
});

const runStarted = anAuditEntry({
  action: 'run.started',
  actor: { kind: 'system', name: 'worker' },
  subject: { changeId: 'chg-7k3m9q2x', runId: 'run-7k3m9q2x' },
  summary: 'run-7k3m9q2x started in 2 accounts × 1 region',
});

describe('key layout', () => {
  it('when an entry is appended, then the stream holds its JSON and readable fields, and each subject indexes it', async () => {
    const appended = await log.append(runStarted);
    const [[id, fields]] = (await client.xrange(`${prefix}{audit}`, '-', '+')) as [[string, string[]]];
    expect(id).toBe(appended.id);
    expect(fields).toEqual([
      ...['entry', JSON.stringify(runStarted), 'action', 'run.started', 'actor', 'system:worker'],
      ...['changeId', 'chg-7k3m9q2x', 'runId', 'run-7k3m9q2x'],
    ]);
    expect(await client.lrange(`${prefix}{audit}:subject:chg-7k3m9q2x`, 0, -1)).toEqual([appended.id]);
    expect(await client.lrange(`${prefix}{audit}:subject:run-7k3m9q2x`, 0, -1)).toEqual([appended.id]);
    expect(await client.ttl(`${prefix}{audit}`)).toBe(-1);
  });

  it('when a user acts on a change only, then the actor field names the user and there is no runId field', async () => {
    await log.append(anAuditEntry());
    const [[, fields]] = (await client.xrange(`${prefix}{audit}`, '-', '+')) as [[string, string[]]];
    expect(fields.slice(2)).toEqual([
      'action',
      'change.vote',
      'actor',
      'user:U0APPROVE1',
      'changeId',
      'chg-7k3m9q2x',
    ]);
  });

  it('when no prefix is given, then the stream is ssm-chatops:{audit}', async () => {
    const changeId = `chg-${randomUUID().slice(0, 8)}`;
    const logger = createLogger({ level: 'silent' });
    const appended = await new RedisAuditLog(client, { logger }).append(
      anAuditEntry({ subject: { changeId } }),
    );
    expect(await client.xrange('ssm-chatops:{audit}', appended.id, appended.id)).toHaveLength(1);
    await client.xdel('ssm-chatops:{audit}', appended.id);
    await client.del(`ssm-chatops:{audit}:subject:${changeId}`);
  });
});

describe('idempotency keys', () => {
  it('when an append uses a key, then the key holds the entry id in the {audit} slot and expires after 7 days', async () => {
    const result = await log.append(runStarted, { idempotencyKey: 'run.started:run-7k3m9q2x' });
    const key = `${prefix}{audit}:once:run.started:run-7k3m9q2x`;
    expect(await client.get(key)).toBe((result as { entry: { id: string } }).entry.id);
    const ttl = await client.pttl(key);
    expect(ttl).toBeGreaterThan(AUDIT_IDEMPOTENCY_TTL_MS - 60_000);
    expect(ttl).toBeLessThanOrEqual(AUDIT_IDEMPOTENCY_TTL_MS);
  });

  it('when the key has expired, then the same key appends again', async () => {
    const once = { idempotencyKey: 'run.started:run-7k3m9q2x' };
    await log.append(runStarted, once);
    await client.del(`${prefix}{audit}:once:run.started:run-7k3m9q2x`);
    expect(await log.append(runStarted, once)).toMatchObject({ kind: 'appended' });
  });

  it('when the key holds another type, then append rejects and writes nothing', async () => {
    await client.rpush(`${prefix}{audit}:once:run.started:run-7k3m9q2x`, 'x');
    await expect(log.append(runStarted, { idempotencyKey: 'run.started:run-7k3m9q2x' })).rejects.toThrow(
      /holds a list, not a string/,
    );
    expect(await client.exists(`${prefix}{audit}`)).toBe(0);
  });
});

describe('all or nothing', () => {
  it('when an index key holds another type, then append rejects and neither the stream nor other indexes change', async () => {
    await client.set(`${prefix}{audit}:subject:run-7k3m9q2x`, 'not a list');
    await expect(log.append(runStarted)).rejects.toThrow(
      /\{audit\}:subject:run-7k3m9q2x holds a string, not a list/,
    );
    expect(await client.exists(`${prefix}{audit}`)).toBe(0);
    expect(await client.exists(`${prefix}{audit}:subject:chg-7k3m9q2x`)).toBe(0);
  });

  it('when Redis has forgotten the script, then append loads it again', async () => {
    await client.script('FLUSH');
    expect((await log.append(anAuditEntry())).id).toMatch(/^\d+-\d+$/);
  });
});

describe('retention and corrupt records', () => {
  it('when the operator trimmed old entries, then a timeline skips them and list starts at the oldest kept', async () => {
    const [first, second] = [await log.append(anAuditEntry()), await log.append(anAuditEntry())];
    await client.xdel(`${prefix}{audit}`, first.id);
    expect(await log.timeline('chg-7k3m9q2x')).toEqual([second]);
    expect(await log.list({ limit: 10 })).toEqual([second]);
  });

  it('when maxEntries is set, then the stream keeps about that many newest entries; unset, it keeps them all', async () => {
    const capped = new RedisAuditLog(client, {
      prefix: `${prefix}capped:`,
      maxEntries: 100,
      logger: createLogger({ level: 'silent' }),
    });
    for (let n = 0; n < 350; n++) {
      await capped.append(anAuditEntry());
      await log.append(anAuditEntry());
    }
    // MAXLEN ~ drops whole stream nodes (100 entries each by default): at least 100 stay, never all 350.
    const kept = await client.xlen(`${prefix}capped:{audit}`);
    expect(kept).toBeGreaterThanOrEqual(100);
    expect(kept).toBeLessThan(250);
    expect(await client.xlen(`${prefix}{audit}`)).toBe(350);
  });

  it.each([
    [['action', 'change.vote'], /has no "entry" field/],
    [['entry', '{"action":'], /is not valid JSON/],
    [['entry', '[1]'], /is not an object/],
    [['entry', '{"action":"change.vote"}'], /is not an audit entry: its actor/],
  ])('when a stream entry is %j, then list rejects saying it is corrupt', async (fields, message) => {
    await client.xadd(`${prefix}{audit}`, '*', ...fields);
    await expect(log.list({ limit: 10 })).rejects.toThrow(message);
    await expect(log.list({ limit: 10 })).rejects.toThrow(/corrupt record/);
  });
});
