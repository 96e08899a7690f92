// The upload URL files.getUploadURLExternal hands out (`POST /upload/v1/<key>`): it takes the file's bytes, raw or
// as the file part of a multipart form, and answers as Slack's upload host does: 200 when taken, any other status
// when not. It is no Web API method: no token, no `ok`, no rate-limit tier.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../http-io.js';
import type { EmulatorState } from '../state/emulator-state.js';

/** Room for a multipart form's boundaries and headers around the announced bytes. */
const MULTIPART_ALLOWANCE_BYTES = 64 * 1024;

export async function handleUpload(
  req: IncomingMessage,
  res: ServerResponse,
  uploadKey: string,
  state: EmulatorState,
): Promise<void> {
  if (req.method !== 'POST') return sendText(res, 405, 'upload URLs take POST');
  const file = state.files.waiting(uploadKey);
  if (!file) return sendText(res, 404, 'no upload is waiting at this URL');
  const body = await readBody(req, file.length + MULTIPART_ALLOWANCE_BYTES);
  if (body === undefined) return sendText(res, 413, `more than the ${file.length} bytes announced`);
  if (state.files.takeForcedFailure()) return sendText(res, 500, 'upload failed (forced by the emulator)');
  const content = fileBytes(req.headers['content-type'], body);
  if (!content) return sendText(res, 400, 'the multipart form has no file part');
  const verdict = state.files.receive(uploadKey, content);
  if (!verdict.ok) return sendText(res, verdict.status, verdict.reason);
  sendText(res, 200, `OK - ${content.length}`);
}

/** The file's bytes: the body itself, or the first part of a multipart form that carries a file. */
export function fileBytes(contentType: string | undefined, body: Buffer): Buffer | undefined {
  const boundary = /^multipart\/form-data\b.*;\s*boundary="?([^";]+)"?/i.exec(contentType ?? '')?.[1];
  if (!boundary) return body;
  const parts = multipartParts(body, boundary);
  return (parts.find((part) => /;\s*filename="/i.test(part.disposition)) ?? parts[0])?.content;
}

interface MultipartPart {
  disposition: string;
  content: Buffer;
}

/** Splits a multipart body on its boundary; each part is its headers, a blank line, and its bytes. */
function multipartParts(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const from = start + delimiter.length;
    // `--boundary--` closes the form.
    if (body.subarray(from, from + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, from);
    if (next === -1) break;
    const part = body.subarray(from, next);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd !== -1) {
      const headers = part.subarray(0, headerEnd).toString('utf8');
      // The part's bytes end before the CRLF that precedes the next delimiter.
      const content = part.subarray(headerEnd + 4, Math.max(headerEnd + 4, part.length - 2));
      parts.push({ disposition: /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? '', content });
    }
    start = next;
  }
  return parts;
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}
