// What only the Redis change store does: its key layout, lock keys deleted on release, stale holders, corrupt records, races.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StoredChange } from '../../src/core/approval/stored-change.js';
import { RedisChangeStore, type RedisChangeStoreOptions } from '../../src/store/redis-change-store.js';
import { transitionChangeScript } from '../../src/store/scripts/transition-change.js';
import { CREATED_AT } from '../support/approval-builders.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { anApprovedChange, aStoredChange, DEFAULT_LOCK_KEYS } from '../support/stored-change-builder.js';
import { bobApproves, decide, startRun, withdrawn } from './change-store-events.js';

let redis: TestRedis;
let client: Redis;
let prefix: string;
beforeAll(async () => {
  redis = await startTestRedis();
  client = redis.client();
});
afterAll(() => redis.stop());
beforeEach(() => {
  prefix = `test:${randomUUID()}:`;
});

const storeWith = (options: RedisChangeStoreOptions = {}) =>
  new RedisChangeStore(client, { prefix, ...options });
const ID = 'chg-4f7h2k9p';
const hash = () => `${prefix}{changes}:change:${ID}`;
const lockKeys = () => DEFAULT_LOCK_KEYS.map((key) => `${prefix}{changes}:lock:${key}`);

describe('key layout', () => {
  it('when a change is created, approved and started, then its hash, sets, run index and locks are where documented', async () => {
    const store = storeWith();
    await store.create(aStoredChange());
    expect(await client.hgetall(hash())).toEqual({
      json: JSON.stringify(aStoredChange()),
      version: '1',
      holding: '0',
    });
    expect(await client.zscore(`${prefix}{changes}:recent`, ID)).toBe(String(Date.parse(CREATED_AT)));
    expect(await client.zscore(`${prefix}{changes}:open`, ID)).toBe(String(Date.parse(CREATED_AT)));

    await client.del(hash());
    await client.zrem(`${prefix}{changes}:open`, ID);
    await store.create(anApprovedChange());
    expect(await client.hmget(hash(), 'version', 'holding')).toEqual(['3', '1']);
    await store.acquireLocks(ID, DEFAULT_LOCK_KEYS);
    expect(await Promise.all(lockKeys().map((key) => client.get(key)))).toEqual([ID, ID]);

    await store.transition(ID, decide(startRun('run-7k3m9q2x')));
    expect(await client.hmget(hash(), 'version', 'holding')).toEqual(['4', '1']);
    expect(JSON.parse((await client.hget(hash(), 'json'))!).request.runId).toBe('run-7k3m9q2x');
    expect(await client.zscore(`${prefix}{changes}:open`, ID)).toBeNull();
    expect(await client.ttl(hash())).toBe(-1);
  });

  it('when no prefix is given, then keys start with ssm-chatops:', async () => {
    const id = `chg-${randomUUID().slice(0, 8)}`;
    await new RedisChangeStore(client).create(aStoredChange({ request: { id } }));
    expect(await client.exists(`ssm-chatops:{changes}:change:${id}`)).toBe(1);
    await client.del(`ssm-chatops:{changes}:change:${id}`);
    await client.zrem('ssm-chatops:{changes}:recent', id);
    await client.zrem('ssm-chatops:{changes}:open', id);
  });

  it('when more changes are created than the recent set keeps, then the oldest leave it but stay readable', async () => {
    const store = storeWith({ recentLimit: 2 });
    for (const minute of [1, 2, 3]) {
      const createdAt = `2026-06-02T01:0${minute}:00.000Z`;
      await store.create(aStoredChange({ request: { id: `chg-aaaaaaa${minute}`, createdAt } }));
    }
    expect((await store.listRecent(10)).map((change) => change.request.id)).toEqual([
      'chg-aaaaaaa3',
      'chg-aaaaaaa2',
    ]);
    expect((await store.get('chg-aaaaaaa1'))?.request.id).toBe('chg-aaaaaaa1');
  });

  it('when a change has no parseable createdAt, then create rejects and writes nothing', async () => {
    await expect(storeWith().create(aStoredChange({ request: { createdAt: 'yesterday' } }))).rejects.toThrow(
      /createdAt/,
    );
    expect(await client.exists(hash())).toBe(0);
  });
});

describe('retention', () => {
  it('when a change closes, then its hash expires after the retention; while open or holding, it has no TTL', async () => {
    const store = storeWith({ retentionDays: 3 });
    await store.create(anApprovedChange());
    await store.acquireLocks(ID, DEFAULT_LOCK_KEYS);
    expect(await client.ttl(hash())).toBe(-1);
    await store.transition(ID, decide(withdrawn));
    const ttl = await client.ttl(hash());
    expect(ttl).toBeGreaterThan(3 * 24 * 60 * 60 - 60);
    expect(ttl).toBeLessThanOrEqual(3 * 24 * 60 * 60);
  });
});

describe('locks', () => {
  it('when a holding change moves to a status that holds none, then the same write deletes its lock keys', async () => {
    const store = storeWith();
    await store.create(anApprovedChange());
    await store.acquireLocks(ID, DEFAULT_LOCK_KEYS);
    await store.transition(ID, decide(withdrawn));
    expect(await client.exists(...lockKeys())).toBe(0);
    expect(await client.hget(hash(), 'holding')).toBe('0');
  });

  it('when a lock names a change whose hash is gone, then it is stale: nobody holds it and it can be taken', async () => {
    const store = storeWith();
    await store.create(anApprovedChange());
    await client.set(lockKeys()[0]!, 'chg-ghost999');
    expect(await store.lockHolder(DEFAULT_LOCK_KEYS)).toBeUndefined();
    expect(await store.acquireLocks(ID, DEFAULT_LOCK_KEYS)).toEqual({ kind: 'acquired' });
    expect(await client.get(lockKeys()[0]!)).toBe(ID);
  });

  it('when a transition ends holding, then only the lock keys whose value is the change are deleted', async () => {
    const store = storeWith();
    await store.create(anApprovedChange());
    await store.acquireLocks(ID, DEFAULT_LOCK_KEYS);
    await client.set(lockKeys()[1]!, 'chg-other222');
    await store.transition(ID, decide(withdrawn));
    expect(await client.get(lockKeys()[0]!)).toBeNull();
    expect(await client.get(lockKeys()[1]!)).toBe('chg-other222');
  });
});

describe('corrupt records', () => {
  it('when the stored JSON does not parse, then get and transition reject saying the record is corrupt', async () => {
    await client.hset(hash(), 'json', '{"request":', 'version', '1');
    const store = storeWith();
    await expect(store.get(ID)).rejects.toThrow(
      /\{changes\}:change:chg-4f7h2k9p is not valid JSON \(corrupt/,
    );
    await expect(store.transition(ID, decide(bobApproves))).rejects.toThrow(/corrupt/);
  });

  it('when the stored JSON is another change or not a change, then get rejects naming the problem', async () => {
    const store = storeWith();
    await client.hset(hash(), 'json', JSON.stringify(aStoredChange({ request: { id: 'chg-other222' } })));
    await expect(store.get(ID)).rejects.toThrow(/its id is "chg-other222"/);
    await client.hset(hash(), 'json', JSON.stringify({ ...aStoredChange(), lockKeys: 'all' }));
    await expect(store.get(ID)).rejects.toThrow(/lockKeys is not a list/);
  });

  it("when the hash's version is not its request's, then transition rejects instead of guessing", async () => {
    await client.hset(hash(), 'json', JSON.stringify(aStoredChange()), 'version', '7');
    await expect(storeWith().transition(ID, decide(bobApproves))).rejects.toThrow(
      /is "7", its request.s 1 \(corrupt/,
    );
  });

  it('when the script is asked to skip a version, then it refuses and writes nothing', async () => {
    await storeWith().create(aStoredChange());
    const skipping = transitionChangeScript.run(
      client,
      [hash(), `${prefix}{changes}:open`],
      ['1', '{}', '3', '0', '0', '', '0', ID],
    );
    await expect(skipping).rejects.toThrow(/from version 1 to 3/);
    expect(await client.hget(hash(), 'version')).toBe('1');
  });
});

describe('compare-and-set', () => {
  /**
   * Stores `change` one version on, as another transition would: json and version together. Sent on the store's
   * connection before its script, so Redis always sees this write first.
   */
  const anotherWriterMoves = (change: StoredChange, reason: string) => {
    const request = { ...change.request, reason, version: change.request.version + 1 };
    void client.hset(hash(), 'json', JSON.stringify({ ...change, request }), 'version', request.version);
  };

  it('when another writer wins every race, then transition gives up after the configured attempts', async () => {
    const store = storeWith({ maxTransitionAttempts: 3 });
    await store.create(aStoredChange());
    let calls = 0;
    const transition = store.transition(ID, (change) => {
      calls++;
      anotherWriterMoves(change, `interfered ${calls}`);
      return decide(bobApproves)(change);
    });
    await expect(transition).rejects.toThrow(/gave up transitioning change chg-4f7h2k9p after 3 attempts/);
    expect(calls).toBe(3);
    expect((await store.get(ID))?.request).toMatchObject({ reason: 'interfered 3', version: 4, votes: [] });
  });

  it('when another writer wins once, then the decision is made again on its version', async () => {
    const store = storeWith();
    await store.create(aStoredChange());
    const seen: number[] = [];
    const result = await store.transition(ID, (change) => {
      seen.push(change.request.version);
      if (seen.length === 1) anotherWriterMoves(change, 'moved on');
      return decide(bobApproves)(change);
    });
    expect(seen).toEqual([1, 2]);
    expect(result).toMatchObject({
      kind: 'changed',
      change: { request: { reason: 'moved on', version: 3 } },
    });
  });

  it('when Redis has forgotten the scripts, then every write loads them again', async () => {
    const store = storeWith();
    await client.script('FLUSH');
    await store.create(anApprovedChange());
    await client.script('FLUSH');
    expect(await store.acquireLocks(ID, DEFAULT_LOCK_KEYS)).toEqual({ kind: 'acquired' });
    await client.script('FLUSH');
    expect((await store.transition(ID, decide(startRun('run-7k3m9q2x')))).kind).toBe('changed');
  });
});
