// The rejection modal: its view (golden file) and its private_metadata, which comes back from Slack and is
// read as nothing unless it is exactly what the bot wrote.
import { describe, expect, it } from 'vitest';
import {
  formatRejectionMetadata,
  parseRejectionMetadata,
} from '../../../src/slack/change-modal/rejection-metadata.js';
import { renderRejectionModal } from '../../../src/slack/change-modal/render-rejection-modal.js';
import { expectWithinSlackLimits } from '../run-modal/slack-view-limits.js';

const METADATA = { changeId: 'chg-4f7h2k9p', channelId: 'C0APPROVE1' };

describe('renderRejectionModal', () => {
  it('when the template requires a reason, then the reason input is required (golden)', async () => {
    const view = renderRejectionModal({ ...METADATA, reasonRequired: true });
    expectWithinSlackLimits(view);
    await expect(`${JSON.stringify(view, null, 2)}\n`).toMatchFileSnapshot('./golden/rejection-modal.json');
  });

  it('when the template does not require one, then the reason input is optional', () => {
    const view = renderRejectionModal({ ...METADATA, reasonRequired: false });
    expect(view.blocks.find((block) => block.type === 'input')).toMatchObject({ optional: true });
  });

  it('when the change id is not one the bot made, then it is shown as code, not as markup', () => {
    const view = renderRejectionModal({ ...METADATA, changeId: '<!channel>`', reasonRequired: false });
    expect(JSON.stringify(view.blocks[0])).toContain("`&lt;!channel&gt;'`");
  });

  it('carries its change and channel in the metadata', () => {
    const view = renderRejectionModal({ ...METADATA, reasonRequired: true });
    expect(parseRejectionMetadata(view.private_metadata)).toEqual(METADATA);
  });
});

describe('parseRejectionMetadata', () => {
  it('when the metadata is what the bot wrote, then it reads back as written', () => {
    expect(parseRejectionMetadata(formatRejectionMetadata(METADATA))).toEqual(METADATA);
  });

  it('when the metadata has keys it does not know, then they are dropped', () => {
    expect(parseRejectionMetadata('{"changeId":"chg-1","channelId":"C1","admin":true}')).toEqual({
      changeId: 'chg-1',
      channelId: 'C1',
    });
  });

  it.each([
    ['not a string', undefined],
    ['an empty string', ''],
    ['not JSON', '{changeId:'],
    ['JSON null', 'null'],
    ['a list', '["chg-1","C1"]'],
    ['no change id', '{"channelId":"C1"}'],
    ['no channel', '{"changeId":"chg-1"}'],
    ['an empty change id', '{"changeId":"","channelId":"C1"}'],
    ['a change id of the wrong type', '{"changeId":42,"channelId":"C1"}'],
    ['a huge channel', JSON.stringify({ changeId: 'chg-1', channelId: 'C'.repeat(1000) })],
    ['more than Slack allows', JSON.stringify({ changeId: 'chg-1', channelId: 'C1', pad: 'x'.repeat(3000) })],
  ])('when the metadata is %s, then it reads as undefined', (_case, text) => {
    expect(parseRejectionMetadata(text)).toBeUndefined();
  });
});
