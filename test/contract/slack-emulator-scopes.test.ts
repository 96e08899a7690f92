// Slack's scope model in the emulator: each method needs its scope (per conversation type for conversations.*),
// a missing one answers missing_scope with `needed` and `provided`, and chat:write.public lets the bot post in
// public channels it has not joined, never in private ones.
import { afterEach, describe, expect, it } from 'vitest';
import { manifestBotScopes } from '../../src/slack-emulator/manifest-scopes.js';
import { METHOD_SCOPES } from '../../src/slack-emulator/web-api/method-scopes.js';
import { WEB_API_METHODS } from '../../src/slack-emulator/web-api/web-api-methods.js';
import { loadWorkspaceFixture } from '../../src/slack-emulator/workspace-fixture.js';
import {
  OPS,
  SECRET_OPS,
  startTestSlackEmulator,
  type TestSlackEmulator,
} from '../support/slack-emulator.js';

/** A public channel the bot was never invited to. */
const LOBBY = 'C0LOBBY001';

let env: TestSlackEmulator;
afterEach(() => env?.close());

async function emulatorWith(scopes?: string[]): Promise<TestSlackEmulator> {
  const fixture = loadWorkspaceFixture();
  const workspace = {
    ...fixture,
    channels: [...fixture.channels, { id: LOBBY, name: 'lobby', members: ['U0REQUEST1'] }],
  };
  env = await startTestSlackEmulator({ workspace, ...(scopes && { scopes }) });
  return env;
}

/** The raw answer to a call, as Slack sends it (the WebClient would throw it away into an error). */
async function call(method: string, args: Record<string, string>): Promise<Record<string, unknown>> {
  const response = await fetch(`${env.emulator.apiUrl}${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${env.emulator.botToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

describe('scopes', () => {
  it('when the emulator serves a bot method, then it knows the scope that method needs', () => {
    expect(Object.keys(WEB_API_METHODS).filter((method) => !(method in METHOD_SCOPES))).toEqual([]);
  });

  it('when started without scopes, then the bot has exactly those manifest.yml asks for', async () => {
    await emulatorWith();
    const answer = await call('usergroups.users.list', { usergroup: 'S0NOSUCH01' });
    expect(answer.error).not.toBe('missing_scope');
    await env.emulator.setScopes(manifestBotScopes().filter((scope) => scope !== 'usergroups:read'));
    expect(await call('usergroups.users.list', { usergroup: 'S0NOSUCH01' })).toMatchObject({
      error: 'missing_scope',
    });
  });

  it('when a scope is missing, then the answer names the scope needed and the scopes provided, as Slack does', async () => {
    await emulatorWith(['commands', 'chat:write']);
    expect(await call('users.info', { user: 'U0REQUEST1' })).toEqual({
      ok: false,
      error: 'missing_scope',
      needed: 'users:read',
      provided: 'commands,chat:write',
    });
  });

  it('when a conversation is read, then the scope is that of its type: channels:* public, groups:* private', async () => {
    await emulatorWith(['chat:write', 'channels:history']);
    expect((await call('conversations.history', { channel: OPS })).ok).toBe(true);
    expect(await call('conversations.history', { channel: SECRET_OPS })).toMatchObject({
      error: 'missing_scope',
      needed: 'groups:history',
    });
    expect(await call('conversations.members', { channel: OPS })).toMatchObject({
      error: 'missing_scope',
      needed: 'channels:read',
    });
  });

  it('when a method needs no scope, then it answers whatever the token has', async () => {
    await emulatorWith([]);
    expect((await call('auth.test', {})).ok).toBe(true);
  });
});

describe('posting where the bot is not a member', () => {
  it('when chat:write.public is granted, then the bot posts in a public channel it has not joined', async () => {
    await emulatorWith(['chat:write', 'chat:write.public']);
    expect(await call('chat.postMessage', { channel: LOBBY, text: 'hello' })).toMatchObject({ ok: true });
  });

  it('when chat:write.public is not granted, then the same post answers not_in_channel', async () => {
    await emulatorWith(['chat:write']);
    expect(await call('chat.postMessage', { channel: LOBBY, text: 'hello' })).toMatchObject({
      ok: false,
      error: 'not_in_channel',
    });
  });

  it('when the channel is private and the bot is not in it, then even chat:write.public does not let it post', async () => {
    await emulatorWith(['chat:write', 'chat:write.public', 'groups:read']);
    const answer = await call('chat.postMessage', { channel: SECRET_OPS, text: 'hello' });
    expect(answer.ok).toBe(false);
    expect(['not_in_channel', 'channel_not_found']).toContain(answer.error);
  });
});
