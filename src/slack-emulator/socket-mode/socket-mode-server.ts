// Slack's side of Socket Mode: tickets from apps.connections.open, the WebSocket endpoint (/link/?ticket=…),
// hello, keepalive pings, envelopes sent and their acks awaited, and disconnect requests.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import type { Delivery } from '../driver/deliver.js';
import type { EmulatorState } from '../state/emulator-state.js';
import {
  type Ack,
  type AppMessage,
  type DisconnectReason,
  disconnectMessage,
  envelopeMessage,
  helloMessage,
  readAck,
} from './socket-mode-messages.js';

export const SOCKET_MODE_PATH = '/link/';
/** How often Slack pings each connection; a connection that has not answered the last ping is dropped. */
export const SOCKET_PING_INTERVAL_MS = 10_000;
/** How long a connection told to disconnect may stay open before Slack closes it. */
const DISCONNECT_GRACE_MS = 10_000;

export interface SocketModeServerOptions {
  state: EmulatorState;
  /** The emulator's `http://host:port`; connection URLs are the same with `ws://`. */
  baseUrl: () => string;
  pingIntervalMs?: number;
}

interface Connection {
  id: string;
  ws: WebSocket;
  /** Told to disconnect: gets no more envelopes. */
  draining: boolean;
  /** Answered the last ping. */
  alive: boolean;
  timers: NodeJS.Timeout[];
}

type Outcome = { ack: Ack } | { timedOut: true } | { error: string };

interface Pending {
  connectionId: string;
  settle(outcome: Outcome): void;
}

export class SocketModeServer {
  private readonly wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  private readonly tickets = new Set<string>();
  private readonly connections = new Map<string, Connection>();
  private readonly pending = new Map<string, Pending>();
  private seq = 0;
  private nextConnection = 0;

  constructor(private readonly options: SocketModeServerOptions) {}

  /** A one-use connection URL, as apps.connections.open returns it. */
  openUrl(): string {
    const ticket = this.nextId();
    this.tickets.add(ticket);
    const base = this.options.baseUrl().replace(/^http/, 'ws');
    return `${base}${SOCKET_MODE_PATH}?ticket=${ticket}&app_id=${this.options.state.directory.app.id}`;
  }

  /** Takes over an HTTP upgrade request: a connection with a valid ticket, or a refusal. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://slack-emulator');
    if (url.pathname !== SOCKET_MODE_PATH && url.pathname !== SOCKET_MODE_PATH.slice(0, -1)) {
      refuse(socket, '404 Not Found');
      return;
    }
    const ticket = url.searchParams.get('ticket') ?? '';
    // Tickets are good for one connection: a reconnecting app calls apps.connections.open again.
    if (!this.tickets.delete(ticket)) {
      refuse(socket, '401 Unauthorized');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  }

  /** Connections that receive envelopes: open, and not told to disconnect. */
  connectionCount(): number {
    return this.live().length;
  }

  /** Sends one envelope over a live connection and waits for its ack (`ackTimeoutMs`, real time). */
  deliver(message: AppMessage, ackTimeoutMs: number): Promise<Delivery> {
    const live = this.live();
    // Slack spreads envelopes over an app's connections; round robin is one way to.
    const connection = live[this.nextConnection++ % Math.max(1, live.length)];
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    if (!connection) return Promise.resolve(failed('no Socket Mode connection', elapsed()));
    const envelopeId = this.nextId();
    return new Promise<Delivery>((resolve) => {
      const timer = setTimeout(() => settle({ timedOut: true }), ackTimeoutMs);
      const settle = (outcome: Outcome) => {
        clearTimeout(timer);
        this.pending.delete(envelopeId);
        resolve(toDelivery(outcome, elapsed(), ackTimeoutMs));
      };
      this.pending.set(envelopeId, { connectionId: connection.id, settle });
      connection.ws.send(JSON.stringify(envelopeMessage(envelopeId, message)), (error) => {
        if (error) settle({ error: error.message });
      });
    });
  }

  /** Asks every live connection to disconnect, as Slack does before it recycles one; the app reconnects. */
  disconnectAll(reason: DisconnectReason): void {
    for (const connection of this.live()) {
      connection.draining = true;
      connection.ws.send(JSON.stringify(disconnectMessage(reason)));
      const close = setTimeout(() => connection.ws.close(1000, reason), DISCONNECT_GRACE_MS);
      connection.timers.push(close.unref());
    }
  }

  close(): void {
    for (const pending of this.pending.values()) pending.settle({ error: 'the Slack emulator closed' });
    for (const connection of this.connections.values()) connection.ws.terminate();
    this.wss.close();
  }

  private accept(ws: WebSocket): void {
    const { state } = this.options;
    const connection: Connection = { id: state.ids.id('WS'), ws, draining: false, alive: true, timers: [] };
    this.connections.set(connection.id, connection);
    ws.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    ws.on('pong', () => {
      connection.alive = true;
    });
    ws.on('close', (code) => this.onClose(connection, code));
    ws.on('error', () => ws.terminate());
    const keepalive = setInterval(() => {
      if (!connection.alive) {
        ws.terminate();
        return;
      }
      connection.alive = false;
      ws.ping();
    }, this.options.pingIntervalMs ?? SOCKET_PING_INTERVAL_MS);
    connection.timers.push(keepalive.unref());
    const numConnections = this.connectionCount();
    ws.send(
      JSON.stringify(helloMessage({ appId: state.directory.app.id, numConnections, startedAt: state.now() })),
    );
    state.feed.emit({ type: 'socket_connected', connection: connection.id, numConnections });
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    if (isBinary) return;
    const ack = readAck(data.toString());
    // A late ack (after the timeout) or an unknown envelope_id is ignored, as Slack ignores it.
    if (ack) this.pending.get(ack.envelopeId)?.settle({ ack });
  }

  private onClose(connection: Connection, code: number): void {
    for (const timer of connection.timers) clearTimeout(timer);
    this.connections.delete(connection.id);
    for (const pending of [...this.pending.values()]) {
      if (pending.connectionId === connection.id)
        pending.settle({ error: 'the connection closed before the app acknowledged' });
    }
    this.options.state.feed.emit({
      type: 'socket_disconnected',
      connection: connection.id,
      numConnections: this.connectionCount(),
      code,
    });
  }

  private live(): Connection[] {
    return [...this.connections.values()].filter(
      (connection) => !connection.draining && connection.ws.readyState === connection.ws.OPEN,
    );
  }

  /** Envelope ids and tickets: UUID-shaped as Slack's, from a counter so runs are repeatable. */
  private nextId(): string {
    this.seq += 1;
    return `00000000-0000-4000-8000-${this.seq.toString(16).padStart(12, '0')}`;
  }
}

function refuse(socket: Duplex, status: string): void {
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
}

/** The app's ack read as the HTTP response it stands for: 200 and the payload as the body. */
function toDelivery(outcome: Outcome, durationMs: number, ackTimeoutMs: number): Delivery {
  if ('ack' in outcome) {
    const { payload } = outcome.ack;
    return {
      status: 200,
      body: payload ?? '',
      rawBody: payload ? JSON.stringify(payload) : '',
      timedOut: false,
      durationMs,
      transport: 'socket_mode',
    };
  }
  if ('timedOut' in outcome) {
    return { ...failed(`no ack within ${ackTimeoutMs} ms`, durationMs), timedOut: true };
  }
  return failed(outcome.error, durationMs);
}

function failed(error: string, durationMs: number): Delivery {
  return {
    status: 0,
    body: undefined,
    rawBody: '',
    timedOut: false,
    durationMs,
    error,
    transport: 'socket_mode',
  };
}
