// A modal's private_metadata, checked like any other input: it comes back from Slack, so it may be forged or stale.
import type { z } from 'zod';
import { BlockKitLimit } from './render/block-kit-limits.js';

/** The JSON `privateMetadata` holds, if it is within Slack's limit, parses, and matches `schema`; else undefined. */
export function parseViewMetadata<T>(privateMetadata: unknown, schema: z.ZodType<T>): T | undefined {
  if (typeof privateMetadata !== 'string' || privateMetadata.length > BlockKitLimit.privateMetadata)
    return undefined;
  let json: unknown;
  try {
    json = JSON.parse(privateMetadata);
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}
