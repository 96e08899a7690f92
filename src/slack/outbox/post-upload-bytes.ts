// Sends a file's bytes to the upload URL files.getUploadURLExternal handed out (step 2 of Slack's upload flow).
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/**
 * POSTs `bytes` as they are; resolves once Slack's upload host answers 200 and rejects on any other answer, a
 * transport error or `timeoutMs` (the outbox retries the share). node:http, not fetch or the SDK's filesUploadV2:
 * for a run's results (2.3 MB at 3,000 targets) those held 9–11 MB of buffers per share, this the bytes alone.
 */
export function postUploadBytes(uploadUrl: string, bytes: Buffer, timeoutMs: number): Promise<void> {
  const url = new URL(uploadUrl);
  const request = url.protocol === 'http:' ? httpRequest : httpsRequest;
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', 'content-length': bytes.length },
        timeout: timeoutMs,
      },
      (response) => {
        let answer = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          // The host answers a short status line; more is not kept.
          if (answer.length < 200) answer += chunk;
        });
        response.on('error', reject);
        response.on('end', () => {
          if (response.statusCode === 200) resolve();
          else
            reject(new Error(`the upload URL answered HTTP ${response.statusCode}: ${answer.slice(0, 200)}`));
        });
      },
    );
    outgoing.on('timeout', () =>
      outgoing.destroy(new Error(`the upload URL did not answer in ${timeoutMs} ms`)),
    );
    outgoing.on('error', reject);
    outgoing.end(bytes);
  });
}
