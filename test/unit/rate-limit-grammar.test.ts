// The one grammar for concurrency and max errors: what it reads and refuses, what it writes for SSM, and that the
// command, the run modal and the config file read the same text the same way.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { parseSsmCommand } from '../../src/core/command/parse-ssm-command.js';
import {
  formatRateLimit,
  parseRateLimit,
  RATE_LIMIT_BOUNDS,
  type RateLimitKind,
} from '../../src/core/command/rate-limit-grammar.js';
import type { RateLimit } from '../../src/core/command/ssm-command.js';
import { ConfigError } from '../../src/errors.js';
import { BlockId } from '../../src/slack/ids.js';
import { aRunbook, roundTrip } from './run-modal/run-form-fixtures.js';

/** SSM's API model: StartAutomationExecution MaxConcurrency / MaxErrors (TargetLocation's take the same). */
const SSM_PATTERN: Record<RateLimitKind, RegExp> = {
  concurrency: /^([1-9][0-9]*|[1-9][0-9]%|[1-9]%|100%)$/,
  'max-errors': /^([1-9][0-9]*|[0]|[1-9][0-9]%|[0-9]%|100%)$/,
};
const SSM_MAX_LENGTH = 7;

const count = (value: number): RateLimit => ({ kind: 'count', value });
const percent = (value: number): RateLimit => ({ kind: 'percent', value });

const ACCEPTS_CONCURRENCY =
  'concurrency is a number from 1 to 9999999 or a percentage from 1% to 100%, such as 10 or 25%';
const ACCEPTS_MAX_ERRORS =
  'max errors is a number from 0 to 9999999 or a percentage from 0% to 100%, such as 0 or 10%';
const NOT_A_NUMBER = 'is not a whole number or a percentage';

/** Text → the limit it reads as, or the problem (which always ends with what the kind accepts). */
const CASES: Array<[RateLimitKind, string, RateLimit | string]> = [
  ['concurrency', '1', count(1)],
  ['concurrency', '10', count(10)],
  ['concurrency', '9999999', count(9_999_999)],
  ['concurrency', '1%', percent(1)],
  ['concurrency', '25%', percent(25)],
  ['concurrency', '100%', percent(100)],
  ['concurrency', '25 %', percent(25)],
  ['concurrency', ' 10 ', count(10)],
  ['concurrency', '010', count(10)],
  ['concurrency', '0', `is less than 1; ${ACCEPTS_CONCURRENCY}`],
  ['concurrency', '00', `is less than 1; ${ACCEPTS_CONCURRENCY}`],
  ['concurrency', '0%', `is less than 1%; ${ACCEPTS_CONCURRENCY}`],
  ['concurrency', '10000000', `is more than 9999999; ${ACCEPTS_CONCURRENCY}`],
  ['concurrency', '123456789012345678901234567890', `is more than 9999999; ${ACCEPTS_CONCURRENCY}`],
  ['concurrency', '101%', `is more than 100%; ${ACCEPTS_CONCURRENCY}`],
  ['concurrency', '1000%', `is more than 100%; ${ACCEPTS_CONCURRENCY}`],
  ['concurrency', 'ten', `${NOT_A_NUMBER}; ${ACCEPTS_CONCURRENCY}`],
  ['concurrency', '1.5', `${NOT_A_NUMBER}; ${ACCEPTS_CONCURRENCY}`],
  ['concurrency', '-1', `${NOT_A_NUMBER}; ${ACCEPTS_CONCURRENCY}`],
  ['concurrency', '1e3', `${NOT_A_NUMBER}; ${ACCEPTS_CONCURRENCY}`],
  ['concurrency', '%', `${NOT_A_NUMBER}; ${ACCEPTS_CONCURRENCY}`],
  ['concurrency', '25%%', `${NOT_A_NUMBER}; ${ACCEPTS_CONCURRENCY}`],
  ['concurrency', '10x', `${NOT_A_NUMBER}; ${ACCEPTS_CONCURRENCY}`],
  ['concurrency', '1 0', `${NOT_A_NUMBER}; ${ACCEPTS_CONCURRENCY}`],
  ['concurrency', '１０', `${NOT_A_NUMBER}; ${ACCEPTS_CONCURRENCY}`],
  ['max-errors', '0', count(0)],
  ['max-errors', '00', count(0)],
  ['max-errors', '0%', percent(0)],
  ['max-errors', '3', count(3)],
  ['max-errors', '9999999', count(9_999_999)],
  ['max-errors', '10%', percent(10)],
  ['max-errors', '100%', percent(100)],
  ['max-errors', '10000000', `is more than 9999999; ${ACCEPTS_MAX_ERRORS}`],
  ['max-errors', '101%', `is more than 100%; ${ACCEPTS_MAX_ERRORS}`],
  ['max-errors', '-0', `${NOT_A_NUMBER}; ${ACCEPTS_MAX_ERRORS}`],
  ['max-errors', 'many', `${NOT_A_NUMBER}; ${ACCEPTS_MAX_ERRORS}`],
];

describe('parseRateLimit', () => {
  it.each(CASES)('when %s is %j, then it reads as %j', (kind, text, expected) => {
    expect(parseRateLimit(text, kind)).toEqual(
      typeof expected === 'string' ? { ok: false, problem: expected } : { ok: true, limit: expected },
    );
  });

  it.each<RateLimitKind>(['concurrency', 'max-errors'])(
    'when a string is what SSM takes for %s, then it reads back as the same string',
    (kind) => {
      const ssmValue = fc.oneof(
        fc.integer({ min: RATE_LIMIT_BOUNDS.minimum[kind], max: 9_999_999 }).map(String),
        fc.integer({ min: RATE_LIMIT_BOUNDS.minimum[kind], max: 100 }).map((value) => `${value}%`),
      );
      fc.assert(
        fc.property(ssmValue, (text) => {
          expect(text).toMatch(SSM_PATTERN[kind]);
          const parsed = parseRateLimit(text, kind);
          expect(parsed.ok && formatRateLimit(parsed.limit)).toBe(text);
        }),
      );
    },
  );

  it.each<RateLimitKind>(['concurrency', 'max-errors'])(
    'when any text is read as %s, then what it accepts SSM takes, and what it refuses says what it accepts',
    (kind) => {
      const typed = fc.oneof(fc.string({ maxLength: 12 }), fc.stringMatching(/^ ?0{0,3}\d{1,9} ?%? ?$/));
      fc.assert(
        fc.property(typed, (text) => {
          const parsed = parseRateLimit(text, kind);
          if (parsed.ok) {
            const written = formatRateLimit(parsed.limit);
            expect(written).toMatch(SSM_PATTERN[kind]);
            expect(written.length).toBeLessThanOrEqual(SSM_MAX_LENGTH);
          } else {
            expect(parsed.problem).toMatch(
              kind === 'concurrency' ? `; ${ACCEPTS_CONCURRENCY}` : `; ${ACCEPTS_MAX_ERRORS}`,
            );
          }
        }),
      );
    },
  );
});

describe('formatRateLimit', () => {
  it.each<[RateLimit, string]>([
    [count(10), '10'],
    [count(0), '0'],
    [count(9_999_999), '9999999'],
    [percent(0), '0%'],
    [percent(25), '25%'],
    [percent(100), '100%'],
  ])('when the limit is %j, then people and SSM read %s', (limit, text) => {
    expect(formatRateLimit(limit)).toBe(text);
  });
});

/** Each place a person writes a limit, reading `text` as `kind`: the limit, or the problem as that place shows it. */
const ENTRY_POINTS: Record<string, (kind: RateLimitKind, text: string) => RateLimit | string> = {
  '/ssm run --concurrency / --max-errors': (kind, text) => {
    const command = parseSsmCommand(`run AWS-RestartEC2Instance --${kind} "${text}"`);
    if (command.kind === 'usage-error') return command.message;
    if (command.kind !== 'run') throw new Error(`unexpected ${command.kind}`);
    return (kind === 'concurrency' ? command.concurrency : command.maxErrors)!;
  },
  'the run modal': (kind, text) => {
    const blockId = kind === 'concurrency' ? BlockId.concurrency : BlockId.maxErrors;
    const form = roundTrip(aRunbook('AWS-RestartEC2Instance'), { [blockId]: { value: text } });
    if (form.problems[blockId]) return form.problems[blockId]!;
    return (kind === 'concurrency' ? form.request.concurrency : form.request.maxErrors)!;
  },
  'the config file (runs.defaultConcurrency / defaultMaxErrors)': (kind, text) => {
    const key = kind === 'concurrency' ? 'defaultConcurrency' : 'defaultMaxErrors';
    try {
      const config = loadConfig(
        { SSM_CHATOPS_CONFIG: 'bot.yml' },
        { readFile: () => `runs:\n  ${key}: ${JSON.stringify(text)}\n` },
      );
      return config.file.runs[key];
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      return error.problems.map((problem) => `${problem.key}: ${problem.reason}`).join('\n');
    }
  },
};

describe.each(Object.keys(ENTRY_POINTS))('%s', (entryPoint) => {
  const read = ENTRY_POINTS[entryPoint]!;
  it.each(CASES)('when %s is %j, then it reads as the grammar does', (kind, text, expected) => {
    const result = read(kind, text);
    if (typeof expected === 'string') {
      // Refused with the grammar's own words, after the value as given (a long one shown by its start).
      expect(typeof result).toBe('string');
      expect(result as string).toContain(text.trim().slice(0, 20));
      expect(result as string).toContain(expected);
    } else {
      expect(result).toEqual(expected);
    }
  });
});
