// Parses JSON typed into Slack and, when it is not JSON, says where it goes wrong.
// JSON.parse's own messages differ between Node versions and can echo the whole input, so the bot finds the
// position itself with a small scanner that follows the JSON grammar.

export type JsonResult = { ok: true; value: unknown } | { ok: false; error: string };

const MAX_DEPTH = 256;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

export function parseJsonValue(text: string): JsonResult {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, error: jsonSyntaxError(text) ?? 'not valid JSON' };
  }
}

/** `unexpected `'` at position 1; expected a "quoted" key`, or undefined when the text is valid JSON. */
export function jsonSyntaxError(text: string): string | undefined {
  let index = 0;
  let error: string | undefined;

  const fail = (expected: string): false => {
    error ??=
      index >= text.length
        ? `the text ends at position ${index} where ${expected} was expected`
        : `unexpected ${describeCharacter(text[index]!)} at position ${index}; expected ${expected}`;
    return false;
  };
  const skipSpace = () => {
    while (index < text.length && ' \t\n\r'.includes(text[index]!)) index++;
  };

  const value = (depth: number): boolean => {
    skipSpace();
    if (depth > MAX_DEPTH) return fail(`at most ${MAX_DEPTH} levels of nesting`);
    const char = text[index];
    if (char === '{') return object(depth);
    if (char === '[') return array(depth);
    if (char === '"') return string();
    if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) return number();
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, index)) {
        index += literal.length;
        return true;
      }
    }
    return fail('a value (a "string", a number, true, false, null, [ or {)');
  };

  const object = (depth: number): boolean => {
    index++;
    skipSpace();
    if (text[index] === '}') {
      index++;
      return true;
    }
    for (;;) {
      skipSpace();
      if (text[index] !== '"') return fail('a "quoted" key');
      if (!string()) return false;
      skipSpace();
      if (text[index] !== ':') return fail('`:`');
      index++;
      if (!value(depth + 1)) return false;
      skipSpace();
      if (text[index] === ',') {
        index++;
        continue;
      }
      if (text[index] === '}') {
        index++;
        return true;
      }
      return fail('`,` or `}`');
    }
  };

  const array = (depth: number): boolean => {
    index++;
    skipSpace();
    if (text[index] === ']') {
      index++;
      return true;
    }
    for (;;) {
      if (!value(depth + 1)) return false;
      skipSpace();
      if (text[index] === ',') {
        index++;
        continue;
      }
      if (text[index] === ']') {
        index++;
        return true;
      }
      return fail('`,` or `]`');
    }
  };

  const string = (): boolean => {
    index++;
    while (index < text.length) {
      const char = text[index]!;
      if (char === '"') {
        index++;
        return true;
      }
      if (char === '\\') {
        const escaped = text[index + 1];
        if (escaped !== undefined && '"\\/bfnrt'.includes(escaped)) index += 2;
        else if (escaped === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(index + 2, index + 6))) index += 6;
        else return fail('an escape such as \\" or \\n after \\');
        continue;
      }
      if (char < ' ') return fail('no line breaks or tabs inside a string (write \\n or \\t)');
      index++;
    }
    return fail('a closing `"`');
  };

  const number = (): boolean => {
    NUMBER.lastIndex = index;
    if (!NUMBER.test(text)) return fail('a number');
    index = NUMBER.lastIndex;
    return true;
  };

  if (!value(0)) return error;
  skipSpace();
  if (index < text.length) fail('nothing after the end of the value');
  return error;
}

function describeCharacter(char: string): string {
  if (char === '`') return 'a backtick';
  if (char < ' ') return `character U+${char.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`;
  return `\`${char}\``;
}
