// awsQuery codec (STS): form-encoded requests in, XML results and XML error documents out.
import type { ServerResponse } from 'node:http';
import type { AwsServiceError } from '../aws-error.js';

/** Decodes `Action=AssumeRole&Tags.member.1.Key=...` into nested values; lists become arrays. */
export function parseQueryForm(body: string): {
  action: string;
  version: string;
  input: Record<string, unknown>;
} {
  const params = new URLSearchParams(body);
  const input: Record<string, unknown> = {};
  let action = '';
  let version = '';
  for (const [key, value] of params) {
    if (key === 'Action') action = value;
    else if (key === 'Version') version = value;
    else assignPath(input, key.split('.'), value);
  }
  return { action, version, input: normaliseMembers(input) as Record<string, unknown> };
}

function assignPath(target: Record<string, unknown>, path: string[], value: string): void {
  let node = target;
  for (const [index, segment] of path.entries()) {
    if (index === path.length - 1) {
      node[segment] = value;
      return;
    }
    const next = node[segment];
    if (!next || typeof next !== 'object') node[segment] = {};
    node = node[segment] as Record<string, unknown>;
  }
}

/** `{ member: { '1': a, '2': b } }` becomes `[a, b]`, recursively. */
function normaliseMembers(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 1 && keys[0] === 'member') {
    const members = record.member as Record<string, unknown>;
    return Object.keys(members)
      .sort((a, b) => Number(a) - Number(b))
      .map((key) => normaliseMembers(members[key]));
  }
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = normaliseMembers(record[key]);
  return out;
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Renders a result object as awsQuery XML: arrays as `<member>` lists, dates as ISO 8601. */
export function toXml(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => `<member>${toXml(item)}</member>`).join('');
  if (typeof value === 'object') {
    return Object.entries(value)
      .filter(([, inner]) => inner !== undefined)
      .map(([key, inner]) => `<${key}>${toXml(inner)}</${key}>`)
      .join('');
  }
  return escapeXml(String(value));
}

export function writeQueryResult(
  res: ServerResponse,
  requestId: string,
  xmlns: string,
  action: string,
  result: unknown,
): void {
  const body =
    `<${action}Response xmlns="${xmlns}"><${action}Result>${toXml(result)}</${action}Result>` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
  res.writeHead(200, {
    'content-type': 'text/xml',
    'content-length': Buffer.byteLength(body),
    'x-amzn-requestid': requestId,
  });
  res.end(body);
}

export function writeQueryError(
  res: ServerResponse,
  requestId: string,
  xmlns: string,
  error: AwsServiceError,
): void {
  const type = error.side === 'client' ? 'Sender' : 'Receiver';
  const body =
    `<ErrorResponse xmlns="${xmlns}"><Error><Type>${type}</Type><Code>${escapeXml(error.code)}</Code>` +
    `<Message>${escapeXml(error.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
  res.writeHead(error.httpStatus, {
    'content-type': 'text/xml',
    'content-length': Buffer.byteLength(body),
    'x-amzn-requestid': requestId,
  });
  res.end(body);
}
