// The ExecutionTracker contract, run against every implementation: entries per location, the set of locations
// in use, and finding an execution's location by id.
import { beforeEach, describe, expect, it } from 'vitest';
import type { TrackedEntry } from '../../src/core/tracking/tracked-location.js';
import type { ExecutionTracker } from '../../src/ports.js';

const TOKYO = { accountId: '333333333301', region: 'ap-northeast-1' };
const VIRGINIA = { accountId: '333333333301', region: 'us-east-1' };
const child: Extract<TrackedEntry, { kind: 'execution' }> = {
  kind: 'execution',
  executionId: 'e-1',
  runId: 'run-a',
};
const children: TrackedEntry = { kind: 'children', parentExecutionId: 'p-1', runId: 'run-b' };

/** `make` gives a tracker of its own (a fresh key prefix for Redis) for each test. */
export function describeExecutionTrackerContract(name: string, make: () => Promise<ExecutionTracker>): void {
  describe(`ExecutionTracker contract: ${name}`, () => {
    let tracker: ExecutionTracker;
    beforeEach(async () => {
      tracker = await make();
    });

    it('when entries are tracked, then the location lists them and is in use', async () => {
      await tracker.track(TOKYO, [child, children]);
      expect(await tracker.entries(TOKYO)).toEqual(expect.arrayContaining([child, children]));
      expect(await tracker.entries(VIRGINIA)).toEqual([]);
      expect(await tracker.locations()).toEqual([TOKYO]);
    });

    it('when an entry is tracked again, then it replaces the old one (a new fingerprint)', async () => {
      await tracker.track(TOKYO, [child]);
      await tracker.track(TOKYO, [{ ...child, fingerprint: 'Success|' }]);
      expect(await tracker.entries(TOKYO)).toEqual([{ ...child, fingerprint: 'Success|' }]);
    });

    it('when the last entry is untracked, then the location is no longer in use and the execution not found', async () => {
      await tracker.track(TOKYO, [child, children]);
      await tracker.track(VIRGINIA, [{ ...child, executionId: 'e-2' }]);
      expect(await tracker.find('e-1')).toEqual({ location: TOKYO, entry: child });
      await tracker.untrack(TOKYO, ['e:e-1']);
      expect(await tracker.find('e-1')).toBeUndefined();
      expect(await tracker.locations()).toHaveLength(2);
      await tracker.untrack(TOKYO, ['p:p-1']);
      expect(await tracker.locations()).toEqual([VIRGINIA]);
    });
  });
}
