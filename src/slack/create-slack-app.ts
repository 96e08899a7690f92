// The Bolt app: HTTP mode (signature-checked /slack/events) or Socket Mode, with every listener registered.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, HTTPReceiver, type Receiver } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import type { HttpRoute } from '../http/http-route.js';
import { boltLogger } from './bolt-logger.js';
import { registerAppHome } from './listeners/app-home.js';
import { registerChangeActions } from './listeners/change-actions.js';
import { registerComplianceActions } from './listeners/compliance-actions.js';
import { registerRunMessageActions } from './listeners/run-message-actions.js';
import { registerRunModal } from './listeners/run-modal-listeners.js';
import type { SlackListenerContext } from './listeners/slack-listener-context.js';
import { registerSsmCommand } from './listeners/ssm-command-listener.js';
import { logSlackFault } from './log-slack-fault.js';
import { refuseWithoutStore } from './refuse-without-store.js';

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
  /** HTTP mode: wraps Bolt's request listener, e.g. to refuse replayed requests before Bolt sees them. */
  guard?: (listener: RequestListener) => RequestListener;
  /**
   * Whether the store answers now (or answered a moment ago), within a bound; when absent every request is taken.
   */
  storeAnswers?: () => Promise<boolean>;
}

type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

export function createSlackApp(settings: SlackAppSettings, context: SlackListenerContext): App {
  const transport = settings.receiver
    ? { receiver: settings.receiver }
    : settings.appToken
      ? { signingSecret: settings.signingSecret, socketMode: true, appToken: settings.appToken }
      : { receiver: httpReceiver(settings, context) };
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
  if (settings.storeAnswers) app.use(refuseWithoutStore(settings.storeAnswers, context.logger));
  registerSsmCommand(app, context);
  registerRunMessageActions(app, context);
  registerRunModal(app, context);
  registerChangeActions(app, context);
  registerAppHome(app, context);
  registerComplianceActions(app, context);
  // Resolving (not rethrowing) keeps the receiver from logging the same error a second time.
  app.error(async (error) => logSlackFault(context.logger, error, {}, 'unhandled error in a Slack listener'));
  return app;
}

/** Bolt's own HTTP receiver (signature-checked /slack/events, our routes beside it), its listener guarded. */
function httpReceiver(settings: SlackAppSettings, context: SlackListenerContext): HTTPReceiver {
  const receiver = new HTTPReceiver({
    signingSecret: settings.signingSecret,
    customRoutes: settings.routes.map((route) => ({ ...route })),
    logger: boltLogger(context.logger),
    // Listeners ack first and do slow work after; Slack gets its answer as soon as ack() is called.
    processBeforeResponse: false,
  });
  // start() serves whatever requestListener holds then.
  if (settings.guard) receiver.requestListener = settings.guard(receiver.requestListener);
  return receiver;
}
