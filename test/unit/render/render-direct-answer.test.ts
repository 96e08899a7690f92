// renderDirectAnswer: an answer Slack would not show where the person acted, sent by DM and saying where that was.
import { describe, expect, it } from 'vitest';
import { renderChangeRefusal } from '../../../src/slack/render/render-change-refusal.js';
import { renderDirectAnswer } from '../../../src/slack/render/render-direct-answer.js';
import { expectGolden } from './expect-golden.js';

describe('renderDirectAnswer', () => {
  it('when a refusal goes by DM, then it opens with the channel it answers for and keeps the refusal', async () => {
    const refusal = renderChangeRefusal({
      code: 'not-eligible',
      level: { index: 0, name: 'SRE leads' },
      approvers: { userGroups: ['S0SRELEADS'] },
    });
    const message = renderDirectAnswer('C0APPROVE1', refusal);
    await expectGolden(message, 'direct-answer-refusal');
    expect(message.text).toMatch(/^About <#C0APPROVE1>: /);
    expect(message.blocks.slice(1)).toEqual(refusal.blocks);
  });
});
