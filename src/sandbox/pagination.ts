// Opaque NextToken paging shared by list operations: a token is bound to the query that issued it.
import { createHash } from 'node:crypto';
import type { AwsServiceError } from './aws-error.js';

export interface PageRequest {
  /** What identifies the query (operation and filters), so a token cannot be replayed on another query. */
  query: unknown;
  nextToken?: unknown;
  maxResults?: unknown;
  defaultMax: number;
  limit: { min: number; max: number };
  /** The error a bad token or MaxResults gets; each service has its own code. */
  invalidToken: () => AwsServiceError;
  invalidMax: (message: string) => AwsServiceError;
}

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

const fingerprint = (query: unknown) =>
  createHash('sha256').update(JSON.stringify(query)).digest('base64url').slice(0, 16);

export function paginate<T>(all: readonly T[], request: PageRequest): Page<T> {
  const max = request.maxResults ?? request.defaultMax;
  if (
    typeof max !== 'number' ||
    !Number.isInteger(max) ||
    max < request.limit.min ||
    max > request.limit.max
  ) {
    throw request.invalidMax(
      `MaxResults must be an integer between ${request.limit.min} and ${request.limit.max}, got ${String(max)}`,
    );
  }
  const query = fingerprint(request.query);
  let offset = 0;
  if (request.nextToken !== undefined && request.nextToken !== null) {
    offset = decodeToken(request.nextToken, query, request.invalidToken);
  }
  const items = all.slice(offset, offset + max);
  const next = offset + max;
  return {
    items,
    nextToken:
      next < all.length
        ? Buffer.from(JSON.stringify({ q: query, o: next })).toString('base64url')
        : undefined,
  };
}

function decodeToken(token: unknown, query: string, invalid: () => AwsServiceError): number {
  if (typeof token !== 'string') throw invalid();
  try {
    const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      q?: unknown;
      o?: unknown;
    };
    if (
      decoded.q === query &&
      typeof decoded.o === 'number' &&
      Number.isInteger(decoded.o) &&
      decoded.o >= 0
    ) {
      return decoded.o;
    }
  } catch {
    // fall through: any undecodable token is invalid
  }
  throw invalid();
}
