// resolveRateLimit: counts and percentages of targets as a number of targets.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RateLimit } from '../../src/core/command/ssm-command.js';
import { resolveRateLimit } from '../../src/core/targets/rate-limit.js';

describe('resolveRateLimit', () => {
  it.each<[string, RateLimit, number, number]>([
    ['a count is taken as it is', { kind: 'count', value: 3 }, 10, 3],
    ['a count larger than the targets is not capped', { kind: 'count', value: 10 }, 4, 10],
    ['0 errors stays 0', { kind: 'count', value: 0 }, 10, 0],
    ['a percentage that divides evenly', { kind: 'percent', value: 25 }, 8, 2],
    ['a percentage rounds up', { kind: 'percent', value: 25 }, 9, 3],
    ['a small percentage of few targets is still 1', { kind: 'percent', value: 1 }, 3, 1],
    ['7% of 100 is 7 (no floating-point drift)', { kind: 'percent', value: 7 }, 100, 7],
    ['100% is every target', { kind: 'percent', value: 100 }, 27, 27],
    ['0% errors is 0', { kind: 'percent', value: 0 }, 27, 0],
    ['a percentage of no targets is 0', { kind: 'percent', value: 50 }, 0, 0],
  ])('when %s, then the count is right', (_case, limit, targetCount, expected) => {
    expect(resolveRateLimit(limit, targetCount)).toBe(expected);
  });

  it('when a percentage of at least 1 applies to at least one target, then at least one runs, and never more than all', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 5000 }),
        (value, targetCount) => {
          const count = resolveRateLimit({ kind: 'percent', value }, targetCount);
          expect(count).toBeGreaterThanOrEqual(1);
          expect(count).toBeLessThanOrEqual(targetCount);
          expect(count).toBe(Math.ceil((value * targetCount) / 100 - 1e-9));
        },
      ),
    );
  });
});
