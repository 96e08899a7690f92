// A response_url in the benchmark's own process: it tells when each answer arrives, on the benchmark's clock.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ResponseSink {
  /** The response_url for answer `id`. */
  urlFor(id: string): string;
  /** The body posted to `urlFor(id)`, once it arrives; rejects after `timeoutMs`. Call before sending. */
  next(id: string, timeoutMs: number): Promise<string>;
  close(): Promise<void>;
}

export async function startResponseSink(): Promise<ResponseSink> {
  const waiting = new Map<string, (body: string) => void>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      // Answered first, as Slack does; the waiter hears of it in the same turn.
      response.end('ok');
      const id = decodeURIComponent(request.url?.split('/').pop() ?? '');
      waiting.get(id)?.(Buffer.concat(chunks).toString());
      waiting.delete(id);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    urlFor: (id) => `${origin}/answer/${encodeURIComponent(id)}`,
    next: (id, timeoutMs) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          reject(new Error(`no answer at the response_url within ${timeoutMs} ms (${id})`));
        }, timeoutMs);
        waiting.set(id, (body) => {
          clearTimeout(timer);
          resolve(body);
        });
      }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
