// What a Web API method handler gets and returns.
import type { SocketModeServer } from '../socket-mode/socket-mode-server.js';
import type { EmulatorState } from '../state/emulator-state.js';
import type { JsonObject } from '../state/slack-types.js';
import type { ApiArgs } from './api-args.js';

export interface MethodContext {
  state: EmulatorState;
  args: ApiArgs;
  /** The emulator's base URL, for permalinks. */
  baseUrl: string;
  /** Issues Socket Mode connection URLs. */
  socketMode: Pick<SocketModeServer, 'openUrl'>;
}

/** Returns the fields of a successful answer (without `ok`); throws SlackApiError for `ok: false`. */
export type WebApiMethod = (ctx: MethodContext) => JsonObject;
