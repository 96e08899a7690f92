// Builders of the payloads Slack sends to an app: slash commands, block_actions, view_submission, view_closed,
// block_suggestion and the app_home_opened event, with the full field sets Slack sends.
import type {
  EmulatedView,
  EphemeralMessage,
  JsonObject,
  SlackMessage,
  ViewStateValues,
} from '../state/slack-types.js';
import type { WorkspaceDirectory } from '../state/workspace-directory.js';
import { toSlackView } from '../web-api/view-methods.js';

export interface Actor {
  directory: WorkspaceDirectory;
  userId: string;
}

function teamOf({ directory }: Actor) {
  return { id: directory.team.id, domain: directory.team.domain };
}

function userOf({ directory, userId }: Actor) {
  const name = directory.user(userId)?.name ?? userId;
  return { id: userId, username: name, name, team_id: directory.team.id };
}

function common(actor: Actor) {
  return {
    api_app_id: actor.directory.app.id,
    token: actor.directory.app.verificationToken,
    team: teamOf(actor),
    enterprise: null,
    is_enterprise_install: false,
  };
}

function channelName(directory: WorkspaceDirectory, channelId: string): string {
  const channel = directory.channel(channelId);
  if (!channel) return channelId;
  return channel.isIm ? 'directmessage' : channel.name;
}

/** The form fields of a slash command. */
export function slashCommandFields(
  actor: Actor,
  input: { channelId: string; command: string; text: string; responseUrl: string; triggerId: string },
): Record<string, string> {
  const { directory, userId } = actor;
  return {
    token: directory.app.verificationToken,
    team_id: directory.team.id,
    team_domain: directory.team.domain,
    channel_id: input.channelId,
    channel_name: channelName(directory, input.channelId),
    user_id: userId,
    user_name: directory.user(userId)?.name ?? userId,
    command: input.command,
    text: input.text,
    api_app_id: directory.app.id,
    is_enterprise_install: 'false',
    response_url: input.responseUrl,
    trigger_id: input.triggerId,
  };
}

/** Where an interaction happened: a message in a channel, an ephemeral message, or a view. */
export type InteractionContainer =
  | { kind: 'message'; channelId: string; message: SlackMessage }
  | { kind: 'ephemeral'; channelId: string; message: EphemeralMessage }
  | { kind: 'view'; view: EmulatedView };

function containerFields(actor: Actor, container: InteractionContainer): JsonObject {
  if (container.kind === 'view') {
    return {
      container: { type: 'view', view_id: container.view.id },
      view: toSlackView(container.view),
    };
  }
  const channel = { id: container.channelId, name: channelName(actor.directory, container.channelId) };
  const isEphemeral = container.kind === 'ephemeral';
  const message = container.message;
  return {
    container: {
      type: 'message',
      message_ts: message.ts,
      channel_id: container.channelId,
      is_ephemeral: isEphemeral,
      ...('thread_ts' in message && message.thread_ts ? { thread_ts: message.thread_ts } : {}),
    },
    channel,
    // Slack leaves the message out for ephemeral messages: the app has to keep what it sent.
    ...(isEphemeral ? {} : { message }),
  };
}

export function blockActionsPayload(
  actor: Actor,
  input: {
    container: InteractionContainer;
    action: JsonObject;
    triggerId: string;
    responseUrl?: string;
    state: ViewStateValues;
  },
): JsonObject {
  return {
    type: 'block_actions',
    user: userOf(actor),
    ...common(actor),
    ...containerFields(actor, input.container),
    trigger_id: input.triggerId,
    state: { values: input.state },
    ...(input.responseUrl ? { response_url: input.responseUrl } : {}),
    actions: [input.action],
  };
}

export function viewSubmissionPayload(actor: Actor, view: EmulatedView, triggerId: string): JsonObject {
  return {
    type: 'view_submission',
    user: userOf(actor),
    ...common(actor),
    trigger_id: triggerId,
    view: toSlackView(view),
    response_urls: [],
  };
}

export function viewClosedPayload(actor: Actor, view: EmulatedView, isCleared: boolean): JsonObject {
  return {
    type: 'view_closed',
    user: userOf(actor),
    ...common(actor),
    view: toSlackView(view),
    is_cleared: isCleared,
  };
}

export function blockSuggestionPayload(
  actor: Actor,
  input: { container: InteractionContainer; blockId: string; actionId: string; value: string },
): JsonObject {
  return {
    type: 'block_suggestion',
    user: userOf(actor),
    ...common(actor),
    ...containerFields(actor, input.container),
    block_id: input.blockId,
    action_id: input.actionId,
    value: input.value,
  };
}

/** The Events API envelope of app_home_opened (a JSON body, signed like every request). */
export function appHomeOpenedEvent(
  actor: Actor,
  input: { channelId: string; eventId: string; eventTs: string; view?: EmulatedView },
): JsonObject {
  const { directory, userId } = actor;
  return {
    token: directory.app.verificationToken,
    team_id: directory.team.id,
    api_app_id: directory.app.id,
    event: {
      type: 'app_home_opened',
      user: userId,
      channel: input.channelId,
      tab: 'home',
      ...(input.view ? { view: toSlackView(input.view) } : {}),
      event_ts: input.eventTs,
    },
    type: 'event_callback',
    event_id: input.eventId,
    event_time: Math.floor(Number(input.eventTs)),
    authorizations: [
      {
        enterprise_id: null,
        team_id: directory.team.id,
        user_id: directory.bot.userId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
  };
}
