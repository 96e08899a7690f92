// Parses JSON typed into Slack or read from a runbook and, when it is not JSON, says what is wrong and where.
// JSON.parse reads the value; its own messages differ between Node versions and can echo the whole input, so
// where the text goes wrong comes from jsonc-parser (strict: no comments, no trailing commas), which reports each
// problem as a code and an offset.
import { type ParseError, parse, printParseErrorCode } from 'jsonc-parser';

export type JsonResult = { ok: true; value: unknown } | { ok: false; error: string };

export function parseJsonValue(text: string): JsonResult {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, error: jsonSyntaxError(text) ?? 'not valid JSON' };
  }
}

const STRICT = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false };

const VALUE = 'a value (a "string", a number, true, false, null, [ or {)';
const IN_STRING = 'no line breaks or tabs inside a string (write \\n or \\t)';
const ESCAPE = 'an escape such as \\" or \\n after \\';
const COMMA = 'a comma';

/** What the parser expected where it found something else (or the end of the text). */
const EXPECTED: Partial<Record<ReturnType<typeof printParseErrorCode>, string>> = {
  ValueExpected: VALUE,
  PropertyNameExpected: 'a key in double quotes',
  ColonExpected: 'a colon',
  CommaExpected: COMMA,
  CloseBraceExpected: `${COMMA} or a closing }`,
  CloseBracketExpected: `${COMMA} or a closing ]`,
  EndOfFileExpected: 'nothing after the end of the value',
  InvalidCommentToken: 'no comments (JSON has none)',
  UnexpectedEndOfComment: 'no comments (JSON has none)',
  InvalidNumberFormat: 'a number such as 12, -3.5 or 1e3',
};

/**
 * Where the text goes wrong and what belonged there, in words: `line 1, column 2: expected a key in double
 * quotes, found \`'\``; undefined when the text is valid JSON.
 */
export function jsonSyntaxError(text: string): string | undefined {
  const errors = problemsOf(text);
  // jsonc-parser recurses once per level; JSON.parse, which does not, has refused the text already.
  if (!errors) return 'it nests [ and { too deeply to say where it goes wrong';
  const [first, next] = errors;
  if (!first) return undefined;
  const problem = (offset: number, expected?: string) =>
    offset >= text.length
      ? `${where(text, offset)}: expected ${expected ?? VALUE}, but the text ends there`
      : `${where(text, offset)}: ${expected ? `expected ${expected}, found` : 'unexpected'} ${describeCharacter(text, offset)}`;
  const token = text.slice(first.offset, first.offset + first.length);
  const end = first.offset + first.length;
  const code = printParseErrorCode(first.error);
  switch (code) {
    case 'InvalidSymbol': {
      // The parser skips what it cannot read: a problem found right after it says what belonged there; none at
      // all, and a complete value before it, means nothing did.
      const before = text.slice(0, first.offset);
      if (next && next.offset >= end && text.slice(end, next.offset).trim() === '')
        return problem(first.offset, EXPECTED[printParseErrorCode(next.error)]);
      const complete = before.trim() !== '' && problemsOf(before)?.length === 0;
      return problem(first.offset, complete ? EXPECTED.EndOfFileExpected : undefined);
    }
    case 'UnexpectedEndOfString':
      // The string stopped at a line break or at the end of the text.
      return problem(end, end >= text.length ? 'a closing "' : IN_STRING);
    case 'InvalidCharacter':
      return problem(first.offset + firstControlCharacter(token), IN_STRING);
    case 'InvalidEscapeCharacter':
    case 'InvalidUnicode':
      return problem(first.offset + badEscape(token), ESCAPE);
    case 'UnexpectedEndOfNumber':
      return problem(end, 'a digit');
    default:
      return problem(first.offset, EXPECTED[code]);
  }
}

/** Every problem in reading order; undefined when the text nests too deeply for the parser's recursion. */
function problemsOf(text: string): ParseError[] | undefined {
  const errors: ParseError[] = [];
  try {
    parse(text, errors, STRICT);
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
  return errors;
}

/** Where the first backslash that starts no valid escape is in a string token. */
function badEscape(token: string): number {
  for (const match of token.matchAll(/\\(?:u[0-9a-fA-F]{4}|["\\/bfnrt]|(?<bad>))/g)) {
    if (match.groups?.bad !== undefined) return match.index;
  }
  return 0;
}

function firstControlCharacter(token: string): number {
  let index = 0;
  while (index < token.length && token[index]! >= ' ') index++;
  return index;
}

/** `line 3, column 7`, counted from 1 as editors count. */
function where(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${before.at(-1)!.length + 1}`;
}

function describeCharacter(text: string, offset: number): string {
  const char = String.fromCodePoint(text.codePointAt(offset)!);
  if (char === '`') return 'a backtick';
  if (char === '\n') return 'a line break';
  if (char === '\t') return 'a tab';
  if (char < ' ') return `character U+${char.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`;
  return `\`${char}\``;
}
