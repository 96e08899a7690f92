// lockKeysFor: one lock per runbook × account × region, in one order for every holder.

import { describe, expect, it } from 'vitest';
import { lockKeysFor } from '../../src/core/approval/locks.js';

describe('lockKeysFor', () => {
  it('when a run touches accounts in regions, then there is one key per runbook × account × region, sorted', () => {
    expect(
      lockKeysFor('AWS-RestartEC2Instance', [
        { accountId: '444444444401', region: 'us-east-1' },
        { accountId: '111111111111', region: 'us-east-1' },
        { accountId: '111111111111', region: 'ap-northeast-1' },
      ]),
    ).toEqual([
      'AWS-RestartEC2Instance|111111111111|ap-northeast-1',
      'AWS-RestartEC2Instance|111111111111|us-east-1',
      'AWS-RestartEC2Instance|444444444401|us-east-1',
    ]);
  });

  it('when a target repeats, then its key appears once', () => {
    const target = { accountId: '111111111111', region: 'us-east-1' };
    expect(lockKeysFor('AWS-RestartEC2Instance', [target, { ...target }])).toHaveLength(1);
  });

  it('when two runs share a place with different runbooks, then their keys differ', () => {
    const target = [{ accountId: '111111111111', region: 'us-east-1' }];
    expect(lockKeysFor('AWS-RestartEC2Instance', target)).not.toEqual(
      lockKeysFor('AWS-StopEC2Instance', target),
    );
  });

  it('when there are no targets, then nothing is locked', () => {
    expect(lockKeysFor('AWS-RestartEC2Instance', [])).toEqual([]);
  });
});
