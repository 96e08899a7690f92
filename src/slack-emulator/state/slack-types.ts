// The shapes the emulator stores and hands out: messages, ephemeral messages and views, as Slack returns them.

export type JsonObject = Record<string, unknown>;

/** A message in a channel, shaped like an item of conversations.history. */
export interface SlackMessage {
  type: 'message';
  ts: string;
  team: string;
  text: string;
  user?: string;
  bot_id?: string;
  app_id?: string;
  /** `thread_broadcast` for replies also sent to the channel. */
  subtype?: string;
  blocks?: JsonObject[];
  attachments?: JsonObject[];
  metadata?: JsonObject;
  /** Files shared with the message (files.completeUploadExternal), with `upload: true` as Slack marks it. */
  files?: SlackFile[];
  upload?: boolean;
  thread_ts?: string;
  parent_user_id?: string;
  reply_count?: number;
  reply_users?: string[];
  reply_users_count?: number;
  latest_reply?: string;
  edited?: { user: string; ts: string };
  bot_profile?: { id: string; app_id: string; name: string; team_id: string; deleted: boolean };
}

/** A file as Slack shows it in a message (a subset of Slack's file object). */
export interface SlackFile {
  id: string;
  /** Epoch seconds. */
  created: number;
  timestamp: number;
  name: string;
  title: string;
  mimetype: string;
  filetype: string;
  pretty_type: string;
  user: string;
  user_team: string;
  editable: boolean;
  size: number;
  mode: 'hosted' | 'snippet';
  is_external: boolean;
  external_type: string;
  is_public: boolean;
  public_url_shared: boolean;
  display_as_bot: boolean;
  username: string;
  /** Where the file's bytes are served (by the emulator's control API, see control-api.ts). */
  url_private: string;
  url_private_download: string;
  alt_txt?: string;
  file_access: 'visible';
}

/** Where an ephemeral message came from: the Web API, a response_url, the bot's answer to a command, or Slack itself. */
export type EphemeralSource = 'chat.postEphemeral' | 'response_url' | 'command_response' | 'slack';

/** An ephemeral message: seen only by `user`, never in history, so the emulator keeps it apart. */
export interface EphemeralMessage {
  type: 'message';
  ts: string;
  channel: string;
  /** The one user who sees it. */
  user: string;
  text: string;
  blocks?: JsonObject[];
  attachments?: JsonObject[];
  thread_ts?: string;
  bot_id?: string;
  source: EphemeralSource;
}

export interface SelectedOption {
  text: JsonObject;
  value: string;
  description?: JsonObject;
}

/** One element's entry in `view.state.values[block_id][action_id]`. */
export interface ViewStateValue {
  type: string;
  value?: string | null;
  selected_option?: SelectedOption | null;
  selected_options?: SelectedOption[];
  selected_user?: string | null;
  selected_users?: string[];
  selected_conversation?: string | null;
  selected_conversations?: string[];
  selected_channel?: string | null;
  selected_channels?: string[];
  selected_date?: string | null;
  selected_time?: string | null;
  /** A datetimepicker's choice: unix seconds (a number, unlike every other picker's string). */
  selected_date_time?: number | null;
}

export type ViewStateValues = Record<string, Record<string, ViewStateValue>>;

/** A view as Slack returns it from views.open and sends it in payloads. */
export interface SlackView {
  id: string;
  team_id: string;
  type: 'modal' | 'home';
  title?: JsonObject;
  submit?: JsonObject | null;
  close?: JsonObject | null;
  blocks: JsonObject[];
  private_metadata: string;
  callback_id: string;
  external_id: string;
  state: { values: ViewStateValues };
  hash: string;
  clear_on_close: boolean;
  notify_on_close: boolean;
  submit_disabled: boolean;
  root_view_id: string | null;
  previous_view_id: string | null;
  app_id: string;
  app_installed_team_id: string;
  bot_id: string;
}

/** A view as the emulator keeps it: Slack's fields plus what the user sees around it. */
export interface EmulatedView extends SlackView {
  /** The user the view is shown to. */
  user_id: string;
  /** False once closed, cleared or replaced in the stack by a views.open. */
  is_open: boolean;
  /** Errors from the last `response_action: 'errors'`, by block_id, as shown under the inputs. */
  errors: Record<string, string>;
  /** What Slack shows at the top of the modal when the app failed to answer a submission. */
  display_error?: string;
}
