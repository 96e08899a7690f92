// compileGlob: `*` and `?` only, anchored, case-sensitive; everything else literal, however hostile.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileGlob } from '../../src/core/policy/compile-glob.js';

/** The textbook definition, by dynamic programming: the reference compileGlob must agree with. */
function referenceMatch(pattern: string, name: string): boolean {
  const p = [...pattern];
  const n = [...name];
  let row = [true, ...n.map(() => false)];
  for (const token of p) {
    const next = [token === '*' && row[0]!];
    for (let j = 1; j <= n.length; j++) {
      next[j] =
        token === '*' ? next[j - 1]! || row[j]! : row[j - 1]! && (token === '?' || token === n[j - 1]);
    }
    row = next;
  }
  return row[n.length]!;
}

describe('compileGlob', () => {
  it.each([
    ['AWS-*', 'AWS-RestartEC2Instance', true],
    ['AWS-*', 'AWS-', true],
    ['AWS-*', 'XAWS-Restart', false],
    ['AWS-*', 'aws-RestartEC2Instance', false],
    ['*Instance', 'AWS-RestartEC2Instance', true],
    ['*Instance', 'AWS-RestartEC2InstanceX', false],
    ['AWS-?top*', 'AWS-StopEC2Instance', true],
    ['AWS-?top*', 'AWS-top', false],
    ['*-*-*', 'a-b-c', true],
    ['*-*-*', 'a-b', false],
    ['a*b*c', 'abcbc', true],
    ['a*b*c', 'acb', false],
    ['*', '', true],
    ['?', '', false],
    ['exact', 'exact', true],
    ['exact', 'exactly', false],
    ['exact', 'Exact', false],
    [
      'arn:aws:ssm:*:123456789012:document/Team-*',
      'arn:aws:ssm:us-east-1:123456789012:document/Team-Patch',
      true,
    ],
  ])('when %s meets %s, then it matches: %s', (pattern, name, matches) => {
    expect(compileGlob(pattern).test(name)).toBe(matches);
  });

  it.each([
    ['AWS.Restart', 'AWSxRestart'],
    ['a+', 'aa'],
    ['(a|b)', 'a'],
    ['[ab]', 'a'],
    ['a{2}', 'aa'],
    ['^a$', 'a'],
    ['a\\d', 'a1'],
    ['\\', ''],
    ['$(rm -rf /)', ''],
    ['a/b', 'a\\/b'],
  ])('when the hostile pattern %s meets %s, then its regex syntax stays literal', (pattern, name) => {
    expect(compileGlob(pattern).test(name)).toBe(false);
    expect(compileGlob(pattern).test(pattern)).toBe(true);
  });

  it('when ? meets one astral character, then it matches one character, not half of one', () => {
    expect(compileGlob('run-?').test('run-🚀')).toBe(true);
    expect(compileGlob('run-??').test('run-🚀')).toBe(false);
  });

  it('when a pattern has many stars and the name almost matches, then matching still takes linear time', () => {
    const pattern = `${'*a'.repeat(20)}*b`;
    const started = performance.now();
    expect(compileGlob(pattern).test('a'.repeat(20_000))).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('when any string is compiled, then it never throws and matches itself if it has no wildcard', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const regexp = compileGlob(text);
        if (!/[*?]/.test(text)) expect(regexp.test(text)).toBe(true);
      }),
    );
  });

  it('when patterns and names are random, then it agrees with the textbook definition', () => {
    const alphabet = fc.constantFrom('a', 'b', '-', '.', '*', '?', '[', '\\');
    const pattern = fc.array(alphabet, { maxLength: 10 }).map((chars) => chars.join(''));
    const name = fc
      .array(fc.constantFrom('a', 'b', '-', '.', '[', '\\'), { maxLength: 12 })
      .map((chars) => chars.join(''));
    fc.assert(
      fc.property(pattern, name, (glob, text) => {
        expect(compileGlob(glob).test(text)).toBe(referenceMatch(glob, text));
      }),
      { numRuns: 2000 },
    );
  });
});
