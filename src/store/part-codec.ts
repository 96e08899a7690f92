// How a run's larger parts (each child, the targets) are kept in Redis: deflated with a preset dictionary.
import { deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * A finished child is ~600 bytes of JSON, mostly the same keys, statuses and timestamp prefixes as every other
 * child; 3,000 of them took 2.1 MB of Redis. Deflate alone barely helps on so short a text, but with these
 * strings as its preset dictionary a child takes ~170 bytes (~230 as base64, which keeps every value a string
 * that ioredis and redis-cli show as text). The most frequent strings come last: deflate codes near matches in
 * fewer bits. Never edit this dictionary: values written with it could no longer be read. A new one needs a new
 * prefix (`z2:`), and readers keep the old one.
 */
const DICTIONARY_V1 = Buffer.from(
  [
    'aws:executeScript aws:runCommand aws:executeAwsApi aws:waitForAwsResourceProperty aws:sleep aws:approve ',
    'aws:changeInstanceState aws:branch aws:assertAwsResourceProperty aws:createStack aws:deleteStack ',
    'us-east-2 us-west-1 us-west-2 ca-central-1 eu-central-1 eu-west-2 eu-west-3 eu-north-1 ap-south-1 ',
    'ap-southeast-1 ap-southeast-2 ap-northeast-2 ap-northeast-3 sa-east-1 us-east-1 eu-west-1 ap-northeast-1 ',
    '"failure":{"reason":"","message":"Step fails when it is "},"outputs":{},"failureMessage":"',
    'Pending Queued Waiting StartFailed Skipped TimedOut Cancelling Cancelled Failed InProgress Success ',
    '{"accountId":"","accountName":"","region":"","status":"","executionId":"","startedAt":"2026-',
    '","endedAt":"2026-","currentStep":"","steps":[{"name":"","action":"aws:","status":"Success","startedAt":"20',
    '","endedAt":"20',
  ].join(''),
);

const PREFIX_V1 = 'z1:';

/**
 * Small windows: a part is a few hundred bytes, and a large window costs each call its allocation. Small output
 * chunks too: zlib's default hands each call a 16 KB buffer, so a write of a new 3,000-child run held ~50 MB of
 * buffers until the next collection (the worker's RSS peaks); 1 KB holds most parts in one chunk.
 */
const OPTIONS = { dictionary: DICTIONARY_V1, windowBits: 11, memLevel: 8, chunkSize: 1024 } as const;

export function encodePart(json: string): string {
  return PREFIX_V1 + deflateRawSync(json, { ...OPTIONS, level: 9 }).toString('base64');
}

/**
 * The JSON of a part as `encodePart` wrote it; a value that is plain JSON (written before parts were encoded,
 * or by hand) is returned as it is. A value that does not inflate is returned as it is too, so that the JSON
 * parser reports the corrupt record with its place.
 */
export function decodePart(stored: string): string {
  if (!stored.startsWith(PREFIX_V1)) return stored;
  try {
    return inflateRawSync(Buffer.from(stored.slice(PREFIX_V1.length), 'base64'), OPTIONS).toString('utf8');
  } catch {
    return stored;
  }
}
