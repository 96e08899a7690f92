// A value that matches a runbook's allowedPattern, for messages that say "must look like i-0123456789abcdef0".
import type { RunbookParameter } from './runbook.js';

const MAX_EXAMPLE_LENGTH = 40;
const SHORT_COUNT = 20;
const FEW = 8;
/** Class characters are tried in this order, so examples read like ids: digits, then lower and upper case. */
const PREFERRED = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_.:/@';

/**
 * An example of a value the parameter takes: its default or a word of its description when either matches the
 * pattern, else one built from the pattern itself; undefined when none can be found (the caller then describes
 * the rule in words). Built examples cover what runbooks write: literals, classes, \d \w \s, quantifiers,
 * groups and alternatives (the first branch is taken).
 */
export function patternExample(parameter: RunbookParameter, regex: RegExp): string | undefined {
  const fits = (value: string) => value !== '' && value.length <= MAX_EXAMPLE_LENGTH && regex.test(value);
  const known = [
    typeof parameter.default === 'string' ? parameter.default : undefined,
    ...(Array.isArray(parameter.default) ? parameter.default.map(String) : []),
    ...descriptionValues(parameter.description),
  ];
  const fromRunbook = known.find((value) => value !== undefined && fits(value));
  if (fromRunbook) return fromRunbook;
  const built = buildFromPattern(regex.source);
  return built !== undefined && fits(built) ? built : undefined;
}

/**
 * Words of the description that look like values (`i-0a1b2c3d`, `t3.micro`): a plain word such as "name" may
 * match a loose pattern while telling nobody anything.
 */
function descriptionValues(description: string | undefined): string[] {
  return (description?.split(/[\s,;()"'`]+/) ?? [])
    .map((word) => word.replace(/[.:]$/, ''))
    .filter((word) => /[^A-Za-z]/.test(word));
}

/** A string the pattern matches, or undefined for constructs this reader does not know (lookarounds, refs). */
export function buildFromPattern(source: string): string | undefined {
  let at = 0;
  const atom = (): string | undefined => {
    const char = source[at]!;
    if (char === '(') {
      at += source.startsWith('(?:', at) ? 3 : 1;
      if (source[at] === '?') return undefined;
      const inner = alternatives(')');
      if (inner === undefined || source[at] !== ')') return undefined;
      at++;
      return inner;
    }
    if (char === '[') return charClass();
    if (char === '\\') {
      const next = source[at + 1];
      at += 2;
      if (next === undefined) return undefined;
      if (next === 'd') return '0';
      if (next === 'w') return 'a';
      if (next === 's') return ' ';
      if (/[bBDWS1-9kpPuxc]/.test(next)) return undefined;
      return next === 'n' ? '\n' : next === 't' ? '\t' : next;
    }
    if (char === '.') {
      at++;
      return 'a';
    }
    if ('*+?{})|'.includes(char)) return undefined;
    at++;
    return char;
  };
  const charClass = (): string | undefined => {
    const end = classEnd(source, at);
    if (end < 0) return undefined;
    const body = source.slice(at + 1, end);
    at = end + 1;
    if (body.startsWith('^')) return undefined;
    const allowed = classCharacters(body);
    if (allowed === undefined) return undefined;
    // Cycle through the class so a long run reads like an id (0123456789abcdef…), not like "aaaaaaaa".
    return [...PREFERRED].filter((c) => allowed(c)).join('') || undefined;
  };
  const repeated = (piece: string, cycle: boolean): string | undefined => {
    let min = 1;
    let max = 1;
    const quantifier = /^(?:\{(\d+)(,(\d*))?\}|[*+?])\??/.exec(source.slice(at));
    if (quantifier) {
      at += quantifier[0].length;
      const q = quantifier[0][0];
      if (q === '*') [min, max] = [0, 0];
      else if (q === '+') [min, max] = [1, 1];
      else if (q === '?') [min, max] = [0, 0];
      else {
        min = Number(quantifier[1]);
        max = quantifier[2] === undefined ? min : quantifier[3] ? Number(quantifier[3]) : min;
      }
    }
    // A short bounded count is taken whole, so it reads like a real id (i-0123456789abcdef0); a long or open
    // one takes a few characters.
    const count = max <= SHORT_COUNT ? Math.max(min, max) : Math.max(min, Math.min(max, FEW));
    if (!cycle) return piece.repeat(count);
    // At most 16 before repeating: ids are mostly hex, and i-0123456789abcdef0 reads as one; …defg does not.
    const cycle16 = piece.slice(0, 16);
    return Array.from({ length: count }, (_, index) => cycle16[index % cycle16.length]).join('');
  };
  const sequence = (stop: string): string | undefined => {
    let out = '';
    while (at < source.length && source[at] !== '|' && source[at] !== stop) {
      if (source[at] === '^' || source[at] === '$') {
        at++;
        continue;
      }
      const isClass = source[at] === '[';
      const piece = atom();
      if (piece === undefined) return undefined;
      const next = repeated(piece, isClass);
      if (next === undefined) return undefined;
      out += next;
    }
    return out;
  };
  const alternatives = (stop: string): string | undefined => {
    const first = sequence(stop);
    while (at < source.length && source[at] === '|') {
      at++;
      if (sequence(stop) === undefined) return undefined;
    }
    return first;
  };
  const result = alternatives('');
  return at === source.length ? result : undefined;
}

function classEnd(source: string, start: number): number {
  for (let index = start + 1; index < source.length; index++) {
    if (source[index] === '\\') index++;
    else if (source[index] === ']' && index > start + 1) return index;
  }
  return -1;
}

/** A test for the characters a class body (without brackets) allows; undefined for what it cannot read. */
function classCharacters(body: string): ((char: string) => boolean) | undefined {
  const tests: Array<(char: string) => boolean> = [];
  for (let index = 0; index < body.length; index++) {
    let char = body[index]!;
    if (char === '\\') {
      const next = body[++index];
      if (next === 'd') tests.push((c) => c >= '0' && c <= '9');
      else if (next === 'w') tests.push((c) => /\w/.test(c));
      else if (next === 's') tests.push((c) => c === ' ');
      else if (next === undefined || /[DWSbpPux]/.test(next)) return undefined;
      else tests.push((c) => c === next);
      continue;
    }
    if (body[index + 1] === '-' && index + 2 < body.length) {
      let last = body[index + 2]!;
      if (last === '\\') last = body[index + 3] ?? '';
      index += last === body[index + 2] ? 2 : 3;
      const from = char;
      tests.push((c) => c >= from && c <= last);
      continue;
    }
    char = body[index]!;
    tests.push((c) => c === char);
  }
  return (c) => tests.some((test) => test(c));
}
