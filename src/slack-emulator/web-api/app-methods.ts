// apps.connections.open: the URL of a new Socket Mode connection, for the app-level token.
import type { WebApiMethod } from './web-api-method.js';

export const APP_METHODS: Record<string, WebApiMethod> = {
  'apps.connections.open': ({ socketMode }) => ({ url: socketMode.openUrl() }),
};
