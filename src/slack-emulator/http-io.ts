// Reading request bodies (form or JSON) and writing JSON answers, for every route of the emulator.
import type { IncomingMessage, ServerResponse } from 'node:http';

const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** The request's body, or undefined when it is longer than `maxBytes` (4 MB for everything but file uploads). */
export async function readBody(req: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export type ParsedBody =
  | { ok: true; fields: Record<string, unknown> }
  | { ok: false; error: 'invalid_json' | 'invalid_form_data' };

/** A form body as a flat object of strings, or a JSON object; `invalid_json` as Slack answers malformed JSON. */
export function parseBody(contentType: string | undefined, body: Buffer): ParsedBody {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const text = body.toString('utf8');
  if (type === 'application/json') {
    try {
      const parsed: unknown = text === '' ? {} : JSON.parse(text);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
        return { ok: false, error: 'invalid_json' };
      return { ok: true, fields: parsed as Record<string, unknown> };
    } catch {
      return { ok: false, error: 'invalid_json' };
    }
  }
  if (type === 'application/x-www-form-urlencoded' || (type === '' && body.length === 0)) {
    return { ok: true, fields: Object.fromEntries(new URLSearchParams(text)) };
  }
  return { ok: false, error: 'invalid_form_data' };
}

export function sendJson(
  res: ServerResponse,
  status: number,
  payload: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}
