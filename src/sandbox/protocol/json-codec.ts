// awsJson1_1 codec: X-Amz-Target routing, JSON bodies, epoch-second timestamps and typed error bodies.
import type { ServerResponse } from 'node:http';
import type { AwsServiceError } from '../aws-error.js';

/** Splits `AmazonSSM.GetAutomationExecution` into prefix and operation. */
export function parseTarget(target: string): { prefix: string; operation: string } | undefined {
  const dot = target.lastIndexOf('.');
  if (dot <= 0 || dot === target.length - 1) return undefined;
  return { prefix: target.slice(0, dot), operation: target.slice(dot + 1) };
}

/** Timestamps travel as epoch seconds (with fractions) in awsJson1_1. */
export function toWireJson(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(toWireJson);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (inner !== undefined) out[key] = toWireJson(inner);
    }
    return out;
  }
  return value;
}

export function writeJsonResult(res: ServerResponse, requestId: string, result: unknown): void {
  const body = JSON.stringify(toWireJson(result ?? {}));
  res.writeHead(200, {
    'content-type': 'application/x-amz-json-1.1',
    'content-length': Buffer.byteLength(body),
    'x-amzn-requestid': requestId,
  });
  res.end(body);
}

export function writeJsonError(
  res: ServerResponse,
  requestId: string,
  namespace: string,
  error: AwsServiceError,
): void {
  const body = JSON.stringify({
    __type: `${namespace}#${error.code}`,
    message: error.message,
    ...error.members,
  });
  res.writeHead(error.httpStatus, {
    'content-type': 'application/x-amz-json-1.1',
    'content-length': Buffer.byteLength(body),
    'x-amzn-requestid': requestId,
    'x-amzn-errortype': `${error.code}:`,
  });
  res.end(body);
}
