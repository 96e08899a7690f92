// The ChangeStore contract, locks: all or nothing, counted only while their holder is lock-holding, released with it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../src/core/approval/change-event.js';
import type { StoredChange } from '../../src/core/approval/stored-change.js';
import type { ChangeStore } from '../../src/ports.js';
import { EXPIRES_AT, GROUPS, PEOPLE } from '../support/approval-builders.js';
import { anApprovedChange, aStoredChange } from '../support/stored-change-builder.js';
import type { ChangeStoreUnderTest } from './change-store.contract.js';
import { AN_HOUR_IN, decide, runEnded, startRun, withdrawn } from './change-store-events.js';

const lockKey = (region: string) => `AWS-RestartEC2Instance|333333333301|${region}`;
const TOKYO = lockKey('ap-northeast-1');
const VIRGINIA = lockKey('us-east-1');
const IRELAND = lockKey('eu-west-1');

/** A: Tokyo and Virginia (the builder's default). B overlaps A in Virginia; C has Ireland alone. */
const A = 'chg-aaaa1111';
const B = 'chg-bbbb2222';
const C = 'chg-cccc3333';
const A_KEYS = [TOKYO, VIRGINIA];
const B_KEYS = [IRELAND, VIRGINIA];

const approved = (id: string, lockKeys: string[]) => anApprovedChange({ request: { id }, lockKeys });
const withStatus = (id: string, request: Partial<StoredChange['request']>) =>
  aStoredChange({ request: { id, ...request }, lockKeys: A_KEYS });
const held = (id: string) =>
  anApprovedChange({
    request: {
      id,
      status: 'held',
      held: { at: AN_HOUR_IN.toISOString() },
    },
    lockKeys: A_KEYS,
  });
const calendarOpen: ChangeEvent = {
  type: 'calendar-checked',
  state: 'OPEN',
  calendars: ['ProductionFreeze'],
  at: AN_HOUR_IN,
};
const bobRejects: ChangeEvent = {
  type: 'reject',
  voter: PEOPLE.bob,
  voterGroups: [GROUPS.sreLeads],
  reason: 'Not during the sale.',
  at: AN_HOUR_IN,
};
const expiry: ChangeEvent = { type: 'expire', at: new Date(EXPIRES_AT) };

export function describeChangeLocksContract(
  name: string,
  makeStore: () => Promise<ChangeStoreUnderTest>,
): void {
  describe(`ChangeStore contract, locks: ${name}`, () => {
    let subject: ChangeStoreUnderTest;
    let store: ChangeStore;
    beforeEach(async () => {
      subject = await makeStore();
      store = subject.store;
    });
    afterEach(() => subject.cleanup());

    /** Runs `events` against change `id`, each of which must change it. */
    const move = async (id: string, ...events: ChangeEvent[]) => {
      for (const event of events) {
        expect((await store.transition(id, decide(event))).kind).toBe('changed');
      }
    };

    it('when an approved change takes its locks, then it holds them, and may take them again', async () => {
      await store.create(approved(A, A_KEYS));
      expect(await store.acquireLocks(A, A_KEYS)).toEqual({ kind: 'acquired' });
      expect(await store.lockHolder([IRELAND, VIRGINIA])).toBe(A);
      expect(await store.lockHolder(A_KEYS, A)).toBeUndefined();
      expect(await store.acquireLocks(A, A_KEYS)).toEqual({ kind: 'acquired' });
      expect(await store.lockHolder([TOKYO])).toBe(A);
    });

    it('when another lock-holding change holds one of the keys, then the whole set is refused naming it', async () => {
      await store.create(approved(A, A_KEYS));
      await store.create(approved(B, B_KEYS));
      await store.acquireLocks(A, A_KEYS);
      expect(await store.acquireLocks(B, B_KEYS)).toEqual({ kind: 'held', by: A });
      // All or nothing: B did not take Ireland, which nobody held.
      expect(await store.lockHolder([IRELAND])).toBeUndefined();
      expect(await store.lockHolder(B_KEYS, A)).toBeUndefined();
    });

    it.each([
      ['approved', () => approved(A, A_KEYS), [] as ChangeEvent[]],
      ['held', () => held(A), []],
      ['released from hold', () => held(A), [calendarOpen]],
      ['started, its run not ended', () => approved(A, A_KEYS), [startRun('run-aaaa1111')]],
    ])('when the holder is %s, then its locks still hold', async (_, change, events) => {
      await store.create(change());
      await store.create(approved(B, B_KEYS));
      await store.acquireLocks(A, A_KEYS);
      await move(A, ...events);
      expect(await store.acquireLocks(B, B_KEYS)).toEqual({ kind: 'held', by: A });
      expect(await store.lockHolder(B_KEYS)).toBe(A);
    });

    it.each([
      ['withdrawn', () => approved(A, A_KEYS), [withdrawn]],
      ['rejected (a pending change never held)', () => withStatus(A, {}), [bobRejects]],
      ['expired while held', () => held(A), [expiry]],
      ['started and its run ended', () => approved(A, A_KEYS), [startRun('run-aaaa1111'), runEnded]],
    ])('when the holder is %s, then its locks no longer block anyone', async (_, change, events) => {
      await store.create(change());
      await store.create(approved(B, B_KEYS));
      expect(await store.acquireLocks(A, A_KEYS)).toEqual({ kind: 'acquired' });
      await move(A, ...events);
      expect(await store.lockHolder(A_KEYS)).toBeUndefined();
      expect(await store.acquireLocks(B, B_KEYS)).toEqual({ kind: 'acquired' });
      expect(await store.lockHolder(A_KEYS)).toBe(B);
    });

    it('when a pending change takes locks, then they do not count until it is approved and takes them again', async () => {
      await store.create(withStatus(A, {}));
      expect(await store.acquireLocks(A, A_KEYS)).toEqual({ kind: 'acquired' });
      expect(await store.lockHolder(A_KEYS)).toBeUndefined();
    });

    it('when a change is withdrawn, then others can take its locks and its later transitions leave theirs', async () => {
      await store.create(approved(A, A_KEYS));
      await store.create(approved(B, B_KEYS));
      await store.create(approved(C, [IRELAND]));
      await store.acquireLocks(A, A_KEYS);
      await store.transition(A, decide(withdrawn));
      expect(await store.lockHolder(A_KEYS)).toBeUndefined();
      expect(await store.acquireLocks(C, [IRELAND])).toEqual({ kind: 'acquired' });
      expect(await store.acquireLocks(B, B_KEYS)).toEqual({ kind: 'held', by: C });
      await store.transition(C, decide(withdrawn));
      expect(await store.acquireLocks(B, B_KEYS)).toEqual({ kind: 'acquired' });
      await store.transition(A, decide(withdrawn));
      expect(await store.lockHolder([VIRGINIA])).toBe(B);
      expect(await store.lockHolder([IRELAND])).toBe(B);
    });

    it('when there are no keys, then nothing holds them and taking them succeeds', async () => {
      await store.create(approved(A, A_KEYS));
      expect(await store.acquireLocks(A, [])).toEqual({ kind: 'acquired' });
      expect(await store.lockHolder([])).toBeUndefined();
    });

    it('when a change takes a key not among its lockKeys, or does not exist, then acquireLocks rejects', async () => {
      await store.create(approved(A, A_KEYS));
      await expect(store.acquireLocks(A, [TOKYO, IRELAND])).rejects.toThrow(
        /eu-west-1.*not one of its lockKeys/,
      );
      await expect(store.acquireLocks('chg-zzzz9999', A_KEYS)).rejects.toThrow(/chg-zzzz9999/);
      expect(await store.lockHolder([TOKYO])).toBeUndefined();
    });
  });
}
