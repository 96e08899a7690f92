import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type NamedStoppable, stopWithin } from '../../src/cli/stop-within.js';

/** A part whose orderly close ends when the test says so (or never), recording what was called, in order. */
function part(name: string, calls: string[], closes: 'at-once' | 'never' | 'throws'): NamedStoppable {
  return {
    name,
    close: () => {
      calls.push(`close ${name}`);
      if (closes === 'at-once') return Promise.resolve();
      if (closes === 'throws') return Promise.reject(new Error(`${name} failed to close`));
      return new Promise(() => {});
    },
    forceClose: () => {
      calls.push(`force ${name}`);
    },
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('stopWithin', () => {
  it('closes the parts one after another, in order, and abandons nothing when they all close in time', async () => {
    const calls: string[] = [];
    const outcome = await stopWithin([part('bot', calls, 'at-once'), part('redis', calls, 'at-once')], 1_000);
    expect(outcome).toEqual({ abandoned: [], failures: [] });
    expect(calls).toEqual(['close bot', 'close redis']);
  });

  it('force-closes the part that hangs and every part after it once the deadline passes', async () => {
    const calls: string[] = [];
    const stopping = stopWithin(
      [part('bot', calls, 'at-once'), part('worker', calls, 'never'), part('redis', calls, 'at-once')],
      1_000,
    );
    await vi.advanceTimersByTimeAsync(999);
    expect(calls).toEqual(['close bot', 'close worker']);
    await vi.advanceTimersByTimeAsync(1);
    expect(await stopping).toEqual({ abandoned: ['worker', 'redis'], failures: [] });
    expect(calls).toEqual(['close bot', 'close worker', 'force worker', 'force redis']);
  });

  it('counts a close that throws as closed, reports the error, and goes on with the next part', async () => {
    const calls: string[] = [];
    const outcome = await stopWithin([part('bot', calls, 'throws'), part('redis', calls, 'at-once')], 1_000);
    expect(outcome.abandoned).toEqual([]);
    expect(outcome.failures).toEqual([{ part: 'bot', error: new Error('bot failed to close') }]);
    expect(calls).toEqual(['close bot', 'close redis']);
  });
});
