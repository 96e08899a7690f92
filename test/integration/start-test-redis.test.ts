// The test Redis launcher: a private, non-persistent redis-server that leaves nothing behind, or an external one.
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRedis, type TestRedis } from '../support/redis.js';

describe('startTestRedis', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startTestRedis();
  });
  afterAll(() => redis.stop());

  it('when started, then it listens on loopback only and persists nothing', async () => {
    const client = redis.client();
    expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
    expect(await client.config('GET', 'save')).toEqual(['save', '']);
    expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'no']);
    expect(await client.config('GET', 'bind')).toEqual(['bind', '127.0.0.1']);
    expect(await client.config('GET', 'protected-mode')).toEqual(['protected-mode', 'yes']);
  });

  it('when flushed, then every key is gone', async () => {
    const client = redis.client();
    await client.set('left-over', '1');
    await redis.flush();
    expect(await client.dbsize()).toBe(0);
  });

  it('when stopped, then its clients are closed, the server is gone and its directory removed', async () => {
    const own = await startTestRedis();
    const client = own.client();
    const [, dir] = (await client.config('GET', 'dir')) as [string, string];
    expect(existsSync(dir)).toBe(true);
    await own.stop();
    expect(client.status).toBe('end');
    expect(existsSync(dir)).toBe(false);
    expect(await connectionError(own.port)).toBe('ECONNREFUSED');
  });

  it('when REDIS_URL_FOR_TESTS is set, then it uses database 15 there and leaves that Redis running', async () => {
    const previous = process.env.REDIS_URL_FOR_TESTS;
    process.env.REDIS_URL_FOR_TESTS = redis.url;
    try {
      const external = await startTestRedis();
      expect(external.url).toBe(`redis://127.0.0.1:${redis.port}/15`);
      const client = external.client();
      await client.set('in-db-15', '1');
      await redis.client().set('in-db-0', '1');
      await external.flush();
      expect(await client.dbsize()).toBe(0);
      await external.stop();
      expect(await redis.client().get('in-db-0')).toBe('1');
    } finally {
      if (previous === undefined) delete process.env.REDIS_URL_FOR_TESTS;
      else process.env.REDIS_URL_FOR_TESTS = previous;
    }
  });
});

function connectionError(port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(undefined);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code));
  });
}
