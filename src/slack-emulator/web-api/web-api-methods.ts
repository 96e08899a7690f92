// Every Web API method the emulator serves, by name.
import { CHAT_METHODS } from './chat-methods.js';
import { CONVERSATION_METHODS } from './conversation-methods.js';
import { DIRECTORY_METHODS } from './directory-methods.js';
import { VIEW_METHODS } from './view-methods.js';
import type { WebApiMethod } from './web-api-method.js';

export const WEB_API_METHODS: Readonly<Record<string, WebApiMethod>> = {
  ...DIRECTORY_METHODS,
  ...CHAT_METHODS,
  ...VIEW_METHODS,
  ...CONVERSATION_METHODS,
};
