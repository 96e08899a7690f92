// Message metadata on the emulator through the real WebClient: stored on post, kept by edits, and returned by
// conversations.history and conversations.replies only when asked for with include_all_metadata, as in Slack.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPS, startTestSlackEmulator, type TestSlackEmulator } from '../support/slack-emulator.js';

let env: TestSlackEmulator;
beforeAll(async () => {
  env = await startTestSlackEmulator({ rateLimits: 'off' });
});
afterAll(() => env.close());

const metadata = (key: string) => ({ event_type: 'ssm_chatops_message', event_payload: { key } });

async function postWithMetadata(key: string, threadTs?: string): Promise<string> {
  const { ts } = await env.client().chat.postMessage({
    channel: OPS,
    text: key,
    metadata: metadata(key),
    ...(threadTs ? { thread_ts: threadTs } : {}),
  });
  return ts!;
}

describe('message metadata', () => {
  it('when a message is posted with metadata, then history returns it only with include_all_metadata', async () => {
    const ts = await postWithMetadata('history-key');
    const plain = await env
      .client()
      .conversations.history({ channel: OPS, latest: ts, inclusive: true, limit: 1 });
    const withMetadata = await env.client().conversations.history({
      channel: OPS,
      latest: ts,
      inclusive: true,
      limit: 1,
      include_all_metadata: true,
    });
    expect(plain.messages?.[0]).toMatchObject({ ts });
    expect(plain.messages?.[0]).not.toHaveProperty('metadata');
    expect(withMetadata.messages?.[0]).toMatchObject({ ts, metadata: metadata('history-key') });
  });

  it('when a reply is posted with metadata, then replies returns it only with include_all_metadata', async () => {
    const parentTs = await postWithMetadata('parent-key');
    const replyTs = await postWithMetadata('reply-key', parentTs);
    const plain = await env.client().conversations.replies({ channel: OPS, ts: parentTs });
    const withMetadata = await env.client().conversations.replies({
      channel: OPS,
      ts: parentTs,
      include_all_metadata: true,
    });
    expect(plain.messages?.map((message) => message.metadata)).toEqual([undefined, undefined]);
    expect(withMetadata.messages?.map((message) => [message.ts, message.metadata])).toEqual([
      [parentTs, metadata('parent-key')],
      [replyTs, metadata('reply-key')],
    ]);
  });

  it('when a message is edited without metadata, then it keeps the metadata it was posted with', async () => {
    const ts = await postWithMetadata('kept-key');
    await env.client().chat.update({ channel: OPS, ts, text: 'edited' });
    const answer = await env.client().conversations.history({
      channel: OPS,
      latest: ts,
      inclusive: true,
      limit: 1,
      include_all_metadata: true,
    });
    expect(answer.messages?.[0]).toMatchObject({ text: 'edited', metadata: metadata('kept-key') });
  });

  it('when metadata has no event_type, then the post fails with invalid_metadata_format', async () => {
    await expect(
      env.client().apiCall('chat.postMessage', { channel: OPS, text: 'x', metadata: { event_payload: {} } }),
    ).rejects.toMatchObject({ data: { error: 'invalid_metadata_format' } });
  });
});
