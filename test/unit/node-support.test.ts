import { describe, expect, it } from 'vitest';
import { unsupportedNodeReason } from '../../src/cli/node-support.js';

describe('unsupportedNodeReason', () => {
  it.each(['v22.12.0', 'v22.23.5', 'v24.0.0', 'v24.22.3', 'v26.1.0'])('when %s, then it runs', (version) => {
    expect(unsupportedNodeReason(version)).toBeUndefined();
  });

  it.each(['v20.19.5', 'v22.11.0', 'v18.20.0'])(
    'when %s, then it says what it needs and what this is',
    (version) => {
      expect(unsupportedNodeReason(version)).toBe(
        `ssm-chatops needs Node.js 22.12 or later (24 LTS recommended); this is ${version}. ` +
          'See "Quick start" in the README for a way to get Node 24 without root.',
      );
    },
  );
});
