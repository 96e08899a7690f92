// Every Web API method the emulator serves, by name and by the kind of token that may call it.
import { APP_METHODS } from './app-methods.js';
import { CHAT_METHODS } from './chat-methods.js';
import { CONVERSATION_METHODS } from './conversation-methods.js';
import { DIRECTORY_METHODS } from './directory-methods.js';
import { FILE_METHODS } from './file-methods.js';
import { VIEW_METHODS } from './view-methods.js';
import type { WebApiMethod } from './web-api-method.js';

/** Methods called with the bot token (xoxb-). */
export const WEB_API_METHODS: Readonly<Record<string, WebApiMethod>> = {
  ...DIRECTORY_METHODS,
  ...CHAT_METHODS,
  ...VIEW_METHODS,
  ...CONVERSATION_METHODS,
  ...FILE_METHODS,
};

/** Methods called with the app-level token (xapp-), which Slack takes only from the Authorization header. */
export const APP_TOKEN_METHODS: Readonly<Record<string, WebApiMethod>> = APP_METHODS;
