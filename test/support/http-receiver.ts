// A local HTTP endpoint for tests: records every request and answers with scripted statuses (then 200).
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  atMs: number;
}

/** The API destination endpoint: records every request and answers with scripted statuses (then 200). */
export class HttpReceiver {
  readonly requests: ReceivedRequest[] = [];
  private script: number[] = [];
  private waiters: Array<() => void> = [];
  private readonly server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      this.requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        atMs: performance.now(),
      });
      res.writeHead(this.script.shift() ?? 200, { 'content-type': 'application/json' }).end('{}');
      for (const wake of this.waiters.splice(0)) wake();
    });
  });

  url = '';

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Resolves when the next request has been answered. */
  nextRequest(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  answerWith(...statuses: number[]): void {
    this.script = statuses;
  }

  clear(): void {
    this.requests.length = 0;
    this.script = [];
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
