// Bolt middleware: while the store (Redis) does not answer, every request that would use it is refused at once.
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from 'pino';
import { parseSsmCommand } from '../core/command/parse-ssm-command.js';
import { ErrorCode } from '../errors.js';
import { renderStoreUnreachable, storeUnreachableFieldError } from './render/render-store-unreachable.js';

/**
 * Without this, a command sent while Redis is down is acked and then waits in the client's queue for as long as
 * the outage lasts, to run by surprise minutes later, the person having heard nothing. Refusing is the honest
 * answer: nothing is queued, and the person is told within Slack's 3 s (`storeAnswers` is bounded: ~1 s).
 * `/ssm help` and a mistyped command need no store and are still answered.
 */
export function refuseWithoutStore(
  storeAnswers: () => Promise<boolean>,
  logger: Logger,
): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const body = args.body as SlackRequestBody;
    if (needsNoStore(body) || (await storeAnswers())) return args.next();
    logger.warn(
      { code: ErrorCode.StoreUnreachable, request: describe(body), user: body.user_id ?? body.user?.id },
      'refused a Slack request: the store (Redis) does not answer',
    );
    const ack = 'ack' in args ? (args.ack as (response?: unknown) => Promise<void>) : undefined;
    if (body.command) {
      await ack?.({ response_type: 'ephemeral', ...renderStoreUnreachable() });
      return;
    }
    if (body.type === 'view_submission') {
      const field = body.view?.blocks?.find((block) => block.type === 'input')?.block_id;
      await ack?.(
        field ? { response_action: 'errors', errors: { [field]: storeUnreachableFieldError() } } : {},
      );
      return;
    }
    await ack?.();
    if ('respond' in args && body.response_url) {
      const respond = args.respond as (message: unknown) => Promise<unknown>;
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        ...renderStoreUnreachable(),
      }).catch((error: unknown) =>
        logger.warn({ err: error }, 'could not tell the person the store does not answer'),
      );
    }
  };
}

/** The fields of the Slack payloads this middleware reads (commands, interactions, events). */
interface SlackRequestBody {
  command?: string;
  text?: string;
  type?: string;
  user_id?: string;
  user?: { id?: string };
  response_url?: string;
  actions?: Array<{ action_id?: string }>;
  view?: { callback_id?: string; blocks?: Array<{ type?: string; block_id?: string }> };
}

function needsNoStore(body: SlackRequestBody): boolean {
  if (!body.command) return false;
  const parsed = parseSsmCommand(body.text ?? '');
  return parsed.kind === 'help' || parsed.kind === 'usage-error';
}

/** What was asked, for the log: the command and its subcommand (never its arguments), an action or a view. */
function describe(body: SlackRequestBody): string {
  if (body.command) return `${body.command} ${parseSsmCommand(body.text ?? '').kind}`;
  return body.actions?.[0]?.action_id ?? body.view?.callback_id ?? body.type ?? 'unknown';
}
