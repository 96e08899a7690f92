// SingleFlightCache: one read per key at a time, fresh values served, failures not cached.
import { describe, expect, it } from 'vitest';
import { freshFor, SingleFlightCache } from '../../src/cache/single-flight-cache.js';

function counting(results: Array<() => Promise<string>>) {
  let reads = 0;
  return {
    load: () => results[Math.min(reads++, results.length - 1)]!(),
    reads: () => reads,
  };
}

describe('SingleFlightCache', () => {
  it('when many ask at once, then one read serves them all', async () => {
    let resolve!: (value: string) => void;
    const source = counting([() => new Promise((done) => (resolve = done))]);
    const cache = new SingleFlightCache(source.load, { isFresh: freshFor(1000), now: () => 0 });
    const waiting = Promise.all([cache.get('k'), cache.get('k'), cache.get('k')]);
    resolve('v');
    expect(await waiting).toEqual(['v', 'v', 'v']);
    expect(source.reads()).toBe(1);
  });

  it('when the value is fresh, then it is served; once stale, it is read again', async () => {
    let now = 0;
    const source = counting([async () => 'first', async () => 'second']);
    const cache = new SingleFlightCache(source.load, { isFresh: freshFor(1000), now: () => now });
    expect(await cache.get('k')).toBe('first');
    now = 999;
    expect(await cache.get('k')).toBe('first');
    now = 1000;
    expect(await cache.get('k')).toBe('second');
    expect(source.reads()).toBe(2);
  });

  it('when a read fails, then the failure is not kept and the next call reads again', async () => {
    const source = counting([async () => Promise.reject(new Error('throttled')), async () => 'ok']);
    const cache = new SingleFlightCache(source.load, { isFresh: freshFor(1000), now: () => 0 });
    await expect(cache.get('k')).rejects.toThrow('throttled');
    expect(await cache.get('k')).toBe('ok');
  });

  it('when a key is forgotten, then it is read again; keys are independent', async () => {
    const source = counting([async () => 'a', async () => 'b', async () => 'c']);
    const cache = new SingleFlightCache(source.load, { isFresh: freshFor(1000), now: () => 0 });
    expect(await cache.get('x')).toBe('a');
    expect(await cache.get('y')).toBe('b');
    cache.forget('x');
    expect(cache.peek('x')).toBeUndefined();
    expect(await cache.get('x')).toBe('c');
  });
});
