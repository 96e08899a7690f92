// Splits slash-command text into words the way a shell would, after undoing Slack's text mangling.

export type TokenizeResult = { ok: true; tokens: string[] } | { ok: false; message: string };

/** Slack sends `&`, `<` and `>` escaped, and clients often turn straight quotes into curly ones. */
export function normaliseSlackText(text: string): string {
  return text
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
    .replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
    .replace(/\u00A0/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * Words separated by whitespace; '…' keeps everything literally, "…" allows \" and \\ escapes,
 * and quotes may sit inside a word (`Name="a b"` is one word, `Name=a b`).
 */
export function tokenize(input: string): TokenizeResult {
  const tokens: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  let quoteStart = 0;
  for (let index = 0; index < input.length; index++) {
    const char = input[index]!;
    if (quote === "'") {
      if (char === "'") quote = undefined;
      else current += char;
      continue;
    }
    if (quote === '"') {
      if (char === '\\' && (input[index + 1] === '"' || input[index + 1] === '\\')) {
        current += input[++index];
      } else if (char === '"') {
        quote = undefined;
      } else {
        current += char;
      }
      continue;
    }
    if (char === '"' || char === "'") {
      quote = char;
      quoteStart = index;
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) tokens.push(current);
      current = '';
      inWord = false;
    } else {
      current += char;
      inWord = true;
    }
  }
  if (quote) {
    return {
      ok: false,
      message: `the ${quote === '"' ? 'double' : 'single'} quote at character ${quoteStart + 1} is never closed`,
    };
  }
  if (inWord) tokens.push(current);
  return { ok: true, tokens };
}
