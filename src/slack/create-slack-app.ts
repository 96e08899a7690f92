// The Bolt app: HTTP mode (signature-checked /slack/events) or Socket Mode, with every listener registered.
import { App, type Receiver } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import type { HttpRoute } from '../http/http-route.js';
import { boltLogger } from './bolt-logger.js';
import { registerChangeActions } from './listeners/change-actions.js';
import { registerRunMessageActions } from './listeners/run-message-actions.js';
import { registerRunModal } from './listeners/run-modal-listeners.js';
import type { SlackListenerContext } from './listeners/slack-listener-context.js';
import { registerSsmCommand } from './listeners/ssm-command-listener.js';
import { logSlackFault } from './log-slack-fault.js';

export interface SlackAppSettings {
  signingSecret: string;
  botToken: string;
  /** Socket Mode when set (an app-level xapp- token). */
  appToken?: string;
  clientOptions: WebClientOptions;
  /** Served beside /slack/events in HTTP mode; in Socket Mode the caller serves them itself. */
  routes: HttpRoute[];
  /**
   * A receiver of the caller's own instead of HTTP or Socket Mode (tests push payloads through it with
   * `app.processEvent`); `signingSecret`, `appToken` and `routes` are then unused.
   */
  receiver?: Receiver;
}

export function createSlackApp(settings: SlackAppSettings, context: SlackListenerContext): App {
  const transport = settings.receiver
    ? { receiver: settings.receiver }
    : settings.appToken
      ? { signingSecret: settings.signingSecret, socketMode: true, appToken: settings.appToken }
      : {
          signingSecret: settings.signingSecret,
          customRoutes: settings.routes.map((route) => ({ ...route })),
        };
  const app = new App({
    token: settings.botToken,
    ...transport,
    clientOptions: settings.clientOptions,
    logger: boltLogger(context.logger),
    // Listeners ack first and do slow work after; Slack gets its answer as soon as ack() is called.
    processBeforeResponse: false,
    // Bolt's conversation store keeps per-conversation state in memory with timers; nothing here uses it.
    convoStore: false,
  });
  registerSsmCommand(app, context);
  registerRunMessageActions(app, context);
  registerRunModal(app, context);
  registerChangeActions(app, context);
  // Resolving (not rethrowing) keeps the receiver from logging the same error a second time.
  app.error(async (error) => logSlackFault(context.logger, error, {}, 'unhandled error in a Slack listener'));
  return app;
}
