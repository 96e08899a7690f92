// SlackChannelMembers against the emulator through the real WebClient: every page read, a channel the bot cannot
// see has no members, and each channel's list is read once per TTL however many ask.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackChannelMembers } from '../../src/slack/slack-channel-members.js';
import {
  ALICE,
  MALLORY,
  OPS,
  SECRET_OPS,
  startTestSlackEmulator,
  type TestSlackEmulator,
} from '../support/slack-emulator.js';

const NOTIFICATIONS = 'C0NOTIFY01';
let env: TestSlackEmulator;
beforeAll(async () => {
  env = await startTestSlackEmulator({ rateLimits: 'off' });
});
afterAll(() => env.close());

const membersCalls = () => env.emulator.calls()['conversations.members']?.total ?? 0;

describe('SlackChannelMembers', () => {
  it('when a channel has more members than a page holds, then members on every page are found', async () => {
    // One member a page: mallory is on the sixth of #ops's seven pages.
    const members = new SlackChannelMembers(env.client(), { pageSize: 1 });
    const before = membersCalls();

    expect(await members.isMember(OPS, MALLORY)).toBe(true);
    expect(membersCalls() - before).toBe(7);
  });

  it('when someone is not in a channel, then they are not a member', async () => {
    const members = new SlackChannelMembers(env.client());
    expect(await members.isMember(NOTIFICATIONS, MALLORY)).toBe(false);
    expect(await members.isMember(NOTIFICATIONS, ALICE)).toBe(true);
  });

  it('when the channel is private without the bot, or gone, then nobody is a member of it', async () => {
    const members = new SlackChannelMembers(env.client());
    expect(await members.isMember(SECRET_OPS, ALICE)).toBe(false);
    expect(await members.isMember('C0GONE0001', ALICE)).toBe(false);
  });

  it('when many ask about one channel at once, then it is read once, and again once ttlMs has passed', async () => {
    let now = 1_000_000;
    const members = new SlackChannelMembers(env.client(), { ttlMs: 1000, now: () => now });
    const before = membersCalls();

    expect(
      await Promise.all([
        members.isMember(OPS, ALICE),
        members.isMember(OPS, MALLORY),
        members.isMember(OPS, 'U0X'),
      ]),
    ).toEqual([true, true, false]);
    expect(membersCalls() - before).toBe(1);
    now += 1001;
    await members.isMember(OPS, ALICE);
    expect(membersCalls() - before).toBe(2);
  });

  it('when Slack fails otherwise, then the lookup fails rather than deny or allow', async () => {
    const members = new SlackChannelMembers(env.client({ token: 'xoxb-not-the-token' }));
    await expect(members.isMember(OPS, ALICE)).rejects.toMatchObject({ data: { error: 'invalid_auth' } });
  });
});
