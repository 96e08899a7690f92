// Cursor pagination as Slack does it: `limit` and `cursor` in, `response_metadata.next_cursor` out.
import type { ApiArgs } from './api-args.js';
import { SlackApiError } from './slack-api-error.js';

export function paginate<T>(items: T[], args: ApiArgs, defaultLimit: number, maxLimit = 1000) {
  const limit = Math.min(Math.max(args.int('limit', defaultLimit) || defaultLimit, 1), maxLimit);
  const cursor = args.string('cursor');
  let offset = 0;
  if (cursor) {
    const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
    if (!match) throw new SlackApiError('invalid_cursor');
    offset = Number(match[1]);
  }
  const page = items.slice(offset, offset + limit);
  const next =
    offset + limit < items.length ? Buffer.from(`offset:${offset + limit}`).toString('base64') : '';
  return { page, hasMore: next !== '', responseMetadata: { next_cursor: next } };
}
