// Starts the Slack emulator: a workspace from a fixture, the Web API, the driver, and what tests observe.
import type { SlackDriver } from './driver/slack-driver.js';
import { SlackDriver as Driver } from './driver/slack-driver.js';
import { type AppHomeSettings, manifestAppHome, manifestBotScopes } from './manifest-scopes.js';
import type { TourAnswer } from './playground/playground-tour.js';
import { SandboxProxy } from './playground/sandbox-proxy.js';
import { type ForcedRateLimit, RateLimiter, type RateLimitMode } from './rate-limiter.js';
import { ResponseUrls } from './response-urls.js';
import { listenSlackEmulator, portOf } from './server.js';
import type { DisconnectReason } from './socket-mode/socket-mode-messages.js';
import { SocketModeServer } from './socket-mode/socket-mode-server.js';
import type { CallCount } from './state/call-counter.js';
import type { ChangeFeed, SlackEmulatorEvent } from './state/change-feed.js';
import { EmulatorState } from './state/emulator-state.js';
import type { SharedFile } from './state/file-store.js';
import type { EmulatedView, EphemeralMessage, SlackMessage } from './state/slack-types.js';
import type { WorkspaceDirectory } from './state/workspace-directory.js';
import { describeState, type WaitForOptions, waitFor } from './wait-for.js';
import { loadWorkspaceFixture, parseWorkspaceFixture, type WorkspaceFixture } from './workspace-fixture.js';

const NO_TOUR: TourAnswer = {
  tour: null,
  reason: 'the tour walks the product behind this workspace: start it with npm run demo',
};

export interface SlackEmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** 127.0.0.1 by default. */
  host?: string;
  /** A workspace YAML path, or the fixture as an object; fixtures/slack/workspace.yml by default. */
  workspace?: string | WorkspaceFixture | Record<string, unknown>;
  signingSecret?: string;
  botToken?: string;
  /** The app-level token (xapp-) that opens Socket Mode connections; the workspace's by default. */
  appToken?: string;
  /** The app's request URL (its `/slack/events`); can be set later with setRequestUrl. */
  requestUrl?: string;
  /**
   * The AWS sandbox's URL: the playground then shows its organization and injects failures through its control
   * API. Without it the playground hides that panel. Can be set later with setSandboxUrl.
   */
  sandboxUrl?: string;
  /**
   * The playground's "Try it" tour, or why there is none (the panel then says so). Without it the playground has
   * none: the emulator alone knows nothing of the product behind it. Can be set later with setTour.
   */
  tour?: TourAnswer;
  /** 'slack' (the default) applies Slack's tiers; 'off' lets every call through (forced 429s still apply). */
  rateLimits?: RateLimitMode;
  /** The emulator clock in epoch ms: message ts values, trigger and response_url expiry, rate-limit refills. */
  now?: () => number;
  /** How long the app has to answer a request before Slack gives up: 3000 ms, in real time. */
  ackTimeoutMs?: number;
  /** How often Socket Mode connections are pinged (real time); one that missed the last pong is dropped. */
  socketPingIntervalMs?: number;
  /** Called for faults inside the emulator (not for Slack errors it answers with). */
  onInternalError?: (error: unknown) => void;
  /**
   * The bot token's scopes: manifest.yml's `oauth_config.scopes.bot` by default, as Slack grants them on install.
   * Every Web API method checks the scope it needs (web-api/method-scopes.ts).
   */
  scopes?: readonly string[];
  /**
   * The Home tab and the bot events: manifest.yml's by default. Without `home_tab_enabled` views.publish answers
   * not_enabled and nobody can open the Home; without the `app_home_opened` subscription the app is not told.
   */
  appHome?: AppHomeSettings;
}

export interface SlackEmulator {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** `${url}/api/`: the `slackApiUrl` for WebClient and Bolt's `clientOptions`. */
  readonly apiUrl: string;
  /** `${url}/playground`: the Slack-like page where a person acts as the workspace's users. */
  readonly playgroundUrl: string;
  readonly port: number;
  readonly botToken: string;
  /** The app-level token for Socket Mode (`appToken` in Bolt). */
  readonly appToken: string;
  readonly signingSecret: string;
  readonly requestUrl: string | undefined;
  readonly sandboxUrl: string | undefined;
  readonly driver: SlackDriver;
  readonly workspace: WorkspaceDirectory;
  setRequestUrl(url: string): void;
  /** Points the playground's sandbox panel at an AWS sandbox (its base URL, without /_sandbox). */
  setSandboxUrl(url: string): void;
  /** What the playground's "Try it" panel offers (see SlackEmulatorOptions.tour). */
  setTour(tour: TourAnswer): void;
  /**
   * Socket Mode connections that receive envelopes. While there is one, the driver sends everything over
   * Socket Mode (as Slack does); with none, it sends signed requests to the request URL.
   */
  socketConnections(): number;
  /** Sends `{"type":"disconnect"}` on every connection (refresh_requested by default), as Slack does. */
  disconnectSockets(reason?: DisconnectReason): void;
  /** What the channel shows, oldest first: top-level messages and broadcast replies. */
  messages(channelId: string): SlackMessage[];
  /** The thread's parent followed by its replies, oldest first. */
  thread(channelId: string, threadTs: string): SlackMessage[];
  ephemerals(userId: string, channelId?: string): EphemeralMessage[];
  /** Files shared by files.completeUploadExternal (in a channel or kept private), oldest first, with their bytes. */
  files(): SharedFile[];
  /** The shared file with this id, or undefined (never uploaded, or not completed). */
  file(fileId: string): SharedFile | undefined;
  /** The next `count` POSTs to upload URLs answer 500 and keep nothing. */
  failUploads(count: number): void;
  /** The user's open modals, root first (the last one is what the user sees). */
  openViews(userId: string): EmulatedView[];
  homeView(userId: string): EmulatedView | undefined;
  view(viewId: string): EmulatedView | undefined;
  /** Web API calls per method, rate-limited ones included. */
  calls(): Record<string, CallCount>;
  resetCalls(): void;
  /** Subscribe to a change type, or to all with 'change'; returns the unsubscribe function. */
  readonly on: ChangeFeed['on'];
  recentEvents(): readonly SlackEmulatorEvent[];
  /** Resolves with the predicate's first truthy result, re-checked on every change. */
  waitFor<T>(
    predicate: (emulator: SlackEmulator) => T | undefined | null | false | '' | 0,
    options?: WaitForOptions,
  ): Promise<T>;
  /** A fresh trigger id for the user, as if they had just interacted (valid 3 s on the emulator clock, once). */
  issueTriggerId(userId: string): string;
  /** Forces the next `count` calls of a method (all methods without one) to answer 429. */
  forceRateLimit(rule: ForcedRateLimit): void;
  /** Replaces the bot token's scopes, as reinstalling the app with other scopes would (a test revokes one). */
  setScopes(scopes: readonly string[]): void;
  /** The bot token's scopes, in the order granted. */
  scopes(): readonly string[];
  setRateLimits(mode: RateLimitMode): void;
  /** A readable dump of the workspace and the last events. */
  describe(): string;
  close(): Promise<void>;
}

function fixtureFrom(option: SlackEmulatorOptions['workspace']): WorkspaceFixture {
  if (option === undefined || typeof option === 'string') return loadWorkspaceFixture(option);
  return parseWorkspaceFixture(option, 'workspace option');
}

export async function startSlackEmulator(options: SlackEmulatorOptions = {}): Promise<SlackEmulator> {
  const fixture = fixtureFrom(options.workspace);
  const signingSecret = options.signingSecret ?? fixture.app.signingSecret;
  const botToken = options.botToken ?? fixture.bot.token;
  const appToken = options.appToken ?? fixture.app.appToken;
  const state = new EmulatorState(
    {
      ...fixture,
      app: { ...fixture.app, signingSecret, appToken },
      bot: { ...fixture.bot, token: botToken },
    },
    options.now ?? Date.now,
  );
  state.grantScopes(options.scopes ?? manifestBotScopes());
  state.appHome = options.appHome ?? manifestAppHome();
  const host = options.host ?? '127.0.0.1';
  let url = '';
  let requestUrl = options.requestUrl;
  const setRequestUrl = (next: string) => {
    requestUrl = next;
  };
  let sandboxUrl = options.sandboxUrl?.replace(/\/+$/, '');
  const setSandboxUrl = (next: string) => {
    sandboxUrl = next.replace(/\/+$/, '');
  };
  let tour: TourAnswer = options.tour ?? NO_TOUR;
  const setTour = (next: TourAnswer) => {
    tour = next;
  };
  const rateLimiter = new RateLimiter(options.rateLimits ?? 'slack', state.now);
  const responseUrls = new ResponseUrls(state, () => url);
  const socketMode = new SocketModeServer({
    state,
    baseUrl: () => url,
    pingIntervalMs: options.socketPingIntervalMs,
  });
  const driver = new Driver(state, responseUrls, {
    signingSecret,
    requestUrl: () => requestUrl,
    socketMode,
    ackTimeoutMs: options.ackTimeoutMs,
  });
  const server = await listenSlackEmulator(
    {
      state,
      rateLimiter,
      responseUrls,
      driver,
      socketMode,
      baseUrl: () => url,
      setRequestUrl,
      setSandboxUrl,
      sandboxProxy: new SandboxProxy(() => sandboxUrl),
      tour: () => tour,
      onInternalError: options.onInternalError,
    },
    options.port ?? 0,
    host,
  );
  const port = portOf(server);
  url = `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${port}`;

  const emulator: SlackEmulator = {
    url,
    apiUrl: `${url}/api/`,
    playgroundUrl: `${url}/playground`,
    port,
    botToken,
    appToken,
    signingSecret,
    get requestUrl() {
      return requestUrl;
    },
    get sandboxUrl() {
      return sandboxUrl;
    },
    driver,
    workspace: state.directory,
    setRequestUrl,
    setSandboxUrl,
    setTour,
    socketConnections: () => socketMode.connectionCount(),
    disconnectSockets: (reason = 'refresh_requested') => socketMode.disconnectAll(reason),
    messages: (channelId) => state.messages.history(channelId),
    thread: (channelId, threadTs) => state.messages.thread(channelId, threadTs),
    ephemerals: (userId, channelId) => state.messages.ephemerals(userId, channelId),
    files: () => state.files.shared(),
    file: (fileId) => state.files.shared().find((file) => file.id === fileId),
    failUploads: (count) => state.files.failNextUploads(count),
    openViews: (userId) => state.views.stack(userId),
    homeView: (userId) => state.views.home(userId),
    view: (viewId) => state.views.get(viewId),
    calls: () => state.calls.report(),
    resetCalls: () => state.calls.reset(),
    on: state.feed.on.bind(state.feed),
    recentEvents: () => state.feed.recentEvents(),
    waitFor: (predicate, waitOptions = {}) =>
      waitFor(
        state.feed,
        () => predicate(emulator),
        waitOptions,
        () => describeState(state),
      ),
    issueTriggerId: (userId) => state.triggers.issue(userId),
    forceRateLimit: (rule) => rateLimiter.force(rule),
    setScopes: (scopes) => state.grantScopes(scopes),
    scopes: () => state.grantedScopes,
    setRateLimits: (mode) => rateLimiter.setMode(mode),
    describe: () => describeState(state),
    close: () =>
      new Promise<void>((resolve, reject) => {
        // WebSockets first: the server waits for every upgraded connection before it calls back.
        socketMode.close();
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
  return emulator;
}
