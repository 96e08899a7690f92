// The RunStore contract: what every implementation (memory, Redis) must do, run by run-store.test.ts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChildExecution, Run } from '../../src/core/run/run.js';
import type { RunStore } from '../../src/ports.js';
import { aRun } from '../support/builders.js';

export interface RunStoreUnderTest {
  store: RunStore;
  cleanup(): Promise<void>;
}

/** An SSM automation execution id (a UUID), distinct per `n`. */
const executionId = (n: number) => `4f0c6a7e-1b2d-4c3e-8f9a-${String(n).padStart(12, '0')}`;

const aChildStarted = (n: number): ChildExecution => ({
  accountId: '333333333301',
  accountName: 'payments-prod',
  region: 'ap-northeast-1',
  status: 'InProgress',
  executionId: executionId(n),
  startedAt: '2025-06-02T01:00:05.000Z',
});

export function describeRunStoreContract(name: string, makeStore: () => Promise<RunStoreUnderTest>): void {
  describe(`RunStore contract: ${name}`, () => {
    let subject: RunStoreUnderTest;
    let store: RunStore;
    beforeEach(async () => {
      subject = await makeStore();
      store = subject.store;
    });
    afterEach(() => subject.cleanup());

    describe('create and get', () => {
      it('when a run is created, then get returns an equal run', async () => {
        const run = aRun();
        await store.create(run);
        expect(await store.get(run.id)).toEqual(run);
      });

      it('when a run is created twice with the same id, then the second create says it exists and writes nothing', async () => {
        expect(await store.create(aRun({ id: 'run-aaaa2222', reason: 'first' }))).toBe('created');
        expect(await store.create(aRun({ id: 'run-aaaa2222', reason: 'second' }))).toBe('exists');
        expect((await store.get('run-aaaa2222'))?.reason).toBe('first');
      });

      it('when no run has the id, then get resolves to undefined', async () => {
        expect(await store.get('run-zzzz9999')).toBeUndefined();
      });
    });

    describe('update', () => {
      it('when the change returns a new run, then update resolves to it and get returns the same', async () => {
        await store.create(aRun());
        const updated = await store.update('run-7k3m9q2x', (run) => ({
          ...run,
          status: 'running',
          updatedAt: '2025-06-02T01:00:07.000Z',
          parentExecutionId: executionId(0),
        }));
        expect(updated).toEqual(
          aRun({
            revision: 2,
            status: 'running',
            updatedAt: '2025-06-02T01:00:07.000Z',
            parentExecutionId: executionId(0),
          }),
        );
        expect(await store.get('run-7k3m9q2x')).toEqual(updated);
      });

      it('when a run is written, then its revision is one more than the one stored, whatever the change says', async () => {
        await store.create(aRun({ revision: 1 }));
        await store.update('run-7k3m9q2x', (run) => ({ ...run, status: 'running' }));
        const forged = await store.update('run-7k3m9q2x', (run) => ({
          ...run,
          revision: 99,
          status: 'failed',
        }));
        const untouched = await store.update('run-7k3m9q2x', () => undefined);

        expect([forged?.revision, untouched?.revision, (await store.get('run-7k3m9q2x'))?.revision]).toEqual([
          3, 3, 3,
        ]);
      });

      it('when the change returns undefined, then the run is left as it was and returned', async () => {
        await store.create(aRun());
        expect(await store.update('run-7k3m9q2x', () => undefined)).toEqual(aRun());
        expect(await store.get('run-7k3m9q2x')).toEqual(aRun());
      });

      it('when the change mutates its argument but returns undefined, then the stored run is untouched', async () => {
        await store.create(aRun());
        const result = await store.update('run-7k3m9q2x', (run) => {
          run.status = 'failed';
          return undefined;
        });
        expect(result?.status).toBe('starting');
        expect((await store.get('run-7k3m9q2x'))?.status).toBe('starting');
      });

      it('when no run has the id, then update resolves to undefined without calling the change', async () => {
        let calls = 0;
        const result = await store.update('run-zzzz9999', (run) => {
          calls++;
          return run;
        });
        expect(result).toBeUndefined();
        expect(calls).toBe(0);
        expect(await store.get('run-zzzz9999')).toBeUndefined();
      });

      it('when a change alters the id or createdAt, then update rejects and the run is unchanged', async () => {
        await store.create(aRun());
        await expect(store.update('run-7k3m9q2x', (run) => ({ ...run, id: 'run-other222' }))).rejects.toThrow(
          /id/,
        );
        await expect(
          store.update('run-7k3m9q2x', (run) => ({ ...run, createdAt: '2030-01-01T00:00:00.000Z' })),
        ).rejects.toThrow(/createdAt/);
        expect(await store.get('run-7k3m9q2x')).toEqual(aRun());
        expect(await store.get('run-other222')).toBeUndefined();
      });

      it('when 20 writers each append a child at the same time, then all 20 children land', async () => {
        await store.create(aRun({ children: [] }));
        const writers = Array.from({ length: 20 }, (_, n) =>
          store.update('run-7k3m9q2x', (run) => ({ ...run, children: [...run.children, aChildStarted(n)] })),
        );
        await Promise.all(writers);
        const stored = await store.get('run-7k3m9q2x');
        expect(stored?.children.map((child) => child.executionId).sort()).toEqual(
          Array.from({ length: 20 }, (_, n) => executionId(n)).sort(),
        );
        for (let n = 0; n < 20; n++) {
          expect(await store.findRunIdByExecutionId(executionId(n))).toBe('run-7k3m9q2x');
        }
      });
      it('when 20 writers change one run at the same time, then each sees its own change alone, and one sees the end', async () => {
        await store.create(aRun({ children: [] }));
        const writers = Array.from({ length: 20 }, async (_, n) => {
          let before: Run | undefined;
          const after = await store.update('run-7k3m9q2x', (run) => {
            before = run;
            const children = [...run.children, aChildStarted(n)];
            return { ...run, children, status: children.length === 20 ? 'succeeded' : 'running' };
          });
          return { before: before!, after: after!, own: executionId(n) };
        });
        const seen = await Promise.all(writers);
        for (const { before, after, own } of seen) {
          expect(after.revision).toBe(before.revision + 1);
          expect(after.children.map((child) => child.executionId)).toEqual([
            ...before.children.map((child) => child.executionId),
            own,
          ]);
        }
        expect(new Set(seen.map(({ after }) => after.revision)).size).toBe(20);
        const sawTheEnd = seen.filter(
          ({ before, after }) => before.status !== 'succeeded' && after.status === 'succeeded',
        );
        expect(sawTheEnd).toHaveLength(1);
        expect(await store.get('run-7k3m9q2x')).toEqual(sawTheEnd[0]!.after);
      });

      it('when one of several writers at the same time throws, then only its update fails and the others land', async () => {
        await store.create(aRun({ children: [] }));
        const append = (n: number) =>
          store.update('run-7k3m9q2x', (run) => ({ ...run, children: [...run.children, aChildStarted(n)] }));
        const results = await Promise.allSettled([
          append(1),
          store.update('run-7k3m9q2x', () => {
            throw new Error('a bug in one change');
          }),
          append(2),
        ]);
        expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
        expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/a bug in one change/);
        const stored = await store.get('run-7k3m9q2x');
        expect(stored?.children.map((child) => child.executionId)).toEqual([executionId(1), executionId(2)]);
      });
    });

    describe('findRunIdByExecutionId', () => {
      it('when a run is created with a parent execution, then its id finds the run', async () => {
        await store.create(aRun({ parentExecutionId: executionId(0) }));
        expect(await store.findRunIdByExecutionId(executionId(0))).toBe('run-7k3m9q2x');
      });

      it('when an update adds the parent and child execution ids, then each of them finds the run', async () => {
        await store.create(aRun());
        await store.create(aRun({ id: 'run-bbbb3333' }));
        await store.update('run-7k3m9q2x', (run) => ({ ...run, parentExecutionId: executionId(0) }));
        await store.update('run-7k3m9q2x', (run) => ({
          ...run,
          children: run.children.map((child, n) => ({
            ...child,
            status: 'InProgress',
            executionId: executionId(n + 1),
          })),
        }));
        for (const n of [0, 1, 2, 3, 4]) {
          expect(await store.findRunIdByExecutionId(executionId(n))).toBe('run-7k3m9q2x');
        }
      });

      it('when no run owns the execution id, then it resolves to undefined', async () => {
        await store.create(aRun({ parentExecutionId: executionId(0) }));
        expect(await store.findRunIdByExecutionId(executionId(99))).toBeUndefined();
      });
    });

    describe('listRecent', () => {
      const at = (minute: number) => `2025-06-02T01:${String(minute).padStart(2, '0')}:00.000Z`;
      const createdInShuffledOrder = async () => {
        for (const minute of [3, 1, 5, 2, 4]) {
          await store.create(
            aRun({ id: `run-aaaaaaa${minute + 1}`, createdAt: at(minute), updatedAt: at(minute) }),
          );
        }
      };

      it('when runs exist, then they come newest first, at most `limit` of them', async () => {
        await createdInShuffledOrder();
        const ids = (runs: ReadonlyArray<{ id: string }>) => runs.map((run) => run.id);
        expect(ids(await store.listRecent(3))).toEqual(['run-aaaaaaa6', 'run-aaaaaaa5', 'run-aaaaaaa4']);
        expect(ids(await store.listRecent(10))).toEqual([
          'run-aaaaaaa6',
          'run-aaaaaaa5',
          'run-aaaaaaa4',
          'run-aaaaaaa3',
          'run-aaaaaaa2',
        ]);
      });

      it('when the listed runs were updated, then the list shows their latest version', async () => {
        await createdInShuffledOrder();
        await store.update('run-aaaaaaa2', (run) => ({ ...run, status: 'succeeded' }));
        const listed = await store.listRecent(10);
        expect(listed.find((run) => run.id === 'run-aaaaaaa2')?.status).toBe('succeeded');
        expect(listed.at(-1)?.id).toBe('run-aaaaaaa2');
      });

      it('when runs are listed, then each comes without its children, with how many are in each status', async () => {
        const run = aRun({
          children: [
            { ...aChildStarted(1), status: 'Success' },
            { ...aChildStarted(2), status: 'Failed' },
            { ...aChildStarted(3), status: 'Success' },
          ],
        });
        await store.create(run);
        const { children: _children, ...header } = run;
        expect(await store.listRecent(1)).toEqual([{ ...header, childCounts: { Success: 2, Failed: 1 } }]);
      });

      it('when the limit is 0 or there are no runs, then the list is empty', async () => {
        expect(await store.listRecent(10)).toEqual([]);
        await createdInShuffledOrder();
        expect(await store.listRecent(0)).toEqual([]);
      });
    });

    describe('listUnfinished', () => {
      const at = (minute: number) => `2025-06-02T01:${String(minute).padStart(2, '0')}:00.000Z`;
      const created = async (minute: number) =>
        store.create(aRun({ id: `run-bbbbbbb${minute}`, createdAt: at(minute), updatedAt: at(minute) }));

      it('when runs are created, then the unfinished ones come oldest first, at most `limit` of them', async () => {
        for (const minute of [3, 1, 2]) await created(minute);
        const ids = (runs: ReadonlyArray<{ id: string }>) => runs.map((run) => run.id);
        expect(ids(await store.listUnfinished(2))).toEqual(['run-bbbbbbb1', 'run-bbbbbbb2']);
        expect(ids(await store.listUnfinished(10))).toEqual(['run-bbbbbbb1', 'run-bbbbbbb2', 'run-bbbbbbb3']);
      });

      it('when a run becomes final, then it is no longer listed, and the others show their latest version', async () => {
        for (const minute of [1, 2]) await created(minute);
        await store.update('run-bbbbbbb1', (run) => ({ ...run, status: 'succeeded' }));
        await store.update('run-bbbbbbb2', (run) => ({ ...run, status: 'running' }));
        const listed = await store.listUnfinished(10);
        expect(listed.map((run) => [run.id, run.status])).toEqual([['run-bbbbbbb2', 'running']]);
      });

      it('when the limit is 0 or no run is unfinished, then the list is empty', async () => {
        expect(await store.listUnfinished(10)).toEqual([]);
        await created(1);
        expect(await store.listUnfinished(0)).toEqual([]);
      });
    });

    describe('isolation', () => {
      it('when the object given to create is mutated afterwards, then the stored run is unchanged', async () => {
        const run = aRun();
        await store.create(run);
        run.status = 'cancelled';
        run.children[0]!.status = 'Failed';
        expect(await store.get(run.id)).toEqual(aRun());
      });

      it('when runs returned by get, update or listRecent are mutated, then the stored run is unchanged', async () => {
        await store.create(aRun());
        // A store may hand out copies or frozen runs (the Redis store shares parsed runs): a mutation then
        // throws a TypeError; either way the stored run must not change.
        const got = await store.get('run-7k3m9q2x');
        mutateIfAllowed(() => {
          got!.children[0]!.status = 'Failed';
        });
        const updated = await store.update('run-7k3m9q2x', (run) => ({ ...run, status: 'running' }));
        mutateIfAllowed(() => updated!.children.push(aChildStarted(1)));
        const [listed] = await store.listRecent(1);
        mutateIfAllowed(() => listed!.targets.regions.push('eu-west-1'));
        expect(await store.get('run-7k3m9q2x')).toEqual(aRun({ status: 'running', revision: 2 }));
      });
    });
  });
}

/** Runs `mutate`; a TypeError (the object is frozen) counts as the store protecting itself. */
function mutateIfAllowed(mutate: () => unknown): void {
  try {
    mutate();
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
  }
}
