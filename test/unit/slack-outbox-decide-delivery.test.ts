// The outbox's pure decisions: what a delivery job does next with a message, and how long an upsert's job waits.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DELIVERY_SETTINGS,
  decideDelivery,
  isSettled,
  upsertDelayMs,
} from '../../src/slack/outbox/decide-delivery.js';
import type { OutboxRecord, ParentState } from '../../src/slack/outbox/outbox-record.js';

const NOW = 1_750_000_000_000;
const settings = DEFAULT_DELIVERY_SETTINGS;

const aRecord = (overrides: Partial<OutboxRecord> = {}): OutboxRecord => ({
  key: 'run:run-7k3m9q2x:parent',
  channel: 'C0OPS00001',
  broadcast: false,
  postOnly: false,
  final: false,
  content: { text: 'Run started' },
  version: 1,
  delivered: 0,
  generation: 1,
  scheduled: true,
  createdAt: NOW - 10,
  ...overrides,
});
const aReply = (overrides: Partial<OutboxRecord> = {}) =>
  aRecord({
    key: 'run:run-7k3m9q2x:child:333333333301:ap-northeast-1',
    threadOf: 'run:run-7k3m9q2x:parent',
    ...overrides,
  });
const posted = (overrides: Partial<OutboxRecord> = {}) =>
  aRecord({ ts: '1750000000.000100', delivered: 1, lastSentAt: NOW - 1_000, ...overrides });
const PARENT: ParentState = { ts: '1750000000.000100', gaveUp: false };

describe('decideDelivery: a first delivery leased to a caller', () => {
  const leased = aRecord({ leaseUntil: NOW + 4_000 });

  it('when a job finds the lease running, then it waits until the lease ends', () => {
    expect(decideDelivery(leased, undefined, NOW, settings)).toEqual({
      kind: 'wait',
      untilMs: NOW + 4_000,
      reason: 'lease',
    });
    expect(upsertDelayMs(leased, NOW, settings)).toBe(4_000);
  });

  it('when the caller holding the lease decides, then it posts', () => {
    expect(decideDelivery(leased, undefined, NOW, settings, true)).toEqual({ kind: 'post', version: 1 });
  });

  it('when the lease has passed (its holder died mid-post), then the job looks for that post first', () => {
    const abandoned = aRecord({ leaseUntil: NOW - 1, posting: { at: NOW - 6_000, version: 1 } });
    expect(decideDelivery(abandoned, undefined, NOW, settings)).toEqual({
      kind: 'find-earlier-post',
      sinceMs: NOW - 6_000,
      version: 1,
    });
  });
});

describe('decideDelivery: posting', () => {
  it('when a message was never posted, then it is posted at once', () => {
    expect(decideDelivery(aRecord(), undefined, NOW, settings)).toEqual({ kind: 'post', version: 1 });
  });

  it('when a reply’s parent is posted, then the reply is posted in its thread', () => {
    expect(decideDelivery(aReply(), PARENT, NOW, settings)).toEqual({
      kind: 'post',
      version: 1,
      threadTs: PARENT.ts,
    });
  });

  it('when a reply’s parent has no ts yet, then the reply waits, checking sooner the less it has waited', () => {
    const fresh = decideDelivery(aReply({ createdAt: NOW }), { gaveUp: false }, NOW, settings);
    const older = decideDelivery(aReply({ createdAt: NOW - 4_000 }), undefined, NOW, settings);
    const old = decideDelivery(aReply({ createdAt: NOW - 600_000 }), undefined, NOW, settings);
    expect(fresh).toEqual({ kind: 'wait', untilMs: NOW + 100, reason: 'parent' });
    expect(older).toEqual({ kind: 'wait', untilMs: NOW + 2_000, reason: 'parent' });
    expect(old).toEqual({ kind: 'wait', untilMs: NOW + 5_000, reason: 'parent' });
  });

  it('when a reply’s parent was refused, then the reply gives up', () => {
    expect(decideDelivery(aReply({ version: 2 }), { gaveUp: true }, NOW, settings)).toEqual({
      kind: 'give-up',
      version: 2,
      reason: 'parent_not_posted',
    });
  });

  it('when a reply has waited for its parent longer than the limit, then it gives up', () => {
    const record = aReply({ createdAt: NOW - settings.parentWaitLimitMs });
    expect(decideDelivery(record, undefined, NOW, settings)).toMatchObject({
      kind: 'give-up',
      reason: 'parent_wait_expired',
    });
  });

  it('when a post was begun and its ts never recorded, then the earlier post is looked for first', () => {
    const record = aReply({ version: 3, posting: { at: NOW - 5_000, version: 2 } });
    expect(decideDelivery(record, PARENT, NOW, settings)).toEqual({
      kind: 'find-earlier-post',
      sinceMs: NOW - 5_000,
      version: 3,
      threadTs: PARENT.ts,
    });
  });

  it('when a refused post gets a new version inside the window, then it waits for the window', () => {
    const record = aRecord({
      version: 2,
      gaveUp: { version: 1, reason: 'invalid_blocks' },
      lastSentAt: NOW - 1_000,
    });
    expect(decideDelivery(record, undefined, NOW, settings)).toEqual({
      kind: 'wait',
      untilMs: NOW + 2_000,
      reason: 'coalescing',
    });
    expect(decideDelivery(record, undefined, NOW + 2_000, settings)).toEqual({ kind: 'post', version: 2 });
  });
});

describe('decideDelivery: editing', () => {
  it('when Slack shows the latest version, then it is settled', () => {
    expect(decideDelivery(posted(), undefined, NOW, settings)).toEqual({ kind: 'settled' });
  });

  it('when a newer version arrives inside the window, then the edit waits for the window to end', () => {
    expect(decideDelivery(posted({ version: 2 }), undefined, NOW, settings)).toEqual({
      kind: 'wait',
      untilMs: NOW + 2_000,
      reason: 'coalescing',
    });
  });

  it('when the message asks for a slower pace than the window, then a newer version waits for that pace, and a final one does not', () => {
    const slow = posted({ version: 2, editEveryMs: 20_000 });
    expect(decideDelivery(slow, undefined, NOW + 2_000, settings)).toEqual({
      kind: 'wait',
      untilMs: NOW + 19_000,
      reason: 'coalescing',
    });
    expect(upsertDelayMs(slow, NOW, settings)).toBe(19_000);
    expect(decideDelivery(slow, undefined, NOW + 19_000, settings)).toMatchObject({ kind: 'edit' });
    expect(decideDelivery({ ...slow, final: true }, undefined, NOW, settings)).toMatchObject({
      kind: 'edit',
    });
    // A pace faster than the outbox's own window does not shorten it.
    expect(decideDelivery(posted({ version: 2, editEveryMs: 500 }), undefined, NOW, settings)).toMatchObject({
      kind: 'wait',
      untilMs: NOW + 2_000,
    });
  });

  it('when the window has passed, then the latest version is edited in', () => {
    expect(decideDelivery(posted({ version: 5 }), undefined, NOW + 2_000, settings)).toEqual({
      kind: 'edit',
      version: 5,
      ts: '1750000000.000100',
    });
  });

  it('when the latest version is final, then it is edited in at once, inside the window', () => {
    expect(decideDelivery(posted({ version: 2, final: true }), undefined, NOW, settings)).toMatchObject({
      kind: 'edit',
      version: 2,
    });
  });

  it('when a postOnly message is posted, then later versions change nothing', () => {
    expect(decideDelivery(posted({ postOnly: true, version: 2 }), undefined, NOW, settings)).toEqual({
      kind: 'settled',
    });
  });

  it('when the latest version was refused, then it is settled', () => {
    const record = posted({ version: 2, gaveUp: { version: 2, reason: 'msg_too_long' } });
    expect(isSettled(record)).toBe(true);
    expect(decideDelivery(record, undefined, NOW + 60_000, settings)).toEqual({ kind: 'settled' });
  });
});

describe('upsertDelayMs', () => {
  it.each([
    ['a first post', aRecord(), 0],
    ['an edit inside the window', posted({ version: 2 }), 2_000],
    ['an edit after the window', posted({ version: 2, lastSentAt: NOW - 10_000 }), 0],
    ['a final state inside the window', posted({ version: 2, final: true }), 0],
  ])('when the job is for %s, then it waits %i ms', (_what, record, expected) => {
    expect(upsertDelayMs(record, NOW, settings)).toBe(expected);
  });
});
