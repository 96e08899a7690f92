// The emulator's front on one port: the Web API under /api, upload URLs under /upload/v1, response URLs under
// /response, control under /_emulator (the AWS sandbox's faults and clock under /_emulator/sandbox), Socket Mode
// connections (WebSocket upgrades) under /link/, and the playground page at / and /playground.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ControlContext, handleControlRequest } from './control-api.js';
import type { SlackDriver } from './driver/slack-driver.js';
import { readBody, sendJson } from './http-io.js';
import type { TourAnswer } from './playground/playground-tour.js';
import type { SandboxProxy } from './playground/sandbox-proxy.js';
import { playgroundAsset, servePlaygroundAsset } from './playground/serve-playground.js';
import type { RateLimiter } from './rate-limiter.js';
import type { ResponseUrls } from './response-urls.js';
import type { SocketModeServer } from './socket-mode/socket-mode-server.js';
import type { EmulatorState } from './state/emulator-state.js';
import { handleWebApi } from './web-api/handle-web-api.js';
import { handleUpload } from './web-api/upload-endpoint.js';

/** Where files.getUploadURLExternal's upload URLs live: `/upload/v1/<key>`, as Slack's upload host has them. */
const UPLOAD_PATH = '/upload/v1/';

export interface ServerParts {
  state: EmulatorState;
  rateLimiter: RateLimiter;
  responseUrls: ResponseUrls;
  driver: SlackDriver;
  socketMode: SocketModeServer;
  baseUrl: () => string;
  setRequestUrl(url: string): void;
  setSandboxUrl(url: string): void;
  sandboxProxy: SandboxProxy;
  /** The playground's "Try it" tour, served at /playground/tour.json. */
  tour: () => TourAnswer;
  onInternalError?: (error: unknown) => void;
}

/** Listens on `port` (0 = a free one) and resolves with the server once it accepts connections. */
export async function listenSlackEmulator(parts: ServerParts, port: number, host: string): Promise<Server> {
  const server = createServer((req, res) => {
    route(req, res, parts).catch((error: unknown) => {
      parts.onInternalError?.(error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('slack emulator internal error');
    });
  });
  server.on('upgrade', (req, socket, head) => parts.socketMode.handleUpgrade(req, socket, head));
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

export function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}

async function route(req: IncomingMessage, res: ServerResponse, parts: ServerParts): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://slack-emulator');
  // An upload's body may be larger than any other request's: its URL reads it against the announced length.
  if (url.pathname.startsWith(UPLOAD_PATH)) {
    return handleUpload(req, res, url.pathname.slice(UPLOAD_PATH.length), parts.state);
  }
  const body = await readBody(req);
  if (body === undefined) return sendJson(res, 413, { ok: false, error: 'request_too_large' });
  const path = url.pathname;
  if (path.startsWith('/api/')) {
    const deps = {
      state: parts.state,
      rateLimiter: parts.rateLimiter,
      baseUrl: parts.baseUrl(),
      socketMode: parts.socketMode,
    };
    return handleWebApi(
      req,
      res,
      decodeURIComponent(path.slice('/api/'.length)),
      url.searchParams,
      body,
      deps,
    );
  }
  if (path.startsWith('/response/') && req.method === 'POST') {
    const answer = parts.responseUrls.handle(
      path.slice('/response/'.length),
      req.headers['content-type'],
      body,
    );
    return sendJson(res, answer.status, answer.body);
  }
  if (path === '/playground/tour.json' && req.method === 'GET') return sendJson(res, 200, parts.tour());
  const asset = req.method === 'GET' ? playgroundAsset(path) : undefined;
  if (asset) return servePlaygroundAsset(asset, res);
  if (path === '/_emulator/sandbox' || path.startsWith('/_emulator/sandbox/')) {
    return parts.sandboxProxy.handle(req.method ?? 'GET', path.slice('/_emulator/'.length), body, res);
  }
  if (path.startsWith('/_emulator/')) {
    const control: ControlContext = {
      state: parts.state,
      driver: parts.driver,
      rateLimiter: parts.rateLimiter,
      setRequestUrl: parts.setRequestUrl,
      setSandboxUrl: parts.setSandboxUrl,
    };
    return handleControlRequest(req, res, path.slice('/_emulator/'.length), body, control);
  }
  sendJson(res, 404, { ok: false, error: 'not_found', path });
}
