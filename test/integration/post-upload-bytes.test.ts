// postUploadBytes against a real HTTP server: the bytes arrive as sent, and every way an upload can fail rejects.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { postUploadBytes } from '../../src/slack/outbox/post-upload-bytes.js';

let server: Server | undefined;
afterEach(async () => {
  const open = server;
  server = undefined;
  if (!open) return;
  open.closeAllConnections();
  await new Promise((resolve) => open.close(resolve));
});

async function uploadHost(
  answer: (request: IncomingMessage, body: Buffer, response: ServerResponse) => void,
) {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => answer(request, Buffer.concat(chunks), response));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/upload/v1/abc`;
}

describe('postUploadBytes', () => {
  it('when the host answers 200, then the bytes arrived as sent, with their length', async () => {
    let received: { body: Buffer; length?: string; method?: string } | undefined;
    const url = await uploadHost((request, body, response) => {
      received = { body, length: request.headers['content-length'], method: request.method };
      response.end('OK - 9');
    });
    const bytes = Buffer.from('a,b\n1,2é\n', 'utf8');

    await postUploadBytes(url, bytes, 5_000);

    expect(received).toEqual({ body: bytes, length: String(bytes.length), method: 'POST' });
  });

  it('when the host answers another status, then the upload fails with that status and the host’s words', async () => {
    const url = await uploadHost((_request, _body, response) => {
      response.statusCode = 413;
      response.end('more than the 3 bytes announced');
    });

    await expect(postUploadBytes(url, Buffer.from('abcd'), 5_000)).rejects.toThrow(
      'the upload URL answered HTTP 413: more than the 3 bytes announced',
    );
  });

  it('when the host never answers, then the upload fails once the timeout has passed', async () => {
    const url = await uploadHost(() => {});

    await expect(postUploadBytes(url, Buffer.from('abc'), 200)).rejects.toThrow(
      'the upload URL did not answer in 200 ms',
    );
  });

  it('when nothing listens at the URL, then the upload fails with the transport error', async () => {
    const url = await uploadHost((_request, _body, response) => response.end());
    const closing = server!;
    server = undefined;
    await new Promise((resolve) => closing.close(resolve));

    await expect(postUploadBytes(url, Buffer.from('abc'), 5_000)).rejects.toThrow(/ECONNREFUSED/);
  });
});
