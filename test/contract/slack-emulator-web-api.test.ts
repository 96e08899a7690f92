// The emulator's Web API through the real WebClient: every method, and the errors Slack answers with.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALICE,
  APPROVALS,
  BOB,
  BOT_USER_ID,
  EVERY_SCOPE,
  OPS,
  SECRET_OPS,
  startTestSlackEmulator,
  TEAM_ID,
  type TestSlackEmulator,
} from '../support/slack-emulator.js';

let env: TestSlackEmulator;
beforeAll(async () => {
  env = await startTestSlackEmulator({ rateLimits: 'off', scopes: EVERY_SCOPE });
});
afterAll(() => env.close());

const section = (text: string, blockId?: string) => ({
  type: 'section',
  ...(blockId ? { block_id: blockId } : {}),
  text: { type: 'mrkdwn', text },
});
const modal = (title = 'Run a runbook') => ({
  type: 'modal' as const,
  callback_id: 'run_form',
  title: { type: 'plain_text' as const, text: title },
  submit: { type: 'plain_text' as const, text: 'Run' },
  blocks: [
    {
      type: 'input',
      block_id: 'target',
      label: { type: 'plain_text', text: 'Target' },
      element: { type: 'plain_text_input', action_id: 'target_input' },
    },
  ],
});

describe('authentication', () => {
  it('when the bot token is used, then auth.test says who the bot is', async () => {
    const answer = await env.client().auth.test();
    expect(answer).toMatchObject({ ok: true, team_id: TEAM_ID, user_id: BOT_USER_ID, bot_id: 'B0BOT00001' });
  });

  it('when the token is wrong, then the call fails with invalid_auth', async () => {
    await expect(env.client({ token: 'xoxb-wrong' }).auth.test()).rejects.toMatchObject({
      data: { ok: false, error: 'invalid_auth' },
    });
  });

  it('when there is no token, then the call fails with not_authed', async () => {
    const response = await fetch(`${env.emulator.apiUrl}auth.test`, { method: 'POST' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: false, error: 'not_authed' });
  });

  it('when the method does not exist, then the answer is unknown_method', async () => {
    await expect(env.client().apiCall('chat.scheduleMessage', { channel: OPS })).rejects.toMatchObject({
      data: { error: 'unknown_method' },
    });
  });

  it('when a JSON body is malformed, then the answer is invalid_json', async () => {
    const response = await fetch(`${env.emulator.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${env.emulator.botToken}`, 'content-type': 'application/json' },
      body: '{"channel": "C0OPS00001", ',
    });
    expect(await response.json()).toEqual({ ok: false, error: 'invalid_json' });
  });

  it('when a JSON body is well formed, then the call works as a form call does', async () => {
    const response = await fetch(`${env.emulator.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${env.emulator.botToken}`,
        'content-type': 'application/json; charset=utf-8',
      },
      body: JSON.stringify({ channel: OPS, text: 'sent as JSON', blocks: [section('as *JSON*')] }),
    });
    const answer = (await response.json()) as { ok: boolean; ts: string };
    expect(answer.ok).toBe(true);
    expect(env.emulator.messages(OPS).find((message) => message.ts === answer.ts)?.blocks).toHaveLength(1);
  });
});

describe('chat', () => {
  it('when the bot posts, then the message is in the channel with the bot as author', async () => {
    const answer = await env
      .client()
      .chat.postMessage({ channel: OPS, text: 'hello', blocks: [section('*hello*')] });
    expect(answer).toMatchObject({
      ok: true,
      channel: OPS,
      message: { text: 'hello', bot_id: 'B0BOT00001' },
    });
    const stored = env.emulator.messages(OPS).at(-1)!;
    expect(stored).toMatchObject({ ts: answer.ts, user: BOT_USER_ID, text: 'hello' });
    expect(stored.ts).toMatch(/^\d{10}\.\d{6}$/);
    // Slack fills in the block_id the app left out.
    expect(stored.blocks?.[0]?.block_id).toEqual(expect.any(String));
  });

  it('when messages are posted in the same millisecond, then their ts still increase', async () => {
    const first = await env.client().chat.postMessage({ channel: OPS, text: 'one' });
    const second = await env.client().chat.postMessage({ channel: OPS, text: 'two' });
    expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));
  });

  it('when the bot replies in a thread, then the parent counts the reply and the thread lists both', async () => {
    const client = env.client();
    const parent = await client.chat.postMessage({ channel: APPROVALS, text: 'parent' });
    await client.chat.postMessage({ channel: APPROVALS, thread_ts: parent.ts!, text: 'reply 1' });
    await client.chat.postMessage({
      channel: APPROVALS,
      thread_ts: parent.ts!,
      text: 'reply 2',
      reply_broadcast: true,
    });
    const thread = env.emulator.thread(APPROVALS, parent.ts!);
    expect(thread.map((message) => message.text)).toEqual(['parent', 'reply 1', 'reply 2']);
    expect(thread[0]).toMatchObject({ reply_count: 2, thread_ts: parent.ts, latest_reply: thread[2]!.ts });
    // Only the broadcast reply shows in the channel.
    expect(env.emulator.messages(APPROVALS).map((message) => message.text)).toEqual(['parent', 'reply 2']);
    const replies = await client.conversations.replies({ channel: APPROVALS, ts: parent.ts! });
    expect(replies.messages?.map((message) => message.text)).toEqual(['parent', 'reply 1', 'reply 2']);
  });

  it('when the message is updated, then it carries the new content and an edited mark', async () => {
    const client = env.client();
    const posted = await client.chat.postMessage({
      channel: OPS,
      text: 'pending',
      blocks: [section('pending')],
    });
    const updated = await client.chat.update({ channel: OPS, ts: posted.ts!, text: 'approved' });
    expect(updated).toMatchObject({ ok: true, channel: OPS, ts: posted.ts, text: 'approved' });
    const stored = env.emulator.messages(OPS).find((message) => message.ts === posted.ts)!;
    expect(stored.text).toBe('approved');
    expect(stored.edited).toMatchObject({ user: BOT_USER_ID });
    // Blocks are kept unless the update passes blocks.
    expect(stored.blocks).toHaveLength(1);
  });

  it('when chat.update names an unknown ts, then it fails with message_not_found', async () => {
    await expect(env.client().chat.update({ channel: OPS, ts: '1.000001', text: 'x' })).rejects.toMatchObject(
      {
        data: { error: 'message_not_found' },
      },
    );
  });

  it("when chat.update or chat.delete targets a user's message, then Slack refuses it", async () => {
    const human = env.emulator.driver.postUserMessage({
      userId: ALICE,
      channelId: OPS,
      text: 'my own words',
    });
    await expect(env.client().chat.update({ channel: OPS, ts: human.ts, text: 'x' })).rejects.toMatchObject({
      data: { error: 'cant_update_message' },
    });
    await expect(env.client().chat.delete({ channel: OPS, ts: human.ts })).rejects.toMatchObject({
      data: { error: 'cant_delete_message' },
    });
  });

  it('when the bot deletes its message, then it is gone and a second delete fails', async () => {
    const client = env.client();
    const posted = await client.chat.postMessage({ channel: OPS, text: 'to delete' });
    await expect(client.chat.delete({ channel: OPS, ts: posted.ts! })).resolves.toMatchObject({ ok: true });
    expect(env.emulator.messages(OPS).some((message) => message.ts === posted.ts)).toBe(false);
    await expect(client.chat.delete({ channel: OPS, ts: posted.ts! })).rejects.toMatchObject({
      data: { error: 'message_not_found' },
    });
  });

  it('when an ephemeral is posted, then only that user has it', async () => {
    const answer = await env
      .client()
      .chat.postEphemeral({ channel: OPS, user: ALICE, text: 'only for alice' });
    expect(answer.message_ts).toEqual(expect.any(String));
    expect(env.emulator.ephemerals(ALICE, OPS).at(-1)).toMatchObject({
      text: 'only for alice',
      source: 'chat.postEphemeral',
    });
    expect(env.emulator.ephemerals(BOB, OPS).some((message) => message.text === 'only for alice')).toBe(
      false,
    );
  });

  it('when the permalink of a message is asked for, then it points at the channel and ts', async () => {
    const posted = await env.client().chat.postMessage({ channel: OPS, text: 'link me' });
    const answer = await env.client().chat.getPermalink({ channel: OPS, message_ts: posted.ts! });
    expect(answer.permalink).toBe(`${env.emulator.url}/archives/${OPS}/p${posted.ts!.replace('.', '')}`);
  });

  it.each([
    ['no channel', { text: 'x' }, 'channel_not_found'],
    ['an unknown channel', { channel: 'C0NOPE0001', text: 'x' }, 'channel_not_found'],
    ['a private channel the bot is not in', { channel: SECRET_OPS, text: 'x' }, 'channel_not_found'],
    ['neither text nor blocks', { channel: OPS }, 'no_text'],
    ['text over 40,000 characters', { channel: OPS, text: 'x'.repeat(40_001) }, 'msg_too_long'],
    [
      'blocks that are not an array of objects',
      { channel: OPS, blocks: '{"type":"divider"}' },
      'invalid_blocks_format',
    ],
    ['blocks that are not JSON', { channel: OPS, blocks: '[{' }, 'invalid_blocks_format'],
    ['a thread_ts of no message', { channel: OPS, text: 'x', thread_ts: '1.000002' }, 'thread_not_found'],
  ])('when chat.postMessage gets %s, then it fails with %s', async (_case, args, error) => {
    await expect(env.client().apiCall('chat.postMessage', args)).rejects.toMatchObject({
      data: { ok: false, error },
    });
  });

  it.each([
    ['no user', { channel: OPS, text: 'x' }, 'user_not_found'],
    ['an unknown user', { channel: OPS, user: 'U0NOBODY01', text: 'x' }, 'user_not_found'],
    ['a user outside the channel', { channel: 'C0NOTIFY01', user: BOB, text: 'x' }, 'user_not_in_channel'],
  ])('when chat.postEphemeral gets %s, then it fails with %s', async (_case, args, error) => {
    await expect(env.client().apiCall('chat.postEphemeral', args)).rejects.toMatchObject({ data: { error } });
  });

  it('when a channel is archived, then every new or changed message there fails with is_archived and its history stays', async () => {
    const general = 'C0GENERAL1';
    const posted = await env.client().chat.postMessage({ channel: general, text: 'before the archive' });
    expect(env.emulator.workspace.archive(general)).toBe(true);

    const calls: Array<[string, Record<string, unknown>]> = [
      ['chat.postMessage', { channel: general, text: 'x' }],
      ['chat.postMessage', { channel: general, text: 'x', thread_ts: posted.ts }],
      ['chat.update', { channel: general, ts: posted.ts, text: 'x' }],
      ['chat.postEphemeral', { channel: general, user: ALICE, text: 'x' }],
    ];
    for (const [method, args] of calls) {
      await expect(env.client().apiCall(method, args), method).rejects.toMatchObject({
        data: { ok: false, error: 'is_archived' },
      });
    }
    const info = await env.client().conversations.info({ channel: general });
    expect(info.channel?.is_archived).toBe(true);
    const history = await env.client().conversations.history({ channel: general });
    expect(history.messages?.map((message) => message.text)).toEqual(['before the archive']);
  });

  it('when only admins may post in a channel, then chat.postMessage fails with restricted_action_read_only_channel', async () => {
    // A workspace of its own: the other tests post in every channel of the shared one.
    const own = await startTestSlackEmulator({ rateLimits: 'off', scopes: EVERY_SCOPE });
    try {
      expect(own.emulator.workspace.makeReadOnly(OPS)).toBe(true);
      await expect(
        own.client().apiCall('chat.postMessage', { channel: OPS, text: 'x' }),
      ).rejects.toMatchObject({
        data: { ok: false, error: 'restricted_action_read_only_channel' },
      });
    } finally {
      await own.close();
    }
  });

  it('when the bot posts to a user id, then the message lands in the DM with that user', async () => {
    const answer = await env.client().chat.postMessage({ channel: ALICE, text: 'psst' });
    expect(answer.channel).toBe('D0REQUEST1');
    expect(env.emulator.messages('D0REQUEST1').at(-1)?.text).toBe('psst');
  });
});

describe('views', () => {
  it('when a modal is opened with a fresh trigger id, then it is open for the trigger user', async () => {
    const answer = await env
      .client()
      .views.open({ trigger_id: env.emulator.issueTriggerId(ALICE), view: modal() });
    expect(answer.view).toMatchObject({
      type: 'modal',
      callback_id: 'run_form',
      root_view_id: answer.view?.id,
    });
    expect(answer.view?.id).toMatch(/^V0[0-9A-Z]{9}$/);
    expect(env.emulator.openViews(ALICE).map((view) => view.id)).toEqual([answer.view!.id]);
  });

  it('when a trigger id is older than 3 seconds, then views.open fails with expired_trigger_id', async () => {
    const triggerId = env.emulator.issueTriggerId(ALICE);
    env.clock.advance(3001);
    await expect(env.client().views.open({ trigger_id: triggerId, view: modal() })).rejects.toMatchObject({
      data: { error: 'expired_trigger_id' },
    });
  });

  it('when a trigger id is made up or used twice, then views.open refuses it', async () => {
    await expect(
      env.client().views.open({ trigger_id: 'not-a-trigger', view: modal() }),
    ).rejects.toMatchObject({
      data: { error: 'invalid_trigger_id' },
    });
    const triggerId = env.emulator.issueTriggerId(ALICE);
    await env.client().views.open({ trigger_id: triggerId, view: modal() });
    await expect(env.client().views.open({ trigger_id: triggerId, view: modal() })).rejects.toMatchObject({
      data: { error: 'exchanged_trigger_id' },
    });
  });

  it('when views are pushed, then the stack grows to three and no further', async () => {
    const client = env.client();
    const root = await client.views.open({
      trigger_id: env.emulator.issueTriggerId(BOB),
      view: modal('Root'),
    });
    const pushed = await client.views.push({
      trigger_id: env.emulator.issueTriggerId(BOB),
      view: modal('Second'),
    });
    expect(pushed.view).toMatchObject({ root_view_id: root.view!.id, previous_view_id: root.view!.id });
    await client.views.push({ trigger_id: env.emulator.issueTriggerId(BOB), view: modal('Third') });
    await expect(
      client.views.push({ trigger_id: env.emulator.issueTriggerId(BOB), view: modal('Fourth') }),
    ).rejects.toMatchObject({ data: { error: 'push_limit_reached' } });
    expect(env.emulator.openViews(BOB).map((view) => view.title?.text)).toEqual(['Root', 'Second', 'Third']);
  });

  it('when a view is updated with its hash, then it changes; with a stale hash, then hash_conflict', async () => {
    const client = env.client();
    const opened = await client.views.open({ trigger_id: env.emulator.issueTriggerId(ALICE), view: modal() });
    const { id, hash } = opened.view as { id: string; hash: string };
    const updated = await client.views.update({ view_id: id, hash, view: modal('Updated') });
    expect(updated.view).toMatchObject({ id, title: { text: 'Updated' } });
    expect(updated.view?.hash).not.toBe(hash);
    await expect(client.views.update({ view_id: id, hash, view: modal('Again') })).rejects.toMatchObject({
      data: { error: 'hash_conflict' },
    });
  });

  it('when views.update names an unknown view, then it fails with not_found', async () => {
    await expect(env.client().views.update({ view_id: 'V0NOSUCHVW', view: modal() })).rejects.toMatchObject({
      data: { error: 'not_found' },
    });
  });

  it('when a view is updated by external_id, then the view with that external_id changes', async () => {
    const client = env.client();
    await client.views.open({
      trigger_id: env.emulator.issueTriggerId(ALICE),
      view: { ...modal(), external_id: 'run-42' },
    });
    const updated = await client.views.update({
      external_id: 'run-42',
      view: { ...modal('By external id'), external_id: 'run-42' },
    });
    expect(updated.view?.title).toMatchObject({ text: 'By external id' });
  });

  it('when the App Home is published, then the user has it and the hash guards later publishes', async () => {
    const client = env.client();
    const home = { type: 'home' as const, blocks: [section('Recent runs')] };
    const first = await client.views.publish({ user_id: ALICE, view: home });
    expect(env.emulator.homeView(ALICE)).toMatchObject({ id: first.view?.id, type: 'home' });
    await expect(client.views.publish({ user_id: ALICE, view: home, hash: 'stale' })).rejects.toMatchObject({
      data: { error: 'hash_conflict' },
    });
    await expect(client.views.publish({ user_id: 'U0NOBODY01', view: home })).rejects.toMatchObject({
      data: { error: 'user_not_found' },
    });
  });

  it('when the view argument is missing or not JSON, then the answer is invalid_arguments', async () => {
    const trigger_id = env.emulator.issueTriggerId(ALICE);
    await expect(env.client().apiCall('views.open', { trigger_id })).rejects.toMatchObject({
      data: { error: 'invalid_arguments' },
    });
    await expect(env.client().apiCall('views.open', { trigger_id, view: '{not json' })).rejects.toMatchObject(
      {
        data: { error: 'invalid_arguments' },
      },
    );
  });
});

describe('users, user groups and conversations', () => {
  it('when a user is looked up, then users.info returns the profile; an unknown id fails with user_not_found', async () => {
    const answer = await env.client().users.info({ user: ALICE });
    expect(answer.user).toMatchObject({
      id: ALICE,
      name: 'alice',
      real_name: 'Alice Anders',
      is_bot: false,
      tz: 'Europe/Paris',
    });
    await expect(env.client().users.info({ user: 'U0NOBODY01' })).rejects.toMatchObject({
      data: { error: 'user_not_found' },
    });
  });

  it('when users are listed page by page, then every user (and the bot) comes back once', async () => {
    const client = env.client();
    const seen: string[] = [];
    for await (const page of client.paginate('users.list', { limit: 3 })) {
      const members = (page as { members?: Array<{ id: string }> }).members ?? [];
      seen.push(...members.map((member) => member.id));
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect(seen).toContain(BOT_USER_ID);
  });

  it('when user groups are listed, then their handles and members come back', async () => {
    const answer = await env.client().usergroups.list({ include_users: true });
    expect(answer.usergroups?.find((group) => group.handle === 'sre-leads')?.users).toEqual([
      'U0APPROVE1',
      'U0APPROVE2',
    ]);
    const members = await env.client().usergroups.users.list({ usergroup: 'S0SECURITY' });
    expect(members.users).toEqual(['U0APPROVE3']);
    await expect(env.client().usergroups.users.list({ usergroup: 'S0NOPE0001' })).rejects.toMatchObject({
      data: { error: 'no_such_subteam' },
    });
  });

  it('when a channel is looked up, then conversations.info describes it', async () => {
    const answer = await env.client().conversations.info({ channel: OPS });
    expect(answer.channel).toMatchObject({
      id: OPS,
      name: 'ops',
      is_channel: true,
      is_private: false,
      is_member: true,
    });
    await expect(env.client().conversations.info({ channel: SECRET_OPS })).rejects.toMatchObject({
      data: { error: 'channel_not_found' },
    });
  });

  it('when history is read, then messages come newest first and paginate', async () => {
    const client = env.client();
    for (const text of ['h1', 'h2', 'h3']) await client.chat.postMessage({ channel: 'C0NOTIFY01', text });
    const first = await client.conversations.history({ channel: 'C0NOTIFY01', limit: 2 });
    expect(first.messages?.map((message) => message.text)).toEqual(['h3', 'h2']);
    expect(first.has_more).toBe(true);
    const second = await client.conversations.history({
      channel: 'C0NOTIFY01',
      limit: 2,
      cursor: first.response_metadata!.next_cursor!,
    });
    expect(second.messages?.map((message) => message.text)).toEqual(['h1']);
  });

  it('when members are listed, then conversations.members returns the channel members', async () => {
    const answer = await env.client().conversations.members({ channel: 'C0NOTIFY01' });
    expect(answer.members).toEqual(['U0REQUEST1', 'U0OPERATE1', BOT_USER_ID]);
  });

  it('when members are listed page by page, then each page carries the next cursor and the last an empty one', async () => {
    const first = await env.client().conversations.members({ channel: OPS, limit: 4 });
    expect(first).toMatchObject({ ok: true, response_metadata: { next_cursor: expect.any(String) } });
    expect(first.members).toEqual(['U0REQUEST1', 'U0APPROVE1', 'U0APPROVE2', 'U0APPROVE3']);
    const second = await env
      .client()
      .conversations.members({ channel: OPS, limit: 4, cursor: first.response_metadata!.next_cursor! });
    expect(second.members).toEqual(['U0OPERATE1', 'U0OUTSIDE1', BOT_USER_ID]);
    expect(second.response_metadata?.next_cursor).toBe('');
    const seen: string[] = [];
    for await (const page of env.client().paginate('conversations.members', { channel: OPS, limit: 2 })) {
      seen.push(...((page as { members?: string[] }).members ?? []));
    }
    expect(seen).toEqual([...(first.members ?? []), ...(second.members ?? [])]);
  });

  it('when the members of a channel the bot cannot see are asked for, then the answer is channel_not_found', async () => {
    for (const channel of [SECRET_OPS, 'C0NOCHANNEL']) {
      await expect(env.client().conversations.members({ channel })).rejects.toMatchObject({
        data: { error: 'channel_not_found' },
      });
    }
  });
});

describe('call counts', () => {
  it('when calls succeed and fail, then calls() counts them per method and error code', async () => {
    env.emulator.resetCalls();
    await env.client().auth.test();
    await env
      .client()
      .users.info({ user: 'U0NOBODY01' })
      .catch(() => undefined);
    expect(env.emulator.calls()).toEqual({
      'auth.test': { total: 1, ok: 1, errors: 0, rateLimited: 0, errorCodes: {} },
      'users.info': { total: 1, ok: 0, errors: 1, rateLimited: 0, errorCodes: { user_not_found: 1 } },
    });
  });
});
