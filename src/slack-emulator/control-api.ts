// The emulator's own API under /_emulator: inspect the workspace, act as a user, stream changes (for the playground).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { SlackDriver } from './driver/slack-driver.js';
import { SlackDriverError } from './driver/slack-driver-error.js';
import { sendJson } from './http-io.js';
import type { RateLimiter } from './rate-limiter.js';
import type { EmulatorState } from './state/emulator-state.js';
import { filePath, mimetypeOf } from './web-api/file-object.js';
import { toSlackView } from './web-api/view-methods.js';

export interface ControlContext {
  state: EmulatorState;
  driver: SlackDriver;
  rateLimiter: RateLimiter;
  setRequestUrl(url: string): void;
  setSandboxUrl(url: string): void;
}

class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const inputValue = z.union([z.string(), z.array(z.string()), z.null()]);
const target = z.object({
  userId: z.string(),
  actionId: z.string(),
  blockId: z.string().optional(),
  viewId: z.string().optional(),
  channelId: z.string().optional(),
  messageTs: z.string().optional(),
});
const schemas = {
  command: z.object({
    userId: z.string(),
    channelId: z.string(),
    text: z.string().default(''),
    command: z.string().optional(),
  }),
  click: target.extend({ confirmedAfterEdit: z.boolean().optional() }),
  select: target.extend({ value: z.string().optional(), values: z.array(z.string()).optional() }),
  options: target.extend({ value: z.string() }),
  viewInput: z.object({
    userId: z.string(),
    viewId: z.string(),
    blockId: z.string(),
    actionId: z.string().optional(),
    value: inputValue,
  }),
  submit: z.object({
    userId: z.string(),
    viewId: z.string(),
    values: z.record(z.string(), inputValue).optional(),
  }),
  closeView: z.object({ userId: z.string(), viewId: z.string() }),
  user: z.object({ userId: z.string() }),
  message: z.object({
    userId: z.string(),
    channelId: z.string(),
    text: z.string().min(1),
    threadTs: z.string().optional(),
  }),
  requestUrl: z.object({ url: z.url() }),
  sandboxUrl: z.object({ url: z.url() }),
  rateLimits: z.object({ mode: z.enum(['slack', 'off']) }),
  scopes: z.object({ scopes: z.array(z.string().regex(/^[a-z][a-z.:_-]*$/, 'not a scope name')) }),
  forced: z.object({
    method: z.string().optional(),
    count: z.number().int().positive(),
    retryAfterSeconds: z.number().int().positive().optional(),
  }),
  uploadFailures: z.object({ count: z.number().int().positive() }),
};

function parse<T>(schema: z.ZodType<T>, body: Buffer): T {
  let raw: unknown = {};
  try {
    raw = body.length > 0 ? JSON.parse(body.toString('utf8')) : {};
  } catch {
    throw new ControlError(400, 'body is not valid JSON');
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw new ControlError(
      400,
      result.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; '),
    );
  }
  return result.data;
}

/**
 * Everything a screen needs: channels with their messages and threads, ephemerals, views, and the `seq` of the
 * last change it includes (a screen that listens to /_emulator/events applies only the later ones).
 */
function snapshot({ state }: ControlContext) {
  const { directory, messages, views } = state;
  return {
    seq: state.feed.recentEvents().at(-1)?.seq ?? 0,
    team: directory.team,
    bot: { userId: directory.bot.userId, botId: directory.bot.botId, name: directory.bot.name },
    users: directory.users(),
    userGroups: directory.userGroups(),
    channels: directory.channels().map((channel) => ({
      id: channel.id,
      name: channel.name,
      isPrivate: channel.isPrivate,
      isIm: channel.isIm,
      members: [...channel.members],
      messages: messages.history(channel.id).map((message) => ({
        ...message,
        replies: message.reply_count ? messages.thread(channel.id, message.ts).slice(1) : [],
      })),
    })),
    ephemerals: messages.allEphemerals(),
    views: views
      .all()
      .filter((view) => view.is_open)
      .map((view) => ({
        ...toSlackView(view),
        user_id: view.user_id,
        errors: view.errors,
        display_error: view.display_error,
      })),
  };
}

type Route = (ctx: ControlContext, body: Buffer) => unknown;

const ROUTES: Record<string, Route> = {
  'GET health': () => ({ ok: true }),
  'GET state': (ctx) => snapshot(ctx),
  'GET calls': ({ state }) => state.calls.report(),
  'GET files': ({ state }) =>
    state.files.shared().map(({ content: _content, ...file }) => ({
      ...file,
      path: filePath(file.id, file.name),
    })),
  'POST slash-command': ({ driver }, body) => driver.slashCommand(parse(schemas.command, body)),
  'POST message': ({ driver }, body) => driver.postUserMessage(parse(schemas.message, body)),
  'POST click': ({ driver }, body) => driver.clickButton(parse(schemas.click, body)),
  'POST select': ({ driver }, body) => driver.selectOption(parse(schemas.select, body)),
  'POST options': ({ driver }, body) => driver.requestOptions(parse(schemas.options, body)),
  'POST view-input': ({ driver }, body) => driver.setViewInput(parse(schemas.viewInput, body)),
  'POST submit-view': ({ driver }, body) => driver.submitView(parse(schemas.submit, body)),
  'POST close-view': ({ driver }, body) => driver.closeView(parse(schemas.closeView, body)),
  'POST app-home-opened': ({ driver }, body) => driver.appHomeOpened(parse(schemas.user, body)),
  'PUT request-url': (ctx, body) => {
    const { url } = parse(schemas.requestUrl, body);
    ctx.setRequestUrl(url);
    return { url };
  },
  'PUT sandbox-url': (ctx, body) => {
    const { url } = parse(schemas.sandboxUrl, body);
    ctx.setSandboxUrl(url);
    return { url };
  },
  'GET scopes': ({ state }) => ({ scopes: state.grantedScopes }),
  'PUT scopes': ({ state }, body) => {
    state.grantScopes(parse(schemas.scopes, body).scopes);
    return { scopes: state.grantedScopes };
  },
  'PUT rate-limits': ({ rateLimiter }, body) => {
    rateLimiter.setMode(parse(schemas.rateLimits, body).mode);
    return { mode: rateLimiter.currentMode };
  },
  'POST faults/rate-limit': ({ rateLimiter }, body) => {
    const rule = parse(schemas.forced, body);
    rateLimiter.force(rule);
    return rule;
  },
  'POST faults/upload-failure': ({ state }, body) => {
    const { count } = parse(schemas.uploadFailures, body);
    state.files.failNextUploads(count);
    return { count };
  },
};

export async function handleControlRequest(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  body: Buffer,
  ctx: ControlContext,
): Promise<void> {
  if (req.method === 'GET' && path === 'events') return streamEvents(req, res, ctx);
  if (req.method === 'GET' && path.startsWith('files/')) return serveFile(res, path, ctx);
  const route = ROUTES[`${req.method} ${path}`];
  if (!route) {
    const known = Object.keys(ROUTES).some((key) => key.endsWith(` ${path}`));
    return sendJson(res, known ? 405 : 404, {
      error: `${known ? 'method not allowed' : 'no route'}: ${req.method} /_emulator/${path}`,
    });
  }
  try {
    sendJson(res, 200, await route(ctx, body));
  } catch (error) {
    if (error instanceof ControlError) return sendJson(res, error.status, { error: error.message });
    if (error instanceof SlackDriverError) return sendJson(res, 400, { error: error.message });
    throw error;
  }
}

/**
 * A shared file's bytes (its `url_private`): `files/<id>/<name>` shows it, as plain text when it is text, and
 * `files/<id>/download/<name>` downloads it. Never as HTML: the bytes are an app's, the page is the emulator's.
 */
function serveFile(res: ServerResponse, path: string, { state }: ControlContext): void {
  const [, id = '', ...rest] = path.split('/');
  const download = rest[0] === 'download';
  const name = decodeURIComponent((download ? rest.slice(1) : rest).join('/'));
  const file = state.files.shared().find((candidate) => candidate.id === id);
  if (!file || (name !== '' && name !== file.name)) {
    sendJson(res, 404, { error: `no shared file ${id}${name ? ` named ${name}` : ''}` });
    return;
  }
  const mimetype = mimetypeOf(file.name);
  const text = mimetype.startsWith('text/') || mimetype === 'application/json' || mimetype.endsWith('yaml');
  res.writeHead(200, {
    'content-type': text && !download ? 'text/plain; charset=utf-8' : 'application/octet-stream',
    'content-length': String(file.content.length),
    'content-disposition': `${download || !text ? 'attachment' : 'inline'}; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    'x-content-type-options': 'nosniff',
    'content-security-policy': 'sandbox',
    'cache-control': 'no-cache',
  });
  res.end(file.content);
}

/** Server-sent events: one `event: <type>` with the change as JSON data, for as long as the client listens. */
function streamEvents(req: IncomingMessage, res: ServerResponse, { state }: ControlContext): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  res.write(': connected\n\n');
  const unsubscribe = state.feed.on('change', (event) => {
    res.write(`id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
  });
  req.on('close', unsubscribe);
}
