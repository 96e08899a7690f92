// Runbook globs → RegExp: `*` is any run of characters, `?` one character; anchored and case-sensitive.

const REGEXP_SYNTAX = /[\\^$.*+?()[\]{}|/]/g;
const ANY_CHARACTER = '[\\s\\S]';

/** One piece between stars: literals escaped, `?` as one character (one code point: the RegExp is `u`). */
function piece(text: string): string {
  return [...text]
    .map((character) => (character === '?' ? ANY_CHARACTER : character.replace(REGEXP_SYNTAX, '\\$&')))
    .join('');
}

/**
 * Compiles a glob to an anchored RegExp that never backtracks catastrophically.
 *
 * The naive `.*a.*a.*b` takes time exponential in the number of stars on a name that almost matches
 * (five stars over 128 characters take tens of seconds). Instead each piece between two stars is found at
 * its leftmost place inside a lookahead, which JavaScript never re-enters: `(?=([\s\S]*?piece))\1`. The
 * leftmost place is always right, because whatever follows a star can also start later. Only the last piece
 * is anchored at the end. Matching is then linear in the name for each piece.
 */
export function compileGlob(pattern: string): RegExp {
  const pieces = pattern.split('*');
  if (pieces.length === 1) return new RegExp(`^${piece(pattern)}$`, 'u');
  const first = pieces[0]!;
  const last = pieces[pieces.length - 1]!;
  let source = `^${piece(first)}`;
  let group = 0;
  for (const middle of pieces.slice(1, -1)) {
    if (middle === '') continue;
    group++;
    source += `(?=(${ANY_CHARACTER}*?${piece(middle)}))(?:\\${group})`;
  }
  source += `${ANY_CHARACTER}*${piece(last)}$`;
  return new RegExp(source, 'u');
}

/** True when the pattern has a wildcard: an exact name outranks every glob. */
export const isGlob = (pattern: string): boolean => /[*?]/.test(pattern);
