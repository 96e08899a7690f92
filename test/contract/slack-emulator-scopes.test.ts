// Slack's scope model in the emulator: each method needs its scope (per conversation type for conversations.*),
// a missing one answers missing_scope with `needed` and `provided`, and chat:write.public lets the bot post in
// public channels it has not joined, never in private ones.
import { afterEach, describe, expect, it } from 'vitest';
import { manifestBotScopes } from '../../src/slack-emulator/manifest-scopes.js';
import { METHOD_SCOPES } from '../../src/slack-emulator/web-api/method-scopes.js';
import { WEB_API_METHODS } from '../../src/slack-emulator/web-api/web-api-methods.js';
import { loadWorkspaceFixture } from '../../src/slack-emulator/workspace-fixture.js';
import {
  ALICE,
  BOT_USER_ID,
  OPS,
  SECRET_OPS,
  startTestSlackEmulator,
  type TestSlackEmulator,
} from '../support/slack-emulator.js';

/** A public channel the bot was never invited to. */
const LOBBY = 'C0LOBBY001';
/** A private channel the bot is in. */
const BOT_PRIVATE = 'G0BOTPRIV1';
/** Alice's DM with the bot, opened by the first post to her user id. */
const ALICE_DM = `D${ALICE.slice(1)}`;

let env: TestSlackEmulator;
afterEach(() => env?.close());

async function emulatorWith(scopes?: string[]): Promise<TestSlackEmulator> {
  const fixture = loadWorkspaceFixture();
  const workspace = {
    ...fixture,
    channels: [
      ...fixture.channels,
      { id: LOBBY, name: 'lobby', private: false, topic: '', purpose: '', members: [ALICE] },
      {
        id: BOT_PRIVATE,
        name: 'bot-private',
        private: true,
        topic: '',
        purpose: '',
        members: [ALICE, BOT_USER_ID],
      },
    ],
  };
  env = await startTestSlackEmulator({ workspace, rateLimits: 'off', ...(scopes && { scopes }) });
  return env;
}

/** The raw answer to a call, as Slack sends it (status and body), without a client in between. */
async function call(method: string, args: Record<string, string>): Promise<Record<string, unknown>> {
  const response = await fetch(`${env.emulator.apiUrl}${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${env.emulator.botToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

async function control(method: 'GET' | 'PUT', path: string, body?: unknown) {
  const response = await fetch(`${env.emulator.url}/_emulator/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('scopes', () => {
  it('when the emulator serves a bot method, then it knows the scope that method needs', () => {
    expect(Object.keys(WEB_API_METHODS).filter((method) => !(method in METHOD_SCOPES))).toEqual([]);
  });

  it('when started without scopes, then the bot has exactly those manifest.yml asks for', async () => {
    await emulatorWith();
    expect(env.emulator.scopes()).toEqual(manifestBotScopes());
    expect((await control('GET', 'scopes')).body).toEqual({ scopes: manifestBotScopes() });
    expect(await call('usergroups.users.list', { usergroup: 'S0SECURITY' })).toMatchObject({ ok: true });
  });

  it('when a test revokes a scope through the control API, then the method that needs it answers missing_scope', async () => {
    await emulatorWith();
    const without = manifestBotScopes().filter((scope) => scope !== 'usergroups:read');
    expect((await control('PUT', 'scopes', { scopes: without })).body).toEqual({ scopes: without });
    expect(await call('usergroups.users.list', { usergroup: 'S0SECURITY' })).toMatchObject({
      ok: false,
      error: 'missing_scope',
      needed: 'usergroups:read',
    });
    expect((await control('PUT', 'scopes', { scopes: 'chat:write' })).status).toBe(400);
  });

  it('when a scope is missing, then the answer is 200 with the scope needed and the scopes provided, as Slack sends it', async () => {
    await emulatorWith(['commands', 'chat:write', 'channels:read']);
    expect(await call('users.info', { user: ALICE })).toEqual({
      ok: false,
      error: 'missing_scope',
      needed: 'users:read',
      provided: 'commands,chat:write,channels:read',
    });
  });

  it('when the WebClient gets missing_scope, then its error carries needed and provided (what the bot logs)', async () => {
    await emulatorWith(['chat:write']);
    await expect(env.client().conversations.history({ channel: OPS })).rejects.toMatchObject({
      data: { ok: false, error: 'missing_scope', needed: 'channels:history', provided: 'chat:write' },
    });
  });

  it('when the bot token calls, then the answer names its scopes in x-oauth-scopes, as Slack does', async () => {
    await emulatorWith(['chat:write', 'channels:read']);
    const answer = await env.client().auth.test();
    expect(answer.response_metadata?.scopes).toEqual(['chat:write', 'channels:read']);
    // Also on a refusal: Slack sends the header whatever the call's outcome.
    const refused = await fetch(`${env.emulator.apiUrl}conversations.history`, {
      method: 'POST',
      headers: { authorization: `Bearer ${env.emulator.botToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: OPS }),
    });
    expect(refused.headers.get('x-oauth-scopes')).toBe('chat:write,channels:read');
  });

  it('when a conversation is read, then it needs the scope of its type: channels:*, groups:*, im:*', async () => {
    await emulatorWith(['chat:write', 'channels:history', 'channels:read']);
    expect((await call('conversations.history', { channel: OPS })).ok).toBe(true);
    expect((await call('conversations.members', { channel: OPS })).ok).toBe(true);
    expect(await call('conversations.history', { channel: BOT_PRIVATE })).toMatchObject({
      error: 'missing_scope',
      needed: 'groups:history',
    });
    expect(await call('conversations.members', { channel: BOT_PRIVATE })).toMatchObject({
      error: 'missing_scope',
      needed: 'groups:read',
    });
    expect((await call('chat.postMessage', { channel: ALICE, text: 'hi' })).ok).toBe(true);
    expect(await call('conversations.replies', { channel: ALICE_DM, ts: '1.0' })).toMatchObject({
      error: 'missing_scope',
      needed: 'im:history',
    });
    env.emulator.setScopes(['chat:write', 'groups:history', 'groups:read']);
    expect((await call('conversations.history', { channel: BOT_PRIVATE })).ok).toBe(true);
    expect((await call('conversations.members', { channel: BOT_PRIVATE })).ok).toBe(true);
    expect(await call('conversations.history', { channel: OPS })).toMatchObject({
      needed: 'channels:history',
    });
  });

  it('when the bot cannot see a private channel, then it is channel_not_found whatever the scopes, as Slack hides it', async () => {
    await emulatorWith(['chat:write']);
    expect(await call('conversations.history', { channel: SECRET_OPS })).toEqual({
      ok: false,
      error: 'channel_not_found',
    });
  });

  it('when a method needs no scope, then it answers whatever the token has', async () => {
    await emulatorWith([]);
    expect((await call('auth.test', {})).ok).toBe(true);
  });

  it('when a post lacks chat:write, then missing_scope comes before anything about the channel', async () => {
    await emulatorWith(['chat:write.public']);
    expect(await call('chat.postMessage', { channel: LOBBY, text: 'hello' })).toMatchObject({
      error: 'missing_scope',
      needed: 'chat:write',
    });
  });
});

describe('posting where the bot is not a member', () => {
  it('when chat:write.public is granted, then the bot posts in a public channel it has not joined', async () => {
    await emulatorWith(['chat:write', 'chat:write.public']);
    expect(await call('chat.postMessage', { channel: LOBBY, text: 'hello' })).toMatchObject({ ok: true });
  });

  it('when chat:write.public is not granted, then the same post answers not_in_channel', async () => {
    await emulatorWith(['chat:write']);
    expect(await call('chat.postMessage', { channel: LOBBY, text: 'hello' })).toEqual({
      ok: false,
      error: 'not_in_channel',
    });
  });

  it('when the bot is in the channel, then it posts without chat:write.public', async () => {
    await emulatorWith(['chat:write']);
    expect((await call('chat.postMessage', { channel: OPS, text: 'hello' })).ok).toBe(true);
    expect((await call('chat.postMessage', { channel: BOT_PRIVATE, text: 'hello' })).ok).toBe(true);
  });

  it('when the channel is private and the bot is not in it, then chat:write.public does not let it post', async () => {
    await emulatorWith(['chat:write', 'chat:write.public', 'groups:read']);
    // Slack hides a private channel from a bot outside it: channel_not_found, not not_in_channel.
    expect(await call('chat.postMessage', { channel: SECRET_OPS, text: 'hello' })).toEqual({
      ok: false,
      error: 'channel_not_found',
    });
  });

  it('when chat:write.public lets a post in, then reading that channel still needs membership', async () => {
    await emulatorWith(['chat:write', 'chat:write.public', 'channels:history']);
    expect((await call('chat.postMessage', { channel: LOBBY, text: 'hello' })).ok).toBe(true);
    expect(await call('conversations.history', { channel: LOBBY })).toEqual({
      ok: false,
      error: 'not_in_channel',
    });
  });
});
