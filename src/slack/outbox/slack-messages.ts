// The outbox's Slack calls: post (or share files), edit, and find a post by the key in its metadata.
import {
  type ChatPostMessageArguments,
  type ChatUpdateArguments,
  WebClient,
  type WebClientOptions,
} from '@slack/web-api';
import type { SharedFileContent } from '../../ports.js';
import { contentToSend, type OutboxRecord } from './outbox-record.js';
import { postUploadBytes } from './post-upload-bytes.js';

/** The metadata event type every outbox message carries, with `{ key }` as its payload. */
export const OUTBOX_EVENT_TYPE = 'ssm_chatops_message';

/** How far before the posting mark a crashed post is looked for: Slack's clock and ours may disagree. */
const CLOCK_SKEW_MARGIN_MS = 5 * 60_000;
/** Pages of history read when looking for a crashed post; past them it is taken as never posted. */
const SEARCH_PAGES = 5;
const SEARCH_PAGE_SIZE = 200;

/** A call that hangs longer than this fails (and is retried): a job must not hold its key forever. */
const CALL_TIMEOUT_MS = 10_000;

/**
 * A WebClient for the outbox worker: a 429 is thrown at once (the job waits it out in Redis, not in a sleep
 * inside the job), and BullMQ does the retrying. (web-api 8 calls `fetch`: a request error wraps fetch's own
 * error, which holds no copy of the request and so no token.)
 */
export function createOutboxWebClient(token: string | undefined, options: WebClientOptions = {}): WebClient {
  return new WebClient(token, {
    timeout: CALL_TIMEOUT_MS,
    ...options,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
  });
}

/** A first delivery's call (RedisSlackOutbox.deliverNow) gives up sooner: someone is waiting for the answer. */
const FIRST_DELIVERY_TIMEOUT_MS = 5_000;

/** The outbox's client for the calls a caller waits on; two of them fit in FIRST_DELIVERY_LEASE_MS. */
export function createFirstDeliveryWebClient(
  token: string | undefined,
  options: WebClientOptions = {},
): WebClient {
  return createOutboxWebClient(token, { ...options, timeout: FIRST_DELIVERY_TIMEOUT_MS });
}

export class SlackMessages {
  constructor(
    private readonly client: WebClient,
    /** For the upload of a file's bytes, which goes around the client: as long as its calls may take. */
    private readonly timeoutMs = CALL_TIMEOUT_MS,
  ) {}

  /** Posts the record's content; returns the new message's ts (a file share's: its first file's id). */
  async post(record: OutboxRecord, threadTs: string | undefined): Promise<string> {
    const { files } = contentToSend(record);
    if (files) return this.shareFiles(record, files, threadTs);
    const args = {
      channel: record.channel,
      ...contentArgs(record),
      metadata: { event_type: OUTBOX_EVENT_TYPE, event_payload: { key: record.key } },
      unfurl_links: false,
      ...(threadTs ? { thread_ts: threadTs, reply_broadcast: record.broadcast } : {}),
    } as ChatPostMessageArguments;
    const { ts } = await this.client.chat.postMessage(args);
    if (!ts) throw new Error(`chat.postMessage for ${record.key} answered without a ts`);
    return ts;
  }

  /**
   * Uploads the files and shares them as one message, Slack's upload flow: files.getUploadURLExternal per file,
   * the bytes to each upload URL, then one files.completeUploadExternal with the comment. One file at a time,
   * so only one file's bytes are held. A share carries no metadata, so a crashed one is found again by its first
   * file's name (see findPosted).
   */
  private async shareFiles(
    record: OutboxRecord,
    files: readonly SharedFileContent[],
    threadTs: string | undefined,
  ): Promise<string> {
    const uploaded: Array<{ id: string; title: string }> = [];
    for (const file of files) {
      const bytes = Buffer.from(file.content, 'utf8');
      const { upload_url: uploadUrl, file_id: id } = await this.client.files.getUploadURLExternal({
        filename: file.name,
        length: bytes.length,
      });
      if (!uploadUrl || !id)
        throw new Error(`files.getUploadURLExternal for ${record.key} answered without an upload URL`);
      await postUploadBytes(uploadUrl, bytes, this.timeoutMs);
      uploaded.push({ id, title: file.title });
    }
    const [first, ...rest] = uploaded;
    if (!first) throw new Error(`a file share for ${record.key} has no files`);
    const answer = await this.client.files.completeUploadExternal({
      files: [first, ...rest],
      channel_id: record.channel,
      ...(threadTs ? { thread_ts: threadTs } : {}),
      initial_comment: contentToSend(record).text,
    });
    const id = answer.files?.[0]?.id;
    if (!id) throw new Error(`files.completeUploadExternal for ${record.key} answered without a file id`);
    return id;
  }

  /** Replaces the message's content. Blocks and attachments are always sent ([] clears them), as Slack keeps
   * the old ones when an update leaves them out. */
  async update(record: OutboxRecord, ts: string): Promise<void> {
    const { text, blocks, attachments } = contentToSend(record);
    await this.client.chat.update({
      channel: record.channel,
      ts,
      text,
      blocks: blocks ?? [],
      attachments: attachments ?? [],
      metadata: { event_type: OUTBOX_EVENT_TYPE, event_payload: { key: record.key } },
    } as ChatUpdateArguments);
  }

  /**
   * The ts of a message of this key posted since `sinceMs` (in the thread of `threadTs` for a reply), or
   * undefined. Slack returns metadata only when asked with include_all_metadata.
   */
  async findPosted(
    record: OutboxRecord,
    threadTs: string | undefined,
    sinceMs: number,
  ): Promise<string | undefined> {
    const oldest = toSlackTs(sinceMs - CLOCK_SKEW_MARGIN_MS);
    let cursor: string | undefined;
    for (let page = 0; page < SEARCH_PAGES; page++) {
      const common = {
        channel: record.channel,
        oldest,
        include_all_metadata: true,
        limit: SEARCH_PAGE_SIZE,
        cursor,
      };
      const answer = threadTs
        ? await this.client.conversations.replies({ ...common, ts: threadTs })
        : await this.client.conversations.history(common);
      const found = (answer.messages ?? []).find(
        (message) => isOutboxMessage(message.metadata, record.key) || isOutboxFileShare(message, record),
      );
      if (found?.ts) return found.ts;
      cursor = answer.response_metadata?.next_cursor || undefined;
      if (!answer.has_more || !cursor) return undefined;
    }
    return undefined;
  }
}

function contentArgs(record: OutboxRecord) {
  const { text, blocks, attachments } = contentToSend(record);
  return { text, ...(blocks ? { blocks } : {}), ...(attachments ? { attachments } : {}) };
}

function isOutboxMessage(metadata: unknown, key: string): boolean {
  const { event_type, event_payload } = (metadata ?? {}) as { event_type?: unknown; event_payload?: unknown };
  return event_type === OUTBOX_EVENT_TYPE && (event_payload as { key?: unknown } | undefined)?.key === key;
}

/** A share of this record's files by the bot: its first file's name is the record's own (it names the run). */
function isOutboxFileShare(message: { files?: Array<{ name?: string }> }, record: OutboxRecord): boolean {
  const name = record.content?.files?.[0]?.name;
  return name !== undefined && message.files?.[0]?.name === name;
}

const toSlackTs = (ms: number) => (Math.max(0, ms) / 1000).toFixed(6);
