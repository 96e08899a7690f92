import { describe, expect, it } from 'vitest';
import { decodePart, encodePart } from '../../src/store/part-codec.js';

const child = JSON.stringify({
  accountId: '444444444401',
  accountName: 'payments-staging',
  region: 'ap-northeast-1',
  status: 'Failed',
  executionId: 'a7c3e0f2-0000-4000-8000-000000000002',
  startedAt: '2026-12-05T19:00:01.000Z',
  endedAt: '2026-12-05T19:00:12.000Z',
  failure: { reason: 'stopInstances', message: 'Step fails when it is "Executing". 日本語 <!channel>' },
  steps: [
    {
      name: 'stopInstances',
      action: 'aws:changeInstanceState',
      status: 'Failed',
      outputs: { Out: ['a', 'b'] },
    },
  ],
});

describe('a part as Redis keeps it', () => {
  it('when a child is encoded, then it decodes to the same JSON, as a text value well under its size', () => {
    const stored = encodePart(child);
    expect(stored).toMatch(/^z1:[A-Za-z0-9+/]+=*$/);
    expect(decodePart(stored)).toBe(child);
    expect(stored.length).toBeLessThan(child.length * 0.6);
  });

  it('when a value is plain JSON, or does not inflate, then it is returned as it is for the parser to judge', () => {
    expect(decodePart(child)).toBe(child);
    expect(decodePart('z1:not-deflate')).toBe('z1:not-deflate');
  });

  it('when a part is empty or large, then it survives the round trip', () => {
    const targets = JSON.stringify({
      accounts: Array.from({ length: 1_000 }, (_, n) => ({
        id: String(100_000_000_000 + n),
        name: `member-${n}`,
      })),
    });
    expect(decodePart(encodePart(''))).toBe('');
    expect(decodePart(encodePart(targets))).toBe(targets);
  });
});
