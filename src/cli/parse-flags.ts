// Strict flag parsing with errors people can act on: which flag, what it expects.
import { parseArgs } from 'node:util';
import { UsageError } from '../errors.js';
import type { FlagSpec } from './subcommand.js';

export function parseFlags(command: string, flags: FlagSpec, argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: flags,
      strict: true,
      allowPositionals: false,
      allowNegative: true,
    }).values as Record<string, string | boolean | undefined>;
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    const flag = /'(-{1,2}[^'\s]+)/.exec(message)?.[1];
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      throw new UsageError(`unknown flag ${flag ?? message} for "ssm-chatops ${command}"`, command);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      throw new UsageError(`${flag ?? 'a flag'} needs a value`, command);
    }
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      throw new UsageError(`unexpected argument ${/'([^']+)'/.exec(message)?.[1] ?? ''}`.trim(), command);
    }
    throw error;
  }
}

/** A non-negative number flag, or a UsageError naming the flag. */
export function numberFlag(
  command: string,
  flag: string,
  value: string | boolean | undefined,
  rule: { integer?: boolean; max?: number } = {},
): number | undefined {
  if (value === undefined) return undefined;
  const parsed = typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  const valid =
    Number.isFinite(parsed) &&
    parsed >= 0 &&
    (!rule.integer || Number.isInteger(parsed)) &&
    (rule.max === undefined || parsed <= rule.max);
  if (!valid) {
    const expected = rule.integer ? `an integer from 0 to ${rule.max ?? 'any'}` : 'a number of 0 or more';
    throw new UsageError(`--${flag} must be ${expected}, got "${String(value)}"`, command);
  }
  return parsed;
}
