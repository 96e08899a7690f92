// The bot's one error catalog: namespaced codes, one class per code with structured fields.

export const ErrorCode = {
  ConfigInvalid: 'config/invalid',
  CliUsage: 'cli/usage',
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
