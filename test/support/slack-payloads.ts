// Builders of what Slack sends the app, with the field sets Slack sends: a slash command's form fields, a
// button's block_actions and a modal's view_submission (the decoded `payload`). Only what a test names changes.
import { FAKE_BOT } from './fake-slack-api.js';

const TEAM = { id: FAKE_BOT.teamId, domain: 'sandbox' };
const APP_ID = 'A0SSMCHAT1';
const VERIFICATION_TOKEN = 'verification-token-unused';

let triggers = 0;
/** A trigger id as Slack mints them (`<number>.<number>.<hex>`), different every time. */
export const aTriggerId = (): string => `${1_700_000_000 + ++triggers}.1234567890.abcdef${triggers}`;

function userOf(userId: string) {
  return { id: userId, username: userId.toLowerCase(), name: userId.toLowerCase(), team_id: TEAM.id };
}

export function aSlashCommand(input: {
  userId: string;
  channelId: string;
  text: string;
  responseUrl: string;
  triggerId?: string;
}): Record<string, string> {
  return {
    token: VERIFICATION_TOKEN,
    team_id: TEAM.id,
    team_domain: TEAM.domain,
    channel_id: input.channelId,
    channel_name: 'ops',
    user_id: input.userId,
    user_name: input.userId.toLowerCase(),
    command: '/ssm',
    text: input.text,
    api_app_id: APP_ID,
    is_enterprise_install: 'false',
    response_url: input.responseUrl,
    trigger_id: input.triggerId ?? aTriggerId(),
  };
}

/** A click on a button of a message the bot posted in `channelId`. */
export function aButtonClick(input: {
  userId: string;
  channelId: string;
  actionId: string;
  value: string;
  responseUrl: string;
  messageTs?: string;
  triggerId?: string;
}): Record<string, unknown> {
  const messageTs = input.messageTs ?? '1700000000.000200';
  return {
    type: 'block_actions',
    user: userOf(input.userId),
    api_app_id: APP_ID,
    token: VERIFICATION_TOKEN,
    team: TEAM,
    enterprise: null,
    is_enterprise_install: false,
    container: { type: 'message', message_ts: messageTs, channel_id: input.channelId, is_ephemeral: false },
    channel: { id: input.channelId, name: 'ops' },
    message: {
      type: 'message',
      ts: messageTs,
      user: FAKE_BOT.userId,
      bot_id: FAKE_BOT.botId,
      text: 'the message the button is on',
      blocks: [],
    },
    trigger_id: input.triggerId ?? aTriggerId(),
    state: { values: {} },
    response_url: input.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: input.actionId,
        block_id: 'actions',
        text: { type: 'plain_text', text: 'Button', emoji: true },
        value: input.value,
        action_ts: '1700000001.000300',
      },
    ],
  };
}

/** The submission of a modal the bot opened: `values` is the view state (`block_id → action_id → value`). */
export function aViewSubmission(input: {
  userId: string;
  callbackId: string;
  privateMetadata: string;
  values?: Record<string, Record<string, unknown>>;
  /** The view's blocks as Slack sends them back (default none). */
  blocks?: Array<Record<string, unknown>>;
}): Record<string, unknown> {
  return {
    type: 'view_submission',
    user: userOf(input.userId),
    api_app_id: APP_ID,
    token: VERIFICATION_TOKEN,
    team: TEAM,
    enterprise: null,
    is_enterprise_install: false,
    trigger_id: aTriggerId(),
    view: {
      id: 'V0MODAL001',
      team_id: TEAM.id,
      type: 'modal',
      callback_id: input.callbackId,
      private_metadata: input.privateMetadata,
      title: { type: 'plain_text', text: 'Modal', emoji: true },
      blocks: input.blocks ?? [],
      state: { values: input.values ?? {} },
      hash: 'h1',
      root_view_id: 'V0MODAL001',
      previous_view_id: null,
      app_id: APP_ID,
      bot_id: FAKE_BOT.botId,
    },
    response_urls: [],
  };
}
