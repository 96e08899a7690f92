// The sandbox clock: timers run in order at the simulated time they were due, whatever the scale.
import { describe, expect, it } from 'vitest';
import { SandboxClock } from '../../src/sandbox/clock.js';

const START = new Date('2026-11-24T00:00:00Z');

describe('SandboxClock', () => {
  it('when stopped (scale 0), then time moves only through advance', () => {
    let real = 0;
    const clock = new SandboxClock(START, 0, () => real);
    real = 60_000;
    expect(clock.now()).toEqual(START);
    clock.advance(1500);
    expect(clock.nowMs()).toBe(START.getTime() + 1500);
  });

  it('when scaled, then simulated time runs that many times faster than real time', () => {
    let real = 0;
    const clock = new SandboxClock(START, 60, () => real);
    real = 1000;
    expect(clock.nowMs()).toBe(START.getTime() + 60_000);
    clock.setScale(0);
    real = 5000;
    expect(clock.nowMs()).toBe(START.getTime() + 60_000);
    clock.dispose();
  });

  it('when advancing past several timers, then each runs in due order and sees its own due time', () => {
    const clock = new SandboxClock(START, 0, () => 0);
    const seen: Array<[string, number]> = [];
    const record = (name: string) => () => seen.push([name, clock.nowMs() - START.getTime()]);
    clock.after(3000, record('c'));
    clock.after(1000, record('a'));
    clock.after(1000, record('a2'));
    clock.after(2000, () => {
      record('b')();
      clock.after(500, record('b+500'));
    });
    const cancelled = clock.after(2200, record('never'));
    cancelled.cancel();
    clock.advance(10_000);
    expect(seen).toEqual([
      ['a', 1000],
      ['a2', 1000],
      ['b', 2000],
      ['b+500', 2500],
      ['c', 3000],
    ]);
    expect(clock.nowMs() - START.getTime()).toBe(10_000);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('when timers are due later than the advance, then they wait', () => {
    const clock = new SandboxClock(START, 0, () => 0);
    let ran = false;
    clock.after(5000, () => {
      ran = true;
    });
    clock.advance(4999);
    expect(ran).toBe(false);
    expect(clock.nextDueMs()).toBe(START.getTime() + 5000);
    clock.advance(1);
    expect(ran).toBe(true);
  });
});
