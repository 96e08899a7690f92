// manifest.yml asks for exactly the bot scopes and events the code needs: every Web API method the bot and the
// worker call (src/slack/web-api-calls.ts, checked against a scan of the source) through Slack's method → scope
// table (the emulator's), plus the scopes that grant a behaviour rather than a method.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { BOT_SCOPES, WEB_API_CALLS } from '../../src/slack/web-api-calls.js';
import { manifestBotEvents, manifestBotScopes } from '../../src/slack-emulator/manifest-scopes.js';
import { type ConversationType, METHOD_SCOPES } from '../../src/slack-emulator/web-api/method-scopes.js';

/** Scopes no method call shows, each with what it lets the bot do. */
const BEHAVIOUR_SCOPES: Record<string, string> = {
  commands: 'the /ssm slash command',
  'chat:write.public': 'chat.postMessage in public channels the bot was not invited to',
};

/** Where the bot calls conversation methods: the channels runs live in (never DMs, see web-api-calls.ts). */
const BOT_CONVERSATIONS: ConversationType[] = ['public', 'private'];

/** The emulators answer Slack's API (and AWS's) rather than call it. */
const EMULATORS = [join('src', 'slack-emulator'), join('src', 'sandbox')];

/** The product's own sources. */
function productSources(dir = 'src'): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return EMULATORS.includes(path) ? [] : productSources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** A WebClient knows every Web API method by name: `client.redis.quit()` is not one, `client.chat.update()` is. */
const webClient = new WebClient();
const isWebApiMethod = (name: string) =>
  typeof name.split('.').reduce<unknown>((at, part) => (at as Record<string, unknown>)?.[part], webClient) ===
  'function';

/** The SDK's wrappers that call several Web API methods: filesUploadV2 is Slack's two-step upload. */
const SDK_WRAPPERS: Record<string, string[]> = {
  filesUploadV2: ['files.getUploadURLExternal', 'files.completeUploadExternal'],
};

/**
 * The Web API methods a source calls: `client.chat.postMessage(…)`, `paginate('…')`, `apiCall('…')`, and those
 * of a wrapper (`client.filesUploadV2(…)`).
 */
function calledMethods(sources: string[]): Set<string> {
  const methods = new Set<string>();
  for (const source of sources) {
    for (const [, wrapper] of source.matchAll(/\bclient\s*\.\s*([a-zA-Z0-9]+)\s*\(/g)) {
      for (const method of SDK_WRAPPERS[wrapper!] ?? []) methods.add(method);
    }
    for (const [, method] of source.matchAll(/\bclient\s*\.\s*((?:[a-z]+\.)+[a-zA-Z]+)\s*\(/g)) {
      if (isWebApiMethod(method!)) methods.add(method!);
    }
    for (const [, method] of source.matchAll(/\.(?:paginate|apiCall)\(\s*['"`]([a-zA-Z.]+)['"`]/g)) {
      methods.add(method!);
    }
  }
  return methods;
}

/** The scopes a method needs wherever the bot calls it. */
function scopesFor(method: string): string[] {
  const rule = METHOD_SCOPES[method];
  if (!rule) throw new Error(`${method}: no scope rule in src/slack-emulator/web-api/method-scopes.ts`);
  if (rule.kind === 'none') return [];
  if (rule.kind === 'scope') return [rule.scope];
  return BOT_CONVERSATIONS.map((type) => rule.scopes[type]);
}

describe('manifest.yml scopes', () => {
  const sources = productSources().map((path) => readFileSync(path, 'utf8'));
  const listed = Object.keys(WEB_API_CALLS);
  const needed = new Set(listed.flatMap(scopesFor));

  it('when the source is scanned, then it calls exactly the methods web-api-calls.ts lists as ours', () => {
    const ours = listed.filter((method) => WEB_API_CALLS[method]!.caller === 'code');
    expect([...calledMethods(sources)].sort()).toEqual(ours.sort());
  });

  it('when the scan reads a call, then it finds every form the code uses (the scan itself can fail)', () => {
    const sample = [
      'await this.client.chat.postMessage(args);',
      'await client.usergroups.users.list({ usergroup });',
      "for await (const page of this.client.paginate('conversations.members', {",
      "client.apiCall( 'users.info', { user })",
      'await this.client.redis.disconnect();',
      'await this.client.filesUploadV2({ channel_id, file_uploads });',
    ];
    expect([...calledMethods(sample)]).toEqual([
      'chat.postMessage',
      'usergroups.users.list',
      'conversations.members',
      'users.info',
      'files.getUploadURLExternal',
      'files.completeUploadExternal',
    ]);
  });

  it('when every listed method is looked up in Slack’s table, then the manifest grants the scope it needs', () => {
    const granted = manifestBotScopes();
    const missing = [...needed].filter((scope) => !granted.includes(scope));
    expect(missing, 'add these to manifest.yml, or stop calling the methods that need them').toEqual([]);
  });

  it('when the readiness check compares the token, then it expects exactly the scopes the manifest asks for', () => {
    expect([...BOT_SCOPES].sort()).toEqual([...manifestBotScopes()].sort());
  });

  it('when the manifest is read, then it asks for no scope the code does not use', () => {
    const unused = manifestBotScopes().filter((scope) => !needed.has(scope) && !(scope in BEHAVIOUR_SCOPES));
    expect(unused, 'remove these from manifest.yml').toEqual([]);
  });

  it('when the manifest is read, then it subscribes to no event the code does not listen for', () => {
    const unheard = manifestBotEvents().filter(
      (event) => !sources.some((source) => new RegExp(`\\.event\\(\\s*['"\`]${event}['"\`]`).test(source)),
    );
    expect(unheard, 'remove these from settings.event_subscriptions.bot_events').toEqual([]);
  });
});
