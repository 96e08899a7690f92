// response_url: issued with commands and message interactions, usable 5 times in 30 minutes, as Slack documents.
import { parseBody } from './http-io.js';
import type { EmulatorState } from './state/emulator-state.js';
import { ApiArgs } from './web-api/api-args.js';
import { botAuthor, postedContent, readMessageContent } from './web-api/message-content.js';
import { SlackApiError } from './web-api/slack-api-error.js';

export const RESPONSE_URL_TTL_MS = 30 * 60 * 1000;
export const RESPONSE_URL_MAX_USES = 5;

/** What the response_url answers for: a slash command, or a message (in a channel or ephemeral) a user acted on. */
export type ResponseUrlContext =
  | { kind: 'command'; channel: string; user: string }
  | { kind: 'message'; channel: string; user: string; messageTs: string; isEphemeral: boolean };

interface Issued {
  context: ResponseUrlContext;
  issuedAt: number;
  uses: number;
  /** The last ephemeral this URL posted, which a later replace_original replaces. */
  lastEphemeralTs?: string;
}

export interface ResponseUrlAnswer {
  status: number;
  body: Record<string, unknown>;
}

export class ResponseUrls {
  private readonly issued = new Map<string, Issued>();

  constructor(
    private readonly state: EmulatorState,
    private readonly baseUrl: () => string,
  ) {}

  issue(context: ResponseUrlContext): string {
    const id = `${this.state.directory.team.id}/${this.state.ids.id('R')}`;
    this.issued.set(id, { context, issuedAt: this.state.now(), uses: 0 });
    return `${this.baseUrl()}/response/${id}`;
  }

  /** Handles `POST /response/<id>` with a JSON (or `payload=` form) body. */
  handle(id: string, contentType: string | undefined, body: Buffer): ResponseUrlAnswer {
    const issued = this.issued.get(id);
    if (!issued) return { status: 404, body: { ok: false, error: 'invalid_url' } };
    if (this.state.now() - issued.issuedAt > RESPONSE_URL_TTL_MS) {
      return { status: 404, body: { ok: false, error: 'expired_url' } };
    }
    if (issued.uses >= RESPONSE_URL_MAX_USES) return { status: 404, body: { ok: false, error: 'used_url' } };
    const parsed = parseBody(contentType, body);
    let fields = parsed.ok ? parsed.fields : undefined;
    if (fields && typeof fields.payload === 'string') {
      try {
        fields = JSON.parse(fields.payload) as Record<string, unknown>;
      } catch {
        fields = undefined;
      }
    }
    if (!fields) return { status: 400, body: { ok: false, error: 'invalid_payload' } };
    issued.uses += 1;
    try {
      this.apply(issued, new ApiArgs(fields));
      return { status: 200, body: { ok: true } };
    } catch (error) {
      if (error instanceof SlackApiError) return { status: 400, body: error.toBody() };
      throw error;
    }
  }

  private apply(issued: Issued, args: ApiArgs): void {
    const { context } = issued;
    const { messages, directory } = this.state;
    if (args.bool('delete_original')) {
      if (context.kind !== 'message') throw new SlackApiError('no_original_message');
      const deleted = context.isEphemeral
        ? messages.deleteEphemeral(context.user, context.messageTs)
        : messages.delete(context.channel, context.messageTs);
      if (!deleted) throw new SlackApiError('message_not_found');
      return;
    }
    const content = postedContent(readMessageContent(args, this.state));
    const replacing = args.bool('replace_original');
    if (replacing && context.kind === 'message' && !context.isEphemeral) {
      const { text, blocks, attachments } = content;
      if (!messages.update(context.channel, context.messageTs, { text, blocks, attachments })) {
        throw new SlackApiError('message_not_found');
      }
      return;
    }
    const originalEphemeral = context.kind === 'message' ? context.messageTs : issued.lastEphemeralTs;
    if (replacing && originalEphemeral && messages.findEphemeral(context.user, originalEphemeral)) {
      messages.replaceEphemeral(context.user, originalEphemeral, {
        ...content,
        blocks: content.blocks,
        attachments: content.attachments,
      });
      return;
    }
    const threadTs = args.string('thread_ts');
    if (args.string('response_type') === 'in_channel') {
      messages.post(context.channel, { ...botAuthor(directory), ...content }, threadTs);
      return;
    }
    const ephemeral = messages.postEphemeral({
      channel: context.channel,
      user: context.user,
      ...content,
      ...(threadTs ? { thread_ts: threadTs } : {}),
      bot_id: directory.bot.botId,
      source: 'response_url',
    });
    issued.lastEphemeralTs = ephemeral.ts;
  }
}
