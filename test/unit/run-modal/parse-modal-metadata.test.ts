// parseModalMetadata: private_metadata comes back from Slack, so anything but our own JSON reads as nothing.
import { describe, expect, it } from 'vitest';
import {
  formatModalMetadata,
  parseModalMetadata,
} from '../../../src/slack/run-modal/parse-modal-metadata.js';

describe('parseModalMetadata', () => {
  it.each([
    [{ channelId: 'C0OPS00001' }],
    [{ channelId: 'C0OPS00001', runbook: 'AWS-RestartEC2Instance' }],
    [{ channelId: 'C0OPS00001', draftId: 'draft-7f3a' }],
  ])('when the metadata is %j, then it reads back as written', (metadata) => {
    expect(parseModalMetadata(formatModalMetadata(metadata))).toEqual(metadata);
  });

  it('when the metadata has keys it does not know, then they are dropped', () => {
    expect(parseModalMetadata('{"channelId":"C1","admin":true,"__proto__":{"x":1}}')).toEqual({
      channelId: 'C1',
    });
  });

  it.each([
    ['an empty string', ''],
    ['not JSON', '{channelId:'],
    ['JSON null', 'null'],
    ['a list', '["C1"]'],
    ['no channel', '{"runbook":"AWS-RestartEC2Instance"}'],
    ['an empty channel', '{"channelId":""}'],
    ['a channel of the wrong type', '{"channelId":42}'],
    ['a runbook of the wrong type', '{"channelId":"C1","runbook":["a"]}'],
    ['more than Slack allows', JSON.stringify({ channelId: 'C1', runbook: 'x'.repeat(3000) })],
    ['a huge channel', JSON.stringify({ channelId: 'C'.repeat(1000) })],
  ])('when the metadata is %s, then it reads as undefined', (_case, text) => {
    expect(parseModalMetadata(text)).toBeUndefined();
  });

  it('when the metadata is not even a string, then it reads as undefined', () => {
    expect(parseModalMetadata(undefined as unknown as string)).toBeUndefined();
  });
});
