// Slack's external file upload in the emulator, through the real WebClient: files.getUploadURLExternal, the
// upload URL, files.completeUploadExternal (and filesUploadV2, which makes all three calls), with Slack's errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILE_LIMITS } from '../../src/slack-emulator/web-api/file-limits.js';
import { loadWorkspaceFixture } from '../../src/slack-emulator/workspace-fixture.js';
import {
  BOT_USER_ID,
  EVERY_SCOPE,
  OPS,
  SECRET_OPS,
  startTestSlackEmulator,
  type TestSlackEmulator,
} from '../support/slack-emulator.js';

/** A public channel the bot was never invited to. */
const LOBBY = 'C0LOBBY001';

let env: TestSlackEmulator;
beforeAll(async () => {
  const fixture = loadWorkspaceFixture();
  env = await startTestSlackEmulator({
    rateLimits: 'off',
    scopes: EVERY_SCOPE,
    workspace: {
      ...fixture,
      channels: [
        ...fixture.channels,
        { id: LOBBY, name: 'lobby', private: false, topic: '', purpose: '', members: ['U0REQUEST1'] },
      ],
    },
  });
});
afterAll(() => env.close());

/** The raw answer to a Web API call, as Slack sends it, without a client in between. */
async function call(method: string, args: Record<string, unknown>): Promise<Record<string, unknown>> {
  const response = await fetch(`${env.emulator.apiUrl}${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${env.emulator.botToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

/** A ticket for `content`, its bytes uploaded raw: what filesUploadV2 does before it completes. */
async function uploaded(filename: string, content: string) {
  const ticket = await env
    .client()
    .files.getUploadURLExternal({ filename, length: Buffer.byteLength(content) });
  const response = await fetch(ticket.upload_url!, { method: 'POST', body: content });
  expect(response.status).toBe(200);
  return ticket.file_id!;
}

async function parentMessage(text = 'Run run-files01') {
  const { ts } = await env.client().chat.postMessage({ channel: OPS, text });
  return ts!;
}

describe('files.getUploadURLExternal', () => {
  it('when a filename and a length are given, then it answers an upload URL and a file id', async () => {
    const answer = await env.client().files.getUploadURLExternal({ filename: 'a.csv', length: 3 });
    expect(answer.ok).toBe(true);
    expect(answer.file_id).toMatch(/^F[0-9A-Z]+$/);
    expect(answer.upload_url).toMatch(new RegExp(`^${env.emulator.url}/upload/v1/[\\w-]+$`));
  });

  it('when a required argument is missing, then the answer is invalid_arguments naming it, as Slack words it', async () => {
    expect(await call('files.getUploadURLExternal', { length: 3 })).toEqual({
      ok: false,
      error: 'invalid_arguments',
      errors: ['missing required field: filename'],
      response_metadata: { messages: ['[ERROR] missing required field: filename'] },
    });
    expect(await call('files.getUploadURLExternal', { filename: 'a.csv' })).toMatchObject({
      error: 'invalid_arguments',
      errors: ['missing required field: length'],
    });
    expect(await call('files.getUploadURLExternal', { filename: 'a.csv', length: 'three' })).toMatchObject({
      error: 'invalid_arguments',
    });
  });

  it('when the length is 0, then the answer is missing_argument, as Slack documents it', async () => {
    expect(await call('files.getUploadURLExternal', { filename: 'a.csv', length: 0 })).toEqual({
      ok: false,
      error: 'missing_argument',
    });
  });

  it('when a limit is passed, then the answer names it: alt text, snippet size, snippet type, file size', async () => {
    const altTxt = 'x'.repeat(FILE_LIMITS.altTextLength);
    expect(
      (await call('files.getUploadURLExternal', { filename: 'a.png', length: 1, alt_txt: altTxt })).ok,
    ).toBe(true);
    expect(
      await call('files.getUploadURLExternal', { filename: 'a.png', length: 1, alt_txt: `${altTxt}x` }),
    ).toMatchObject({ error: 'alt_txt_too_large' });
    expect(
      await call('files.getUploadURLExternal', {
        filename: 'a.py',
        length: FILE_LIMITS.snippetBytes + 1,
        snippet_type: 'python',
      }),
    ).toMatchObject({ error: 'snippet_too_large' });
    expect(
      await call('files.getUploadURLExternal', { filename: 'a.x', length: 1, snippet_type: 'klingon' }),
    ).toMatchObject({ error: 'unknown_snippet_type' });
    expect(
      await call('files.getUploadURLExternal', { filename: 'a.bin', length: FILE_LIMITS.maxBytes + 1 }),
    ).toMatchObject({ error: 'file_upload_size_restricted' });
  });
});

describe('the upload URL', () => {
  it('when the bytes are not the announced length, then it refuses them and the file cannot be completed', async () => {
    const ticket = await env.client().files.getUploadURLExternal({ filename: 'short.csv', length: 10 });
    const response = await fetch(ticket.upload_url!, { method: 'POST', body: 'abc' });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('announced 10');
    await expect(
      env.client().files.completeUploadExternal({ files: [{ id: ticket.file_id! }], channel_id: OPS }),
    ).rejects.toMatchObject({ data: { error: 'file_not_found' } });
  });

  it('when the URL was never handed out, then it answers 404', async () => {
    const response = await fetch(`${env.emulator.url}/upload/v1/nothing-here`, { method: 'POST', body: 'x' });
    expect(response.status).toBe(404);
  });

  it('when the bytes come as a multipart form, then the file part is kept', async () => {
    const form = new FormData();
    form.append('filename', new Blob(['a,b\n1,2\n']), 'form.csv');
    const ticket = await env.client().files.getUploadURLExternal({ filename: 'form.csv', length: 8 });
    expect((await fetch(ticket.upload_url!, { method: 'POST', body: form })).status).toBe(200);
    await env.client().files.completeUploadExternal({ files: [{ id: ticket.file_id! }], channel_id: OPS });
    expect(env.emulator.file(ticket.file_id!)?.content.toString()).toBe('a,b\n1,2\n');
  });

  it('when a failure is forced, then the next POST answers 500 and a second try succeeds', async () => {
    const ticket = await env.client().files.getUploadURLExternal({ filename: 'flaky.txt', length: 2 });
    env.emulator.failUploads(1);
    expect((await fetch(ticket.upload_url!, { method: 'POST', body: 'ok' })).status).toBe(500);
    expect((await fetch(ticket.upload_url!, { method: 'POST', body: 'ok' })).status).toBe(200);
  });
});

describe('files.completeUploadExternal', () => {
  it('when files are completed in a thread, then one reply shows them with their names, sizes and bytes', async () => {
    const threadTs = await parentMessage();
    const csv = await uploaded('run-files01-results.csv', 'account_id\n111111111111\n');
    const json = await uploaded('run-files01-results.json', '[]');
    const answer = await env.client().files.completeUploadExternal({
      files: [
        { id: csv, title: 'Results (CSV)' },
        { id: json, title: 'Results (JSON)' },
      ],
      channel_id: OPS,
      thread_ts: threadTs,
      initial_comment: 'Results of run-files01',
    });
    expect(answer.files).toEqual([
      { id: csv, title: 'Results (CSV)' },
      { id: json, title: 'Results (JSON)' },
    ]);
    const [, reply] = env.emulator.thread(OPS, threadTs);
    expect(reply).toMatchObject({ text: 'Results of run-files01', user: BOT_USER_ID, upload: true });
    expect(reply?.files?.map((file) => [file.name, file.size, file.mimetype])).toEqual([
      ['run-files01-results.csv', 24, 'text/csv'],
      ['run-files01-results.json', 2, 'application/json'],
    ]);
    expect(env.emulator.file(csv)?.content.toString()).toBe('account_id\n111111111111\n');
    // The reply is read back as Slack returns it, files included: how a client finds what it shared.
    const replies = await env.client().conversations.replies({ channel: OPS, ts: threadTs });
    expect(replies.messages?.[1]?.files?.[0]?.name).toBe('run-files01-results.csv');
    // Its bytes are served at url_private, as text for a text file.
    const served = await fetch(reply!.files![0]!.url_private);
    expect(served.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await served.text()).toBe('account_id\n111111111111\n');
    const download = await fetch(reply!.files![1]!.url_private_download);
    expect(download.headers.get('content-disposition')).toContain('attachment');
  });

  it('when a file is completed twice, then the second completion is file_not_found: its ticket is spent', async () => {
    const id = await uploaded('once.txt', 'once');
    await env.client().files.completeUploadExternal({ files: [{ id }], channel_id: OPS });
    await expect(
      env.client().files.completeUploadExternal({ files: [{ id }], channel_id: OPS }),
    ).rejects.toMatchObject({ data: { error: 'file_not_found' } });
  });

  it('when the file is unknown or its bytes never came, then the answer is file_not_found and nothing is shared', async () => {
    const ticket = await env.client().files.getUploadURLExternal({ filename: 'never.txt', length: 4 });
    const before = env.emulator.messages(OPS).length;
    for (const id of ['F0NOTHING1', ticket.file_id!]) {
      await expect(
        env.client().files.completeUploadExternal({ files: [{ id }], channel_id: OPS }),
      ).rejects.toMatchObject({ data: { error: 'file_not_found' } });
    }
    expect(env.emulator.messages(OPS)).toHaveLength(before);
  });

  it('when files are missing or malformed, then the answer is invalid_arguments', async () => {
    expect(await call('files.completeUploadExternal', { channel_id: OPS })).toMatchObject({
      error: 'invalid_arguments',
      errors: ['missing required field: files'],
    });
    expect(await call('files.completeUploadExternal', { files: [{ title: 'no id' }] })).toMatchObject({
      error: 'invalid_arguments',
    });
    expect(await call('files.completeUploadExternal', { files: '[not json' })).toMatchObject({
      error: 'invalid_arguments',
    });
  });

  it('when the channel is one the bot is not in, then public is not_in_channel and private channel_not_found', async () => {
    const id = await uploaded('nowhere.txt', 'x');
    // chat:write.public lets the bot post messages where it is not a member, never share files there.
    await expect(
      env.client().files.completeUploadExternal({ files: [{ id }], channel_id: LOBBY }),
    ).rejects.toMatchObject({ data: { error: 'not_in_channel' } });
    await expect(
      env.client().files.completeUploadExternal({ files: [{ id }], channel_id: SECRET_OPS }),
    ).rejects.toMatchObject({ data: { error: 'channel_not_found' } });
    // The refusals spent nothing: the file can still be shared where the bot is.
    await env.client().files.completeUploadExternal({ files: [{ id }], channel_id: OPS });
    expect(env.emulator.files().some((file) => file.id === id)).toBe(true);
  });

  it('when no channel is given, then the file is completed and kept private: no message anywhere', async () => {
    const id = await uploaded('private.txt', 'secret');
    const before = env.emulator.messages(OPS).length;
    await env.client().files.completeUploadExternal({ files: [{ id }] });
    expect(env.emulator.file(id)?.content.toString()).toBe('secret');
    expect(env.emulator.messages(OPS)).toHaveLength(before);
  });

  it('when thread_ts names no message of the channel, then the answer is thread_not_found', async () => {
    const id = await uploaded('lost.txt', 'x');
    await expect(
      env.client().files.completeUploadExternal({ files: [{ id }], channel_id: OPS, thread_ts: '1.000001' }),
    ).rejects.toMatchObject({ data: { error: 'thread_not_found' } });
  });
});

describe('filesUploadV2', () => {
  it('when the SDK uploads two files to a thread, then one reply holds both, with their bytes', async () => {
    const threadTs = await parentMessage('Run run-files02');
    const answer = await env.client().filesUploadV2({
      channel_id: OPS,
      thread_ts: threadTs,
      initial_comment: 'Results of run-files02',
      file_uploads: [
        { content: 'a,b\n"x, y",2\n', filename: 'run-files02-results.csv', title: 'CSV' },
        { content: '{"rows":[]}', filename: 'run-files02-results.json', title: 'JSON' },
      ],
    });
    expect(answer.ok).toBe(true);
    const replies = env.emulator.thread(OPS, threadTs).slice(1);
    expect(replies).toHaveLength(1);
    const files = replies[0]!.files!;
    expect(files.map((file) => file.name)).toEqual(['run-files02-results.csv', 'run-files02-results.json']);
    expect(env.emulator.file(files[0]!.id)?.content.toString()).toBe('a,b\n"x, y",2\n');
    expect(env.emulator.file(files[1]!.id)?.content.toString()).toBe('{"rows":[]}');
  });
});

describe('the control API', () => {
  it('when files were shared, then GET /_emulator/files lists them and a forced upload failure is a POST away', async () => {
    const id = await uploaded('listed.txt', 'listed');
    await env.client().files.completeUploadExternal({ files: [{ id, title: 'Listed' }], channel_id: OPS });
    const listed = (await (await fetch(`${env.emulator.url}/_emulator/files`)).json()) as unknown[];
    expect(listed).toContainEqual({
      id,
      name: 'listed.txt',
      title: 'Listed',
      size: 6,
      path: `/_emulator/files/${id}/listed.txt`,
    });
    expect((await fetch(`${env.emulator.url}/_emulator/files/${id}/other.txt`)).status).toBe(404);

    const forced = await fetch(`${env.emulator.url}/_emulator/faults/upload-failure`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ count: 1 }),
    });
    expect(await forced.json()).toEqual({ count: 1 });
    const ticket = await env.client().files.getUploadURLExternal({ filename: 'x.txt', length: 1 });
    expect((await fetch(ticket.upload_url!, { method: 'POST', body: 'x' })).status).toBe(500);
  });
});

describe('scopes and limits', () => {
  it('when the bot lacks files:write, then both methods answer missing_scope', async () => {
    const without = await startTestSlackEmulator({ scopes: ['chat:write'] });
    try {
      await expect(
        without.client().files.getUploadURLExternal({ filename: 'a.txt', length: 1 }),
      ).rejects.toMatchObject({ data: { error: 'missing_scope', needed: 'files:write' } });
      await expect(
        without.client().files.completeUploadExternal({ files: [{ id: 'F1' }] }),
      ).rejects.toMatchObject({ data: { error: 'missing_scope', needed: 'files:write' } });
    } finally {
      await without.close();
    }
  });

  it('when a test forces a 429, then completeUploadExternal answers it with Retry-After', async () => {
    env.emulator.forceRateLimit({ method: 'files.completeUploadExternal', count: 1, retryAfterSeconds: 2 });
    const response = await fetch(`${env.emulator.apiUrl}files.completeUploadExternal`, {
      method: 'POST',
      headers: { authorization: `Bearer ${env.emulator.botToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ files: [{ id: 'F1' }] }),
    });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('2');
  });
});
