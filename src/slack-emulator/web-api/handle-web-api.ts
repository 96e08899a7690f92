// The Web API front: `POST /api/<method>` → body parsing, token check, rate limiting, the method, Slack's answer.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseBody, sendJson } from '../http-io.js';
import type { RateLimiter } from '../rate-limiter.js';
import type { EmulatorState } from '../state/emulator-state.js';
import { ApiArgs } from './api-args.js';
import { type ConversationType, conversationTypeOf, METHOD_SCOPES, scopeNeeded } from './method-scopes.js';
import { SlackApiError } from './slack-api-error.js';
import type { MethodContext } from './web-api-method.js';
import { APP_TOKEN_METHODS, WEB_API_METHODS } from './web-api-methods.js';

export interface WebApiDeps {
  state: EmulatorState;
  rateLimiter: RateLimiter;
  baseUrl: string;
  socketMode: MethodContext['socketMode'];
}

export function handleWebApi(
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
  query: URLSearchParams,
  body: Buffer,
  deps: WebApiDeps,
): void {
  const answer = answerWebApi(req, method, query, body, deps);
  sendJson(res, answer.status, answer.body, answer.headers);
}

interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

function answerWebApi(
  req: IncomingMessage,
  method: string,
  query: URLSearchParams,
  body: Buffer,
  deps: WebApiDeps,
): Answer {
  const { state } = deps;
  const fail = (error: SlackApiError): Answer => {
    state.calls.record(method, { kind: 'error', error: error.code });
    return { status: 200, body: error.toBody() };
  };
  const appMethod = Object.hasOwn(APP_TOKEN_METHODS, method) ? APP_TOKEN_METHODS[method] : undefined;
  const handler = appMethod ?? (Object.hasOwn(WEB_API_METHODS, method) ? WEB_API_METHODS[method] : undefined);
  if (!handler) return fail(new SlackApiError('unknown_method'));
  const parsed = parseBody(req.headers['content-type'], body);
  if (!parsed.ok) return fail(new SlackApiError(parsed.error));
  const args = new ApiArgs({ ...Object.fromEntries(query), ...parsed.fields });

  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const token = bearer ?? args.string('token');
  if (!token) return fail(new SlackApiError('not_authed'));
  const tokenType = tokenTypeOf(token, bearer !== undefined, state);
  if (!tokenType) return fail(new SlackApiError('invalid_auth'));
  // A bot token on apps.connections.open, or the app-level token on any bot method.
  if ((tokenType === 'app') !== (appMethod !== undefined)) {
    return fail(new SlackApiError('not_allowed_token_type'));
  }

  const answer = answerAuthorizedCall(method, args, token, handler, deps, fail, appMethod !== undefined);
  // Slack names a bot token's scopes on every answer to it (x-oauth-scopes, comma-separated), as the SDK reads.
  return tokenType === 'bot' ? withScopes(state, answer) : answer;
}

function withScopes(state: EmulatorState, answer: Answer): Answer {
  return { ...answer, headers: { ...answer.headers, 'x-oauth-scopes': state.grantedScopes.join(',') } };
}

/** Scope, rate limit, then the method itself, for a token allowed to call it. */
function answerAuthorizedCall(
  method: string,
  args: ApiArgs,
  token: string,
  handler: NonNullable<(typeof WEB_API_METHODS)[string]>,
  deps: WebApiDeps,
  fail: (error: SlackApiError) => Answer,
  appMethod: boolean,
): Answer {
  const { state, rateLimiter } = deps;
  // apps.connections.open needs connections:write, which an app-level token exists to carry.
  if (!appMethod) {
    const missing = missingScope(state, method, args);
    if (missing) return fail(missing);
  }

  const decision = rateLimiter.take(token, method, args.string('channel'));
  if (!decision.allowed) {
    const { retryAfterSeconds, forced } = decision;
    state.calls.record(method, { kind: 'rate_limited' });
    state.feed.emit({ type: 'rate_limited', method, retryAfterSeconds, forced });
    return {
      status: 429,
      body: { ok: false, error: 'ratelimited' },
      headers: { 'retry-after': String(retryAfterSeconds) },
    };
  }
  try {
    const result = handler({ state, args, baseUrl: deps.baseUrl, socketMode: deps.socketMode });
    state.calls.record(method, { kind: 'ok' });
    return { status: 200, body: { ok: true, ...result } };
  } catch (error) {
    if (error instanceof SlackApiError) return fail(error);
    throw error;
  }
}

/** Which of the workspace's tokens this is; Slack reads the app-level token only from the Authorization header. */
function tokenTypeOf(token: string, fromHeader: boolean, state: EmulatorState): 'bot' | 'app' | undefined {
  const { bot, app } = state.directory;
  if (token === bot.token) return 'bot';
  if (token === app.appToken && fromHeader) return 'app';
  return undefined;
}

/**
 * Slack's answer to a bot token without the scope this call needs: `needed` names it, `provided` lists what the
 * token has (comma-separated, in the order granted). Checked after the token, before rate limits and the method.
 */
function missingScope(state: EmulatorState, method: string, args: ApiArgs): SlackApiError | undefined {
  const rule = METHOD_SCOPES[method];
  if (!rule) throw new Error(`the emulator serves ${method} but knows no scope rule for it`);
  const needed = scopeNeeded(
    rule,
    rule.kind === 'by-conversation' ? visibleConversation(state, args) : undefined,
  );
  if (!needed || state.grantedScopes.includes(needed)) return undefined;
  return new SlackApiError('missing_scope', [], { needed, provided: state.grantedScopes.join(',') });
}

/** The type of the conversation the call names, when the bot can see it (else the method says channel_not_found). */
function visibleConversation(state: EmulatorState, args: ApiArgs): ConversationType | undefined {
  const id = args.string('channel');
  const channel = id ? state.directory.resolveChannel(id) : undefined;
  return channel && state.directory.botCanSee(channel) ? conversationTypeOf(channel) : undefined;
}
