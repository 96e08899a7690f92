// renderRunConfirmation: the preview and the button that starts the run or asks for approval (golden files).
import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { renderRunConfirmation } from '../../../src/slack/run-modal/render-run-confirmation.js';
import { expectGoldenView } from './expect-golden-view.js';
import { CHANNEL } from './run-form-fixtures.js';
import { expectWithinSlackLimits } from './slack-view-limits.js';

const PREVIEW: KnownBlock[] = [
  {
    type: 'section',
    text: { type: 'mrkdwn', text: '*AWS-RestartEC2Instance* in *2 accounts* × *1 region* (2 targets)' },
  },
  {
    type: 'section',
    fields: [
      { type: 'mrkdwn', text: '*Accounts*\npayments-prod (333333333301)\nidentity-prod (333333333302)' },
      { type: 'mrkdwn', text: '*Regions*\nap-northeast-1' },
    ],
  },
  {
    type: 'context',
    elements: [{ type: 'mrkdwn', text: 'Mode: multi-account · concurrency 10 · max errors 25%' }],
  },
];

const confirmation = (needsApproval: boolean, previewBlocks = PREVIEW) =>
  renderRunConfirmation({
    previewBlocks,
    draftId: 'draft-7f3a',
    channelId: CHANNEL,
    needsApproval,
    runbookName: 'AWS-RestartEC2Instance',
  });

describe('renderRunConfirmation', () => {
  it('when no approval is needed, then the submit starts the run (golden)', async () => {
    const view = confirmation(false);
    expectWithinSlackLimits(view);
    expect(view.submit?.text).toBe('Start run');
    await expectGoldenView(view, 'confirmation');
  });

  it('when policy asks for approval, then the submit requests it (golden)', async () => {
    const view = confirmation(true);
    expectWithinSlackLimits(view);
    expect(view.submit?.text).toBe('Request approval');
    await expectGoldenView(view, 'confirmation-approval');
  });

  it('when the form picked a window, then the footer says when the change may start (golden)', async () => {
    const view = renderRunConfirmation({
      previewBlocks: PREVIEW,
      draftId: 'draft-7f3a',
      channelId: CHANNEL,
      needsApproval: true,
      window: { startAt: '2026-06-02T03:00:00.000Z', endBy: '2026-06-02T05:00:00.000Z' },
      runbookName: 'AWS-RestartEC2Instance',
    });
    expectWithinSlackLimits(view);
    expect(JSON.stringify(view.blocks.at(-2))).toContain('Scheduled: starts');
    await expectGoldenView(view, 'confirmation-scheduled');
  });

  it('when the confirmation is rendered, then it carries the draft and the channel', () => {
    const view = confirmation(false);
    expect(view.callback_id).toBe('run-modal.confirm');
    expect(JSON.parse(view.private_metadata ?? '')).toEqual({ draftId: 'draft-7f3a', channelId: CHANNEL });
    expect(JSON.stringify(view.blocks.at(-2))).toContain('Nothing has started yet.');
  });

  it('when the confirmation is rendered, then it ends with a Back button to the form', () => {
    const back = JSON.stringify(confirmation(false).blocks.at(-1));
    expect(back).toContain('"action_id":"run-modal.back"');
    expect(back).toContain('"text":"Back"');
  });

  it('when the preview has more blocks than a modal holds, then it is cut to fit and says so', () => {
    const many: KnownBlock[] = Array.from({ length: 150 }, (_, index) => ({
      type: 'section',
      text: { type: 'mrkdwn', text: `line ${index}` },
    }));
    const view = confirmation(false, many);
    expectWithinSlackLimits(view);
    expect(view.blocks).toHaveLength(100);
    expect(JSON.stringify(view.blocks.at(-3))).toContain('…and 53 more');
  });
});
