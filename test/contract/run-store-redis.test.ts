// What only the Redis run store does: its key layout, the recent-list trim, corrupt records, lost races, scripts.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChildStatus, Run } from '../../src/core/run/run.js';
import { decodePart } from '../../src/store/part-codec.js';
import { closeRedis, createRedisConnection, reconnectDelayMs } from '../../src/store/redis-connection.js';
import { RedisRunStore, type RedisRunStoreOptions } from '../../src/store/redis-run-store.js';
import { wholeRecord } from '../../src/store/run-record.js';
import { aRun } from '../support/builders.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';

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

const storeWith = (options: RedisRunStoreOptions = {}) => new RedisRunStore(client, { prefix, ...options });
const parentExecution = 'a7c3e0f2-0000-4000-8000-000000000001';
const childExecution = 'a7c3e0f2-0000-4000-8000-000000000002';

describe('key layout', () => {
  it('when a run is created and updated, then its hash, recent entry and execution index are where documented', async () => {
    const store = storeWith();
    await store.create(aRun({ parentExecutionId: parentExecution }));
    await store.update('run-7k3m9q2x', (run) => ({
      ...run,
      children: run.children.map((child, n) => (n === 0 ? { ...child, executionId: childExecution } : child)),
    }));

    const hash = `${prefix}{run:run-7k3m9q2x}`;
    expect(await client.hget(hash, 'version')).toBe('2');
    expect(JSON.parse((await client.hget(hash, 'header'))!)).toMatchObject({
      id: 'run-7k3m9q2x',
      revision: 2,
    });
    expect(JSON.parse(decodePart((await client.hget(hash, 'targets'))!)).regions).toEqual(
      aRun().targets.regions,
    );
    expect(await client.hget(hash, 'children')).toBe(String(aRun().children.length));
    const child = (await client.hget(hash, 'child:0'))!;
    expect(child).toMatch(/^z1:[A-Za-z0-9+/]+=*$/);
    expect(JSON.parse(decodePart(child)).executionId).toBe(childExecution);
    expect(JSON.parse((await client.hget(hash, 'counts'))!)).toEqual({ Pending: aRun().children.length });
    // Only what the update wrote is listed as changed, at the version that wrote it.
    expect(await client.zrange(`${hash}:changed`, 0, -1, 'WITHSCORES')).toEqual(['child:0', '2']);
    expect(await client.zscore(`${prefix}{runs}:recent`, 'run-7k3m9q2x')).toBe(
      String(Date.parse('2025-06-02T01:00:00.000Z')),
    );
    expect(await client.get(`${prefix}{execution:${parentExecution}}`)).toBe('run-7k3m9q2x');
    expect(await client.get(`${prefix}{execution:${childExecution}}`)).toBe('run-7k3m9q2x');
    expect(await client.ttl(`${prefix}{run:run-7k3m9q2x}`)).toBe(-1);
  });

  it('when no prefix is given, then keys start with ssm-chatops:', async () => {
    const id = `run-${randomUUID().slice(0, 8)}`;
    await new RedisRunStore(client).create(aRun({ id }));
    expect(await client.exists(`ssm-chatops:{run:${id}}`)).toBe(1);
    await client.del(`ssm-chatops:{run:${id}}`);
    await client.zrem('ssm-chatops:{runs}:recent', id);
  });
});

describe('recent list', () => {
  it('when more runs are created than the recent list keeps, then the oldest leave the list but stay readable', async () => {
    const store = storeWith({ recentLimit: 3 });
    for (const minute of [1, 2, 3, 4, 5]) {
      const createdAt = `2025-06-02T01:0${minute}:00.000Z`;
      await store.create(aRun({ id: `run-aaaaaaa${minute + 1}`, createdAt, updatedAt: createdAt }));
    }
    expect((await store.listRecent(10)).map((run) => run.id)).toEqual([
      'run-aaaaaaa6',
      'run-aaaaaaa5',
      'run-aaaaaaa4',
    ]);
    expect(await client.zcard(`${prefix}{runs}:recent`)).toBe(3);
    expect((await store.get('run-aaaaaaa2'))?.id).toBe('run-aaaaaaa2');
  });

  it('when a run has no parseable createdAt, then create rejects and writes nothing', async () => {
    await expect(storeWith().create(aRun({ createdAt: 'yesterday' }))).rejects.toThrow(/createdAt/);
    expect(await client.exists(`${prefix}{run:run-7k3m9q2x}`)).toBe(0);
  });
});

describe('unfinished index', () => {
  const unfinished = () => `${prefix}{runs}:unfinished`;
  const createdAt = Date.parse('2025-06-02T01:00:00.000Z');

  it('when a run is created, then it is in the unfinished set by createdAt, and the write that ends it removes it', async () => {
    const store = storeWith();
    await store.create(aRun());
    expect(await client.zscore(unfinished(), 'run-7k3m9q2x')).toBe(String(createdAt));
    await store.update('run-7k3m9q2x', (run) => ({ ...run, status: 'running' }));
    expect(await client.zcard(unfinished())).toBe(1);
    await store.update('run-7k3m9q2x', (run) => ({ ...run, status: 'failed' }));
    expect(await client.zcard(unfinished())).toBe(0);
  });

  it('when entries name a run that finished (a lost removal) or is missing, then the listing drops them', async () => {
    const store = storeWith();
    await store.create(aRun({ status: 'succeeded' }));
    await client.zadd(unfinished(), createdAt, 'run-7k3m9q2x', createdAt, 'run-missing1');
    await store.create(aRun({ id: 'run-running1', status: 'running' }));

    expect((await store.listUnfinished(10)).map((run) => run.id)).toEqual(['run-running1']);
    expect(await client.zrange(unfinished(), 0, -1)).toEqual(['run-running1']);
  });

  it('when a finished run is created again, then it is not listed again', async () => {
    const store = storeWith();
    await store.create(aRun({ status: 'cancelled' }));
    await store.create(aRun({ status: 'cancelled' }));
    expect(await client.exists(unfinished())).toBe(0);
  });
});

describe('retention', () => {
  const DAY_S = 24 * 60 * 60;

  it('when a run becomes final, then its record and execution-index keys expire after the retention, not before', async () => {
    const store = storeWith({ retentionDays: 7 });
    await store.create(aRun({ parentExecutionId: parentExecution }));
    await store.update('run-7k3m9q2x', (run) => ({
      ...run,
      status: 'running',
      children: run.children.map((child, n) => (n === 0 ? { ...child, executionId: childExecution } : child)),
    }));
    expect(await client.ttl(`${prefix}{run:run-7k3m9q2x}`)).toBe(-1);

    await store.update('run-7k3m9q2x', (run) => ({ ...run, status: 'succeeded' }));
    for (const key of [
      `${prefix}{run:run-7k3m9q2x}`,
      `${prefix}{execution:${parentExecution}}`,
      `${prefix}{execution:${childExecution}}`,
    ]) {
      const ttl = await client.ttl(key);
      expect(ttl, key).toBeGreaterThan(7 * DAY_S - 60);
      expect(ttl, key).toBeLessThanOrEqual(7 * DAY_S);
    }
  });

  it('when a run is created, then recent and unfinished ids older than the retention are dropped', async () => {
    const store = storeWith({ retentionDays: 30 });
    const old = '2025-05-01T00:00:00.000Z';
    await store.create(aRun({ id: 'run-old00001', createdAt: old, updatedAt: old }));
    await store.create(aRun({ id: 'run-new00001', createdAt: '2025-06-02T01:00:00.000Z' }));
    expect(await client.zrange(`${prefix}{runs}:recent`, 0, -1)).toEqual(['run-new00001']);
    expect(await client.zrange(`${prefix}{runs}:unfinished`, 0, -1)).toEqual(['run-new00001']);
  });
});

describe('writes across slots, in an order a crash cannot break', () => {
  const recent = () => `${prefix}{runs}:recent`;
  const createdAt = Date.parse('2025-06-02T01:00:00.000Z');

  it('when a create stopped after its index entries (a crash before the record), then readers skip the run and the retry completes it', async () => {
    await client.zadd(recent(), createdAt, 'run-7k3m9q2x');
    await client.set(`${prefix}{execution:${parentExecution}}`, 'run-7k3m9q2x');
    const store = storeWith();
    expect(await store.listRecent(10)).toEqual([]);
    expect(await store.get('run-7k3m9q2x')).toBeUndefined();

    expect(await store.create(aRun({ parentExecutionId: parentExecution }))).toBe('created');
    expect((await store.listRecent(10)).map((run) => run.id)).toEqual(['run-7k3m9q2x']);
    expect(await client.zcard(recent())).toBe(1);
    expect(await store.findRunIdByExecutionId(parentExecution)).toBe('run-7k3m9q2x');
  });

  it('when a run is created again (a resumed start), then nothing moves: not its record, not its place', async () => {
    const store = storeWith();
    await store.create(aRun());
    const later = '2025-06-02T02:00:00.000Z';
    expect(await store.create(aRun({ createdAt: later, updatedAt: later, reason: 'again' }))).toBe('exists');
    expect(await client.zscore(recent(), 'run-7k3m9q2x')).toBe(String(createdAt));
    expect((await store.get('run-7k3m9q2x'))?.reason).not.toBe('again');
  });

  it('when an update that adds an execution loses a race, then its index entry still names the run and the retry records it', async () => {
    const store = storeWith();
    await store.create(aRun());
    let raced = false;
    const updated = await store.update('run-7k3m9q2x', (run) => {
      if (!raced) {
        raced = true;
        void client.hincrby(`${prefix}{run:run-7k3m9q2x}`, 'version', 1);
      }
      return {
        ...run,
        children: run.children.map((child, n) =>
          n === 0 ? { ...child, executionId: childExecution } : child,
        ),
      };
    });
    expect(updated?.children[0]?.executionId).toBe(childExecution);
    expect(await store.findRunIdByExecutionId(childExecution)).toBe('run-7k3m9q2x');
  });
});

describe('corrupt records', () => {
  it('when the stored JSON does not parse, then get and update reject saying the record is corrupt', async () => {
    await client.hset(`${prefix}{run:run-7k3m9q2x}`, 'json', '{"id":"run-7k3m9q2x",', 'version', '1');
    const store = storeWith();
    await expect(store.get('run-7k3m9q2x')).rejects.toThrow(
      /\{run:run-7k3m9q2x\} is not valid JSON \(corrupt/,
    );
    await expect(store.update('run-7k3m9q2x', (run) => run)).rejects.toThrow(/corrupt/);
  });

  it('when the stored JSON is another run or not a run, then get rejects naming the problem', async () => {
    const store = storeWith();
    await client.hset(`${prefix}{run:run-7k3m9q2x}`, 'json', JSON.stringify(aRun({ id: 'run-bbbb3333' })));
    await expect(store.get('run-7k3m9q2x')).rejects.toThrow(/its id is "run-bbbb3333"/);
    await expect(store.get('run-7k3m9q2x')).rejects.toMatchObject({ code: 'store/corrupt-record' });
    await client.hset(`${prefix}{run:run-7k3m9q2x}`, 'json', '[]');
    await expect(store.get('run-7k3m9q2x')).rejects.toThrow(/not an object/);
  });

  it('when the hash has no version, then update rejects instead of guessing', async () => {
    await client.hset(`${prefix}{run:run-7k3m9q2x}`, 'json', JSON.stringify(aRun()));
    await expect(storeWith().update('run-7k3m9q2x', (run) => run)).rejects.toThrow(/no version/);
  });
});

describe('compare-and-set', () => {
  it('when another writer wins every race, then update gives up after the configured attempts', async () => {
    const store = storeWith({ maxUpdateAttempts: 3 });
    await store.create(aRun());
    let calls = 0;
    const update = store.update('run-7k3m9q2x', (run) => {
      calls++;
      // Sent on the same connection before the store's script, so Redis always sees this write first.
      void client.hincrby(`${prefix}{run:run-7k3m9q2x}`, 'version', 1);
      return { ...run, status: 'running' };
    });
    await expect(update).rejects.toThrow(/gave up updating run run-7k3m9q2x after 3 attempts/);
    await expect(update).rejects.toMatchObject({ name: 'StoreError', code: 'store/contention' });
    expect(calls).toBe(3);
    expect((await store.get('run-7k3m9q2x'))?.status).toBe('starting');
  });

  it('when another writer wins once, then the change is applied to its version', async () => {
    const store = storeWith();
    await store.create(aRun());
    let interfered = false;
    const updated = await store.update('run-7k3m9q2x', (run) => {
      if (!interfered) {
        interfered = true;
        const raced = { ...run, reason: 'changed by the other writer' };
        void client.hset(`${prefix}{run:run-7k3m9q2x}`, 'header', wholeRecord(raced).header, 'version', 2);
      }
      return { ...run, status: 'running' };
    });
    expect(updated).toMatchObject({ status: 'running', reason: 'changed by the other writer' });
    expect(await client.hget(`${prefix}{run:run-7k3m9q2x}`, 'version')).toBe('3');
  });

  it('when many updates of one run are asked for at once, then they are written together, none lost', async () => {
    const store = storeWith();
    await store.create(aRun({ children: [] }));
    const scriptCalls = async () => {
      const stats = await client.info('commandstats');
      return [...stats.matchAll(/cmdstat_(?:evalsha|eval):calls=(\d+)/g)].reduce(
        (sum, [, n]) => sum + Number(n),
        0,
      );
    };
    const callsBefore = await scriptCalls();
    let changes = 0;
    await Promise.all(
      Array.from({ length: 30 }, (_, n) =>
        store.update('run-7k3m9q2x', (run) => {
          changes++;
          return { ...run, reason: `${run.reason ?? ''}${n},` };
        }),
      ),
    );
    // One write alone, then the 29 that queued behind it in one more: a read and a write script each.
    expect((await scriptCalls()) - callsBefore).toBeLessThanOrEqual(4);
    expect(changes).toBe(30);
    const stored = await store.get('run-7k3m9q2x');
    // In the order asked for, each applied to what the one before made.
    expect(stored?.reason).toBe(`${aRun().reason}${Array.from({ length: 30 }, (_, n) => `${n},`).join('')}`);
    expect(stored?.revision).toBe(aRun().revision + 30);
  });

  it('when Redis has forgotten the scripts, then create and update load them again', async () => {
    const store = storeWith();
    await client.script('FLUSH');
    await store.create(aRun());
    await client.script('FLUSH');
    expect((await store.update('run-7k3m9q2x', (run) => ({ ...run, status: 'running' })))?.status).toBe(
      'running',
    );
  });
});

describe('connection', () => {
  it('when a connection is created, then it suits BullMQ workers and closes gracefully', async () => {
    const connection = createRedisConnection(redis.url);
    expect(connection).toBeInstanceOf(Redis);
    expect((connection as Redis).options.maxRetriesPerRequest).toBeNull();
    expect(await connection.ping()).toBe('PONG');
    expect(await connection.client('GETNAME')).toBe('ssm-chatops');
    await closeRedis(connection);
    expect(connection.status).toBe('end');
    await closeRedis(connection);
  });

  it('when a reply is still outstanding, then closing waits at most its bound and drops the connection', async () => {
    const connection = createRedisConnection(redis.url);
    await connection.ping();
    // QUIT queues behind a BLPOP that never returns, so only the bound can end the wait.
    const blocked = connection.blpop(`${prefix}never-filled`, 0).catch((error: Error) => error);
    await closeRedis(connection, 50);
    expect(await blocked).toBeInstanceOf(Error);
    expect(['close', 'end']).toContain(connection.status);
  });

  it('when Redis is unreachable, then closing does not wait for it', async () => {
    const connection = createRedisConnection(`redis://127.0.0.1:${await unusedPort()}`);
    connection.on('error', () => {});
    await closeRedis(connection);
    expect(connection.status).not.toBe('ready');
  });

  it.each([
    [1, 100],
    [2, 200],
    [4, 800],
    [7, 5_000],
    [100, 5_000],
  ])('when reconnect attempt %i fails, then the next waits %i ms', (attempt, delay) => {
    expect(reconnectDelayMs(attempt)).toBe(delay);
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

describe('parsed runs reused while their version stands', () => {
  it('when a run is read twice without a change, then the same frozen run comes back; after a write, a new one', async () => {
    const store = storeWith();
    await store.create(aRun());
    const first = await store.get('run-7k3m9q2x');
    expect(await store.get('run-7k3m9q2x')).toBe(first);
    expect(Object.isFrozen(first!.children[0])).toBe(true);

    await store.update('run-7k3m9q2x', (run) => ({ ...run, status: 'running' }));
    const afterWrite = await store.get('run-7k3m9q2x');
    expect(afterWrite).not.toBe(first);
    expect(afterWrite!.status).toBe('running');
  });

  it('when more runs are read than parsedRunCacheSize, then the least recently read is parsed again', async () => {
    const store = storeWith({ parsedRunCacheSize: 2 });
    const ids = ['run-aaaaaaaa', 'run-bbbbbbbb', 'run-cccccccc'];
    for (const id of ids) await store.create(aRun({ id }));
    const [a, b] = [await store.get(ids[0]!), await store.get(ids[1]!)];
    expect(await store.get(ids[0]!)).toBe(a);
    await store.get(ids[2]!);
    expect(await store.get(ids[0]!)).toBe(a);
    const bAgain = await store.get(ids[1]!);
    expect(bAgain).not.toBe(b);
    expect(bAgain).toEqual(b);
  });

  it('when another process writes the run, then the next read sees it (the version is checked every time)', async () => {
    const reader = storeWith();
    const writer = storeWith();
    await writer.create(aRun());
    expect((await reader.get('run-7k3m9q2x'))!.status).toBe('starting');
    await writer.update('run-7k3m9q2x', (run) => ({ ...run, status: 'running' }));
    expect((await reader.get('run-7k3m9q2x'))!.status).toBe('running');
  });
});

describe('a run stored in parts', () => {
  const hash = () => `${prefix}{run:run-7k3m9q2x}`;
  const withStatus = (run: Run, index: number, status: ChildStatus): Run => ({
    ...run,
    children: run.children.map((child, n) => (n === index ? { ...child, status } : child)),
  });

  it('when a reader holds an older version, then it catches up over several writes: changed children, new targets, fewer children', async () => {
    const reader = storeWith();
    const writer = storeWith();
    await writer.create(aRun());
    const before = await reader.get('run-7k3m9q2x');
    await writer.update('run-7k3m9q2x', (run) => withStatus(run, 1, 'InProgress'));
    await writer.update('run-7k3m9q2x', (run) => ({
      ...withStatus(run, 0, 'Success'),
      targets: { ...run.targets, regions: ['eu-west-1'] },
    }));
    const written = await writer.update('run-7k3m9q2x', (run) => ({
      ...run,
      children: run.children.slice(0, 2),
    }));

    const caughtUp = await reader.get('run-7k3m9q2x');
    expect(caughtUp).toEqual(written);
    expect(caughtUp!.children.map((child) => child.status)).toEqual(['Success', 'InProgress']);
    expect(caughtUp!.targets.regions).toEqual(['eu-west-1']);
    // What did not change is the object the reader already had.
    expect(caughtUp!.children[1]).not.toBe(before!.children[1]);
    expect(await storeWith().get('run-7k3m9q2x')).toEqual(written);
    expect(await client.hexists(hash(), `child:${aRun().children.length - 1}`)).toBe(0);
    expect(await client.zscore(`${hash()}:changed`, `child:${aRun().children.length - 1}`)).toBeNull();
  });

  it('when a run finishes, then its changed set is dropped and a reader from before the end still reads it whole', async () => {
    const reader = storeWith();
    const writer = storeWith();
    await writer.create(aRun());
    await writer.update('run-7k3m9q2x', (run) => withStatus(run, 1, 'InProgress'));
    await reader.get('run-7k3m9q2x');
    await writer.update('run-7k3m9q2x', (run) => ({ ...withStatus(run, 0, 'Success'), status: 'running' }));
    const ended = await writer.update('run-7k3m9q2x', (run) => ({
      ...withStatus(run, 2, 'Failed'),
      status: 'failed',
    }));

    expect(await client.exists(`${hash()}:changed`)).toBe(0);
    expect(await reader.get('run-7k3m9q2x')).toEqual(ended);
    // A late report of a finished run is read by a reader holding the end, and leaves no changed set behind.
    const late = await writer.update('run-7k3m9q2x', (run) => withStatus(run, 3, 'Cancelled'));
    expect(await reader.get('run-7k3m9q2x')).toEqual(late);
    expect(await client.exists(`${hash()}:changed`)).toBe(0);
  });

  it('when a part is plain JSON (as written before parts were deflated), then it is read as it is', async () => {
    await storeWith().create(aRun());
    const plain = { ...aRun().children[1]!, status: 'TimedOut' };
    await client.hset(hash(), 'child:1', JSON.stringify(plain), 'targets', JSON.stringify(aRun().targets));
    const read = await storeWith().get('run-7k3m9q2x');
    expect(read!.children[1]).toEqual(plain);
    expect(read!.targets).toEqual(aRun().targets);
  });

  it('when a change keeps a child as it was but as a new object, then that child is not written', async () => {
    const store = storeWith();
    await store.create(aRun());
    await store.update('run-7k3m9q2x', (run) => ({
      ...withStatus(run, 0, 'InProgress'),
      children: withStatus(run, 0, 'InProgress').children.map((child) => ({ ...child })),
    }));
    expect(await client.zrange(`${hash()}:changed`, 0, -1)).toEqual(['child:0']);
  });

  it('when a record of the old layout is listed, then it is listed as the run it holds', async () => {
    const stored = aRun({ revision: 4, status: 'running' });
    await client.hset(hash(), 'json', JSON.stringify(stored), 'version', '4');
    await client.zadd(`${prefix}{runs}:recent`, Date.parse(stored.createdAt), stored.id);
    const { children: _children, ...header } = stored;
    expect(await storeWith().listRecent(1)).toEqual([
      { ...header, childCounts: { [stored.children[0]!.status]: stored.children.length } },
    ]);
  });

  it('when a listed record has no counts, then the listing rejects naming the part', async () => {
    const store = storeWith();
    await store.create(aRun());
    await client.hdel(hash(), 'counts');
    await expect(store.listRecent(1)).rejects.toThrow(/is not a run: counts is missing \(corrupt record\)/);
  });

  it('when a record of the old layout (one json field) is read, then it is the run, and the first write converts it', async () => {
    const stored = aRun({ revision: 4, status: 'running' });
    await client.hset(hash(), 'json', JSON.stringify(stored), 'version', '4');
    const store = storeWith();
    expect(await store.get('run-7k3m9q2x')).toEqual(stored);

    const updated = await store.update('run-7k3m9q2x', (run) => withStatus(run, 2, 'Failed'));
    expect(updated).toEqual({ ...withStatus(stored, 2, 'Failed'), revision: 5 });
    expect(await client.hexists(hash(), 'json')).toBe(0);
    expect(await client.hget(hash(), 'version')).toBe('5');
    expect(await storeWith().get('run-7k3m9q2x')).toEqual(updated);
  });

  it('when a child part does not parse, is missing, or cannot be placed, then reads reject naming the part', async () => {
    await storeWith().create(aRun());
    await client.hset(hash(), 'child:1', '{"accountId":');
    await expect(storeWith().get('run-7k3m9q2x')).rejects.toThrow(/\(child:1\) is not valid JSON \(corrupt/);

    await client.hdel(hash(), 'child:1');
    await expect(storeWith().get('run-7k3m9q2x')).rejects.toThrow(/is not a run: child:1 is missing/);

    const reader = storeWith();
    await client.hset(hash(), 'child:1', JSON.stringify(aRun().children[1]));
    await reader.get('run-7k3m9q2x');
    await client.hset(hash(), 'children', '1', 'version', '2');
    await client.zadd(`${hash()}:changed`, 2, 'child:1');
    await expect(reader.get('run-7k3m9q2x')).rejects.toThrow(/a part child:1 it cannot place \(corrupt/);
  });
});

describe('what a write and a read of a large run cost', () => {
  const bytes = async (field: 'total_net_input_bytes' | 'total_net_output_bytes') => {
    const stats = await client.info('stats');
    return Number(new RegExp(`${field}:(\\d+)`).exec(stats)![1]);
  };

  it('when one child of 3,000 changes, then the write sends and the next read receives about that child, not the run', async () => {
    const accounts = Array.from({ length: 1_000 }, (_, n) => ({
      id: String(100_000_000_000 + n),
      name: `member-${n}`,
    }));
    const regions = ['us-east-1', 'eu-west-1', 'ap-northeast-1'];
    const run = aRun({
      targets: { ...aRun().targets, accounts, regions },
      children: accounts.flatMap((account) =>
        regions.map((region) => ({
          accountId: account.id,
          accountName: account.name,
          region,
          status: 'InProgress' as const,
        })),
      ),
    });
    const runJsonBytes = JSON.stringify(run).length;
    const writer = storeWith();
    const reader = storeWith();
    await writer.create(run);
    await reader.get(run.id);

    const inputBefore = await bytes('total_net_input_bytes');
    await writer.update(run.id, (latest) => ({
      ...latest,
      children: latest.children.map((child, n) =>
        n === 1_234 ? { ...child, status: 'Success' as const } : child,
      ),
    }));
    const sent = (await bytes('total_net_input_bytes')) - inputBefore;

    const outputBefore = await bytes('total_net_output_bytes');
    const read = await reader.get(run.id);
    const received = (await bytes('total_net_output_bytes')) - outputBefore;

    expect(read!.children[1_234]!.status).toBe('Success');
    expect(runJsonBytes).toBeGreaterThan(300_000);
    // Each figure includes one INFO command and the header (~1 KB); the whole run would be 100 times more.
    expect(sent).toBeLessThan(runJsonBytes / 100);
    expect(received).toBeLessThan(runJsonBytes / 100);

    // A listing (`/ssm history` scans 500 runs) reads the header, targets and counts: no child.
    const listingBefore = await bytes('total_net_output_bytes');
    const [listed] = await storeWith().listRecent(1);
    const listing = (await bytes('total_net_output_bytes')) - listingBefore;
    expect(listed?.childCounts).toEqual({ InProgress: 2_999, Success: 1 });
    expect(listing).toBeLessThan(runJsonBytes / 20);
  });
});
