// files.*: Slack's external upload. getUploadURLExternal hands out a ticket (a file id and an upload URL), the
// upload URL takes the bytes (upload-endpoint.ts), completeUploadExternal shares the files as one message.
import { fillGeneratedIds } from '../block-kit/fill-generated-ids.js';
import { validateMessageBlocks } from '../block-kit/validate-blocks.js';
import type { StoredFile } from '../state/file-store.js';
import type { JsonObject } from '../state/slack-types.js';
import type { Channel } from '../state/workspace-directory.js';
import type { ApiArgs } from './api-args.js';
import { channelById } from './channel-access.js';
import { FILE_LIMITS, SNIPPET_TYPES } from './file-limits.js';
import { fileObject } from './file-object.js';
import { botAuthor } from './message-content.js';
import { SlackApiError } from './slack-api-error.js';
import type { MethodContext, WebApiMethod } from './web-api-method.js';

/** Slack's answer to a required argument left out (or empty) on these newer methods. */
const missingField = (name: string) =>
  new SlackApiError('invalid_arguments', [`[ERROR] missing required field: ${name}`]);

const invalidField = (name: string, problem: string) =>
  new SlackApiError('invalid_arguments', [`[ERROR] ${problem} [json-pointer:/${name}]`]);

/** `length`: a whole number of bytes; 0 is Slack's missing_argument ("when the length provided is 0"). */
function lengthOf(args: ApiArgs): number {
  const raw = args.string('length');
  if (raw === undefined) throw missingField('length');
  if (!/^\d+$/.test(raw.trim())) throw invalidField('length', 'length must be a whole number of bytes');
  const length = Number(raw);
  if (length === 0) throw new SlackApiError('missing_argument');
  return length;
}

const getUploadURLExternal: WebApiMethod = ({ state, args, baseUrl }) => {
  const filename = args.string('filename');
  if (filename === undefined) throw missingField('filename');
  const length = lengthOf(args);
  const altTxt = args.string('alt_txt');
  if (altTxt && altTxt.length > FILE_LIMITS.altTextLength) throw new SlackApiError('alt_txt_too_large');
  const snippetType = args.string('snippet_type');
  if (snippetType !== undefined) {
    if (!SNIPPET_TYPES.has(snippetType)) throw new SlackApiError('unknown_snippet_type');
    if (length > FILE_LIMITS.snippetBytes) throw new SlackApiError('snippet_too_large');
  }
  if (length > FILE_LIMITS.maxBytes) throw new SlackApiError('file_upload_size_restricted');
  const file = state.files.reserve({
    filename,
    length,
    ...(altTxt ? { altTxt } : {}),
    ...(snippetType ? { snippetType } : {}),
  });
  return { upload_url: `${baseUrl}/upload/v1/${file.uploadKey}`, file_id: file.id };
};

/** `files`: `[{ id, title? }]`, as JSON in a form or an array in a JSON body. */
function requestedFiles(args: ApiArgs): Array<{ id: string; title?: string }> {
  if (args.raw.files === undefined || args.raw.files === '') throw missingField('files');
  const files = args.json('files', 'invalid_arguments');
  const valid =
    Array.isArray(files) &&
    files.length > 0 &&
    files.every(
      (file) =>
        file &&
        typeof file === 'object' &&
        typeof (file as JsonObject).id === 'string' &&
        ((file as JsonObject).title === undefined || typeof (file as JsonObject).title === 'string'),
    );
  if (!valid) throw invalidField('files', 'files must be a non-empty array of objects with an id');
  const list = files as Array<{ id: string; title?: string }>;
  if (new Set(list.map((file) => file.id)).size < list.length) {
    throw invalidField('files', 'files names the same file twice');
  }
  return list;
}

/** Where the files go: `channel_id`, or the comma-separated `channels`; none keeps them private. */
function destinations({ state, args }: MethodContext): Channel[] {
  const ids = [
    ...new Set(
      [args.string('channel_id'), ...(args.string('channels') ?? '').split(',')]
        .map((id) => id?.trim())
        .filter((id): id is string => Boolean(id)),
    ),
  ];
  if (ids.length > FILE_LIMITS.channelsPerCompletion) throw new SlackApiError('channels_limit_exceeded');
  // Files are shared by members only: chat:write.public lets the bot post messages, not files, where it is not.
  return ids.map((id) => channelById(state, id, 'member'));
}

const completeUploadExternal: WebApiMethod = (ctx) => {
  const { state, args, baseUrl } = ctx;
  const requested = requestedFiles(args);
  const channels = destinations(ctx);
  const threadTs = args.string('thread_ts');
  if (threadTs !== undefined) {
    if (channels.length !== 1) throw invalidField('thread_ts', 'thread_ts needs exactly one channel');
    if (!state.messages.find(channels[0]!.id, threadTs)) throw new SlackApiError('thread_not_found');
  }
  // A ticket that was never issued, whose bytes never came, or that was already completed: Slack "could not find
  // the file from the upload ticket". Every file is checked before any is completed.
  const files: StoredFile[] = requested.map(({ id }) => {
    const file = state.files.get(id);
    if (!file || file.completed || !file.content) throw new SlackApiError('file_not_found');
    return file;
  });
  const comment = args.string('initial_comment');
  const blocks = comment === undefined ? readBlocks(ctx) : undefined;
  requested.forEach(({ title }, index) => {
    const file = files[index]!;
    state.files.complete(file, title ?? file.filename, state.directory.bot.userId);
  });
  const shown = files.map((file) => fileObject(state, baseUrl, file));
  for (const channel of channels) {
    state.messages.post(
      channel.id,
      {
        ...botAuthor(state.directory),
        text: comment ?? '',
        ...(blocks ? { blocks } : {}),
        files: shown,
        upload: true,
      },
      threadTs,
    );
  }
  // Slack's answer names each file and its title; where it was shared is in the message.
  return { files: files.map((file) => ({ id: file.id, title: file.completed!.title })) };
};

/** `blocks` shown with the files when there is no initial_comment (Slack ignores them beside one). */
function readBlocks({ state, args }: MethodContext): JsonObject[] | undefined {
  const raw = args.json('blocks', 'invalid_blocks_format');
  if (raw === undefined) return undefined;
  const verdict = validateMessageBlocks(raw);
  if (!verdict.ok) throw new SlackApiError(verdict.error, verdict.messages);
  return verdict.blocks.length > 0 ? fillGeneratedIds(verdict.blocks, () => state.generatedId()) : undefined;
}

export const FILE_METHODS: Record<string, WebApiMethod> = {
  'files.getUploadURLExternal': getUploadURLExternal,
  'files.completeUploadExternal': completeUploadExternal,
};
