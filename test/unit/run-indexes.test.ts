import { describe, expect, it } from 'vitest';
import { addedExecutionIds } from '../../src/store/run-indexes.js';
import { aRun } from '../support/builders.js';

describe('addedExecutionIds', () => {
  const withIds = (ids: Array<string | undefined>, parentExecutionId?: string) => {
    const run = aRun({ parentExecutionId });
    return {
      ...run,
      children: run.children.map((child, index) =>
        ids[index] ? { ...child, executionId: ids[index] } : child,
      ),
    };
  };

  it('when children and the parent gain execution ids, then exactly the new ones are listed', () => {
    const before = withIds(['e-1']);
    const after = {
      ...withIds(['e-1', 'e-2', undefined, 'e-4'], 'p-1'),
      children: [before.children[0]!, ...withIds(['e-1', 'e-2', undefined, 'e-4']).children.slice(1)],
    };
    expect(addedExecutionIds(before, after).sort()).toEqual(['e-2', 'e-4', 'p-1']);
  });

  it('when a child is a new object with the id it had, then nothing is listed', () => {
    const before = withIds(['e-1', 'e-2'], 'p-1');
    const after = {
      ...before,
      children: before.children.map((child) => ({ ...child, status: 'Success' as const })),
    };
    expect(addedExecutionIds(before, after)).toEqual([]);
  });
});
