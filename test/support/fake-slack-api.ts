// A recording stand-in for Slack's side of a listener: the Web API (`/api/<method>`) and response_urls
// (`/response/<id>`), over real HTTP, so Bolt's WebClient and its respond() are the ones the bot uses.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WebApiCall {
  method: string;
  /** The arguments as the WebClient sent them; blocks, attachments and views decoded from their JSON. */
  args: Record<string, unknown>;
}

export interface ResponseUrlPost {
  /** The id of the response_url (see `responseUrl()`). */
  id: string;
  body: Record<string, unknown>;
}

type Answer = (args: Record<string, unknown>) => Record<string, unknown>;

/** Arguments the WebClient sends as JSON strings inside the form. */
const JSON_ARGS = new Set(['blocks', 'attachments', 'view', 'metadata']);

export const FAKE_BOT = { userId: 'U0BOT00001', botId: 'B0BOT00001', teamId: 'T0SANDBOX' } as const;

const DEFAULT_ANSWERS: Record<string, Answer> = {
  'auth.test': () => ({ user_id: FAKE_BOT.userId, bot_id: FAKE_BOT.botId, team_id: FAKE_BOT.teamId }),
  'views.open': (args) => ({ view: { ...(args.view as object), id: 'V0MODAL001', hash: 'h1' } }),
  'views.update': (args) => ({ view: { ...(args.view as object), id: args.view_id, hash: 'h2' } }),
  'chat.postEphemeral': () => ({ message_ts: '1700000000.000100' }),
  'chat.postMessage': (args) => ({ channel: args.channel, ts: '1700000000.000200' }),
};

export class FakeSlackApi {
  readonly calls: WebApiCall[] = [];
  readonly responses: ResponseUrlPost[] = [];
  private readonly failures = new Map<string, string[]>();
  private nextResponseId = 1;
  private baseUrl = '';
  private readonly server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const url = req.url ?? '';
      const answer = url.startsWith('/response/')
        ? this.respond(url.slice('/response/'.length), raw)
        : this.call(url.replace(/^\/api\//, ''), raw);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });

  static async start(): Promise<FakeSlackApi> {
    const api = new FakeSlackApi();
    await new Promise<void>((resolve) => api.server.listen(0, '127.0.0.1', resolve));
    api.baseUrl = `http://127.0.0.1:${(api.server.address() as AddressInfo).port}`;
    return api;
  }

  /** The `slackApiUrl` for WebClient and Bolt's `clientOptions`. */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  /** A fresh response_url, as Slack sends with a command or a message interaction. */
  responseUrl(): string {
    return `${this.baseUrl}/response/R${String(this.nextResponseId++).padStart(4, '0')}`;
  }

  /** The next call of `method` answers `{ ok: false, error }`, as Slack does (e.g. `expired_trigger_id`). */
  failNext(method: string, error: string): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), error]);
  }

  callsOf(method: string): Array<Record<string, unknown>> {
    return this.calls.filter((call) => call.method === method).map((call) => call.args);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private call(method: string, raw: string): Record<string, unknown> {
    const args: Record<string, unknown> = {};
    for (const [key, value] of new URLSearchParams(raw)) {
      args[key] = JSON_ARGS.has(key) ? JSON.parse(value) : value;
    }
    this.calls.push({ method, args });
    const error = this.failures.get(method)?.shift();
    if (error) return { ok: false, error };
    return { ok: true, ...(DEFAULT_ANSWERS[method]?.(args) ?? {}) };
  }

  private respond(id: string, raw: string): Record<string, unknown> {
    this.responses.push({ id, body: JSON.parse(raw) as Record<string, unknown> });
    return { ok: true };
  }
}
