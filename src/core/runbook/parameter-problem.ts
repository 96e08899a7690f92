// What is wrong with the parameters of a run, one problem per parameter and rule, worded for Slack.
import { closestMatches } from '../command/closest-match.js';

export type ParameterProblemKind = 'unknown' | 'missing' | 'invalid' | 'reserved';

export interface ParameterProblem {
  /** The parameter name as given (for `unknown` and `reserved`) or as declared. */
  parameter: string;
  kind: ParameterProblemKind;
  /** A sentence that says what is wrong and how to write it. */
  message: string;
  /** Parameter names (`unknown`) or allowed values (`invalid`) close to what was typed. */
  suggestions?: string[];
  allowedValues?: string[];
  allowedPattern?: string;
}

const SHOWN_LENGTH = 60;

/** A value as Slack code, shortened so one long value cannot flood the reply. */
export function code(text: string): string {
  const shown = text.length > SHOWN_LENGTH ? `${text.slice(0, SHOWN_LENGTH - 1)}…` : text;
  // A backtick would close the code span early.
  return `\`${shown.replaceAll('`', "'")}\``;
}

/** `a`, `a or b`, `a, b or c`. */
export function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

/**
 * Case-insensitive equals first (`instanceid` → `InstanceId`), then near misses; a word of three letters or
 * fewer is near almost anything (`60` is two edits from `50` and `75`), so it gets no near misses.
 */
export function suggestionsFor(word: string, candidates: readonly string[]): string[] {
  const sameLetters = candidates.filter((candidate) => candidate.toLowerCase() === word.toLowerCase());
  const near = word.length > 3 ? closestMatches(word, candidates) : [];
  return [...new Set([...sameLetters, ...near])].slice(0, 3);
}
