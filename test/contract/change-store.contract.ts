// The ChangeStore contract, records and transitions: what every implementation (memory, Redis) must do.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredChange } from '../../src/core/approval/stored-change.js';
import type { ChangeStore, ChangeTransition } from '../../src/ports.js';
import { CREATED_AT, PEOPLE } from '../support/approval-builders.js';
import { anApprovedChange, aStoredChange } from '../support/stored-change-builder.js';
import {
  AN_HOUR_IN,
  approveBy,
  bobApproves,
  decide,
  oneLevelOf,
  startRun,
  voters,
  withdrawn,
} from './change-store-events.js';

export interface ChangeStoreUnderTest {
  store: ChangeStore;
  cleanup(): Promise<void>;
}

const kinds = (results: ChangeTransition[]) => results.map((result) => result.kind);
const changedOnes = (results: ChangeTransition[]) =>
  results.flatMap((result) => (result.kind === 'changed' ? [result] : []));

export function describeChangeStoreContract(
  name: string,
  makeStore: () => Promise<ChangeStoreUnderTest>,
): void {
  describe(`ChangeStore contract: ${name}`, () => {
    let subject: ChangeStoreUnderTest;
    let store: ChangeStore;
    beforeEach(async () => {
      subject = await makeStore();
      store = subject.store;
    });
    afterEach(() => subject.cleanup());

    describe('create and get', () => {
      it('when a change is created, then get returns an equal change', async () => {
        await store.create(aStoredChange());
        expect(await store.get('chg-4f7h2k9p')).toEqual(aStoredChange());
      });

      it('when a change is created twice with the same id, then the second create rejects naming the id', async () => {
        await store.create(aStoredChange({ request: { reason: 'first' } }));
        await expect(store.create(aStoredChange({ request: { reason: 'second' } }))).rejects.toThrow(
          /chg-4f7h2k9p/,
        );
        expect((await store.get('chg-4f7h2k9p'))?.request.reason).toBe('first');
      });

      it('when no change has the id, then get resolves to undefined', async () => {
        expect(await store.get('chg-zzzz9999')).toBeUndefined();
      });

      it('when objects given to or returned by the store are mutated, then the stored change is unchanged', async () => {
        const change = aStoredChange();
        await store.create(change);
        change.request.status = 'rejected';
        const got = await store.get('chg-4f7h2k9p');
        got!.lockKeys.push('AWS-RestartEC2Instance|333333333301|eu-west-1');
        const result = await store.transition('chg-4f7h2k9p', decide(bobApproves));
        if (result.kind === 'changed') result.change.request.votes.length = 0;
        const [listed] = await store.listRecent(1);
        listed!.slack.approvalsChannel = 'C0ELSEWHERE';
        const stored = await store.get('chg-4f7h2k9p');
        expect(stored?.request.votes.map((vote) => vote.userId)).toEqual([PEOPLE.bob]);
        expect({ ...stored, request: aStoredChange().request }).toEqual(aStoredChange());
      });
    });

    describe('transition', () => {
      it('when the decision changes the request, then it is stored and returned with the outcome', async () => {
        await store.create(aStoredChange());
        const result = await store.transition('chg-4f7h2k9p', decide(bobApproves));
        expect(result).toMatchObject({ kind: 'changed', outcome: 'level-approved' });
        const change = (result as Extract<ChangeTransition, { kind: 'changed' }>).change;
        expect(change.request).toMatchObject({ level: 1, version: 2, updatedAt: AN_HOUR_IN.toISOString() });
        expect({ ...change, request: aStoredChange().request }).toEqual(aStoredChange());
        expect(await store.get('chg-4f7h2k9p')).toEqual(change);
      });

      it('when the decision is a refusal, then it is returned and nothing is stored', async () => {
        await store.create(aStoredChange());
        const result = await store.transition('chg-4f7h2k9p', decide(approveBy(PEOPLE.mallory)));
        expect(result).toMatchObject({ kind: 'refused', refusal: { code: 'not-eligible' } });
        expect(await store.get('chg-4f7h2k9p')).toEqual(aStoredChange());
      });

      it('when decide mutates its argument and refuses, then the stored change is untouched', async () => {
        await store.create(aStoredChange());
        await store.transition('chg-4f7h2k9p', (change) => {
          change.request.status = 'withdrawn';
          change.lockKeys.length = 0;
          return { kind: 'refused', refusal: { code: 'already-ended' } };
        });
        expect(await store.get('chg-4f7h2k9p')).toEqual(aStoredChange());
      });

      it('when no change has the id, then it is missing and decide is never called', async () => {
        let calls = 0;
        const result = await store.transition('chg-zzzz9999', (change) => {
          calls++;
          return decide(bobApproves)(change);
        });
        expect(result).toEqual({ kind: 'missing' });
        expect(calls).toBe(0);
      });

      it.each([
        ['skips a version', { version: 3 }, /version 1 to 2/],
        ['changes the id', { id: 'chg-other222' }, /id/],
        ['changes createdAt', { createdAt: '2026-01-01T00:00:00.000Z' }, /createdAt/],
      ])(
        'when the decided request %s, then transition rejects and nothing is stored',
        async (_, fields, error) => {
          await store.create(aStoredChange());
          await expect(
            store.transition('chg-4f7h2k9p', (change) => ({
              kind: 'changed',
              request: { ...change.request, version: change.request.version + 1, ...fields },
              outcome: 'vote-recorded',
            })),
          ).rejects.toThrow(error);
          expect(await store.get('chg-4f7h2k9p')).toEqual(aStoredChange());
        },
      );

      it('when 20 starts race, then exactly one starts the change and the others are refused as already started', async () => {
        await store.create(anApprovedChange());
        const runIds = Array.from({ length: 20 }, (_, n) => `run-race${String(n).padStart(4, '0')}`);
        const results = await Promise.all(
          runIds.map((runId) => store.transition('chg-4f7h2k9p', decide(startRun(runId)))),
        );
        const [winner, ...others] = changedOnes(results);
        expect(others).toEqual([]);
        expect(winner?.outcome).toBe('started');
        expect(
          results.filter((result) => result.kind === 'refused').map((result) => result.refusal.code),
        ).toEqual(Array(19).fill('already-started'));
        const runId = winner?.change.request.runId;
        expect(runIds).toContain(runId);
        expect((await store.get('chg-4f7h2k9p'))?.request).toMatchObject({
          status: 'started',
          runId,
          version: 4,
        });
      });

      it('when 20 eligible people approve at once and one approval is enough, then exactly one approves it', async () => {
        const people = voters(20);
        const template = oneLevelOf(people, 1);
        await store.create(aStoredChange());
        const results = await Promise.all(
          people.map((voter) => store.transition('chg-4f7h2k9p', decide(approveBy(voter), template))),
        );
        const [winner, ...others] = changedOnes(results);
        expect(others).toEqual([]);
        expect(winner?.outcome).toBe('approved');
        expect(kinds(results).filter((kind) => kind === 'refused')).toHaveLength(19);
        expect(
          results.filter((result) => result.kind === 'refused').map((result) => result.refusal.code),
        ).toEqual(Array(19).fill('not-pending'));
        const stored = await store.get('chg-4f7h2k9p');
        expect(stored?.request).toMatchObject({ status: 'approved', version: 2 });
        expect(stored?.request.votes).toEqual(winner?.change.request.votes);
      });

      it('when 20 people approve at once and all 20 are needed, then every vote lands and the last approves', async () => {
        const people = voters(20);
        const template = oneLevelOf(people, 20);
        await store.create(aStoredChange());
        const results = await Promise.all(
          people.map((voter) => store.transition('chg-4f7h2k9p', decide(approveBy(voter), template))),
        );
        expect(kinds(results)).toEqual(Array(20).fill('changed'));
        const outcomes = changedOnes(results).map((result) => result.outcome);
        expect(outcomes.filter((outcome) => outcome === 'approved')).toHaveLength(1);
        const stored = await store.get('chg-4f7h2k9p');
        expect(stored?.request).toMatchObject({ status: 'approved', version: 21 });
        expect(stored?.request.votes.map((vote) => vote.userId).sort()).toEqual(people);
      });
    });

    describe('listOpen and listRecent', () => {
      const minute = (m: number) => new Date(Date.parse(CREATED_AT) + m * 60_000).toISOString();
      const created = (id: string, m: number, base: StoredChange = aStoredChange()) =>
        aStoredChange({
          ...base,
          request: { ...base.request, id, createdAt: minute(m), updatedAt: minute(m) },
        });
      const withRequest = (request: Partial<StoredChange['request']>) => aStoredChange({ request });
      const ids = (changes: StoredChange[]) => changes.map((change) => change.request.id);

      beforeEach(async () => {
        // Created out of order, in every status.
        await store.create(created('chg-pending3', 3));
        await store.create(created('chg-approve1', 1, anApprovedChange()));
        await store.create(
          created('chg-started5', 5, withRequest({ status: 'started', runId: 'run-aaaa5555' })),
        );
        await store.create(created('chg-pending0', 0));
        await store.create(
          created('chg-held0004', 4, withRequest({ status: 'held', held: { at: minute(4) } })),
        );
        await store.create(
          created(
            'chg-reject02',
            2,
            withRequest({ status: 'rejected', rejection: { by: PEOPLE.bob, at: minute(2) } }),
          ),
        );
        await store.create(created('chg-expire06', 6, withRequest({ status: 'expired' })));
      });

      it('when changes exist, then listOpen gives the pending, approved and held ones oldest first, at most `limit`', async () => {
        expect(ids(await store.listOpen(10))).toEqual([
          'chg-pending0',
          'chg-approve1',
          'chg-pending3',
          'chg-held0004',
        ]);
        expect(ids(await store.listOpen(2))).toEqual(['chg-pending0', 'chg-approve1']);
        expect(await store.listOpen(0)).toEqual([]);
      });

      it('when changes exist, then listRecent gives all of them newest first, at most `limit`', async () => {
        expect(ids(await store.listRecent(10))).toEqual([
          'chg-expire06',
          'chg-started5',
          'chg-held0004',
          'chg-pending3',
          'chg-reject02',
          'chg-approve1',
          'chg-pending0',
        ]);
        expect(ids(await store.listRecent(2))).toEqual(['chg-expire06', 'chg-started5']);
        expect(await store.listRecent(0)).toEqual([]);
      });

      it('when changes start, close or move on, then listOpen follows and both lists show their latest version', async () => {
        await store.transition('chg-approve1', decide(startRun('run-aaaa1111')));
        await store.transition('chg-pending0', decide(withdrawn));
        await store.transition('chg-pending3', decide(bobApproves));
        await store.transition(
          'chg-held0004',
          decide({
            type: 'calendar-checked',
            state: 'OPEN',
            calendars: ['ProductionFreeze'],
            at: AN_HOUR_IN,
          }),
        );
        const open = await store.listOpen(10);
        expect(ids(open)).toEqual(['chg-pending3', 'chg-held0004']);
        expect(open.map((change) => change.request.version)).toEqual([2, 2]);
        expect(open[1]?.request.status).toBe('approved');
        const recent = await store.listRecent(10);
        expect(recent.find((change) => change.request.id === 'chg-pending0')?.request.status).toBe(
          'withdrawn',
        );
        expect(ids(recent).at(-1)).toBe('chg-pending0');
      });

      it('when no changes exist, then both lists are empty', async () => {
        const empty = await makeStore();
        try {
          expect(await empty.store.listOpen(10)).toEqual([]);
          expect(await empty.store.listRecent(10)).toEqual([]);
        } finally {
          await empty.cleanup();
        }
      });
    });
  });
}
