// The workspace fixture: the default one loads, and a broken one is refused with errors that name the key.
import { describe, expect, it } from 'vitest';
import {
  loadWorkspaceFixture,
  parseWorkspaceFixture,
  startSlackEmulator,
} from '../../src/slack-emulator/index.js';

describe('the workspace fixture', () => {
  it('when the default fixture is loaded, then it has the team, the bot, six people, three groups and five channels', () => {
    const fixture = loadWorkspaceFixture();
    expect(fixture.team).toEqual({ id: 'T0SANDBOX', name: 'Sandbox Co', domain: 'sandbox-co' });
    expect(fixture.bot).toMatchObject({
      userId: 'U0BOT00001',
      botId: 'B0BOT00001',
      name: 'ssm-chatops',
      token: 'xoxb-sandbox-bot-token',
    });
    expect(fixture.app.signingSecret).toBe('sandbox-signing-secret');
    expect(fixture.users.map((user) => user.name)).toEqual([
      'alice',
      'bob',
      'carol',
      'dave',
      'erin',
      'mallory',
    ]);
    expect(fixture.userGroups.map((group) => group.handle)).toEqual(['sre-leads', 'security', 'platform']);
    expect(fixture.channels.find((channel) => channel.id === 'G0PRIVATE1')).toMatchObject({
      private: true,
      members: ['U0REQUEST1'],
    });
  });

  it('when a fixture has bad ids and unknown members, then the error names each key', () => {
    const fixture = loadWorkspaceFixture();
    const broken = {
      ...fixture,
      bot: { ...fixture.bot, token: 'xoxp-user-token' },
      channels: [
        { id: 'ops', name: 'ops' },
        { id: 'C0GOOD0001', name: 'good', members: ['U0GHOST001'] },
      ],
    };
    expect(() => parseWorkspaceFixture(broken)).toThrow(
      /bot\.token: must be a bot token[\s\S]*channels\.0\.id: must be a Slack channel id/,
    );
    const ghost = { ...fixture, channels: [{ id: 'C0GOOD0001', name: 'good', members: ['U0GHOST001'] }] };
    expect(() => parseWorkspaceFixture(ghost)).toThrow(/channels\.0\.members\.0: unknown user U0GHOST001/);
  });

  it('when the emulator is given a fixture object and overrides, then it serves that workspace', async () => {
    const fixture = loadWorkspaceFixture();
    const emulator = await startSlackEmulator({
      workspace: { ...fixture, team: { id: 'T0OTHER001', name: 'Other', domain: 'other' } },
      botToken: 'xoxb-other',
      signingSecret: 'other-secret',
    });
    try {
      expect(emulator).toMatchObject({ botToken: 'xoxb-other', signingSecret: 'other-secret' });
      const response = await fetch(`${emulator.apiUrl}auth.test`, {
        method: 'POST',
        headers: { authorization: 'Bearer xoxb-other' },
      });
      expect(await response.json()).toMatchObject({ ok: true, team_id: 'T0OTHER001' });
    } finally {
      await emulator.close();
    }
  });
});
