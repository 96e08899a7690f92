// The bot's one error catalog: namespaced codes, one class per code with structured fields.

export const ErrorCode = {
  ConfigInvalid: 'config/invalid',
  CliUsage: 'cli/usage',
  /** A stored record that does not parse as what the store wrote: someone else wrote the key, or it is damaged. */
  StoreCorruptRecord: 'store/corrupt-record',
  /** A new record's id is taken (ids are random: a clash is a fault, not an outcome). */
  StoreDuplicateId: 'store/duplicate-id',
  /** A compare-and-set lost every race it was allowed: other writers changed the record each time. */
  StoreContention: 'store/contention',
  /** An operation on a record that must exist found none. */
  StoreMissing: 'store/missing',
  /** Redis does not answer (down, or hung): a Slack request that needs it is refused, never queued. */
  StoreUnreachable: 'store/unreachable',
  Unknown: 'bot/unknown',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Base of every error the bot raises on purpose. */
export abstract class BotError extends Error {
  abstract readonly code: ErrorCode;
}

/** One problem with one configuration key; `reason` never contains the key's value when it is a secret. */
export interface ConfigProblem {
  key: string;
  reason: string;
}

export class ConfigError extends BotError {
  override readonly name = 'ConfigError';
  readonly code = ErrorCode.ConfigInvalid;
  constructor(readonly problems: ConfigProblem[]) {
    super(
      `invalid configuration:\n${problems.map((problem) => `  ${problem.key}: ${problem.reason}`).join('\n')}`,
    );
  }
}

/** A command line the CLI cannot run; exit code 2. */
export class UsageError extends BotError {
  override readonly name = 'UsageError';
  readonly code = ErrorCode.CliUsage;
  constructor(
    message: string,
    readonly command: string,
  ) {
    super(message);
  }
}

type StoreErrorCode =
  | typeof ErrorCode.StoreCorruptRecord
  | typeof ErrorCode.StoreDuplicateId
  | typeof ErrorCode.StoreContention
  | typeof ErrorCode.StoreMissing;

/** A fault of the run, change or audit store; `code` says which kind. */
export class StoreError extends BotError {
  override readonly name = 'StoreError';
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export class UnknownBotError extends BotError {
  override readonly name = 'UnknownBotError';
  readonly code = ErrorCode.Unknown;
  constructor(readonly original: unknown) {
    super(original instanceof Error ? original.message : String(original));
  }
}

/** Every caught value as a BotError, so callers can switch on `code`. */
export function toBotError(error: unknown): BotError {
  return error instanceof BotError ? error : new UnknownBotError(error);
}
