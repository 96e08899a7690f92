// patternExample: a value an allowedPattern takes, so a problem can say "must look like …" instead of a regex.
import { describe, expect, it } from 'vitest';
import { buildFromPattern, patternExample } from '../../src/core/runbook/pattern-example.js';
import type { RunbookParameter } from '../../src/core/runbook/runbook.js';

const aParameter = (fields: Partial<RunbookParameter> = {}): RunbookParameter => ({
  name: 'Value',
  type: 'String',
  required: true,
  ...fields,
});

describe('buildFromPattern', () => {
  it.each([
    ['^i-[a-z0-9]{8,17}$', 'i-0123456789abcdef0'],
    ['^i-[0-9a-f]{4}$', 'i-0123'],
    ['^[0-9a-z][a-z0-9\\-\\.]{1,61}[0-9a-z]$', '0012345670'],
    ['^arn:aws(-cn|-us-gov)?:iam::\\d{12}:role\\/[\\w+=,.@_\\/-]+|^$', 'arn:aws:iam::000000000000:role/0'],
    ['^(dev|prod)$', 'dev'],
    ['^\\d+$', '0'],
  ])('when the pattern is %s, then %s matches it', (pattern, example) => {
    expect(buildFromPattern(pattern)).toBe(example);
    expect(new RegExp(pattern).test(example)).toBe(true);
  });

  it.each(['^(?!x).*$', '^(a)\\1$', '[^a-z]+'])(
    'when the pattern uses %s, then no example is made up',
    (pattern) => {
      expect(buildFromPattern(pattern)).toBeUndefined();
    },
  );
});

describe('patternExample', () => {
  const idPattern = /^i-[a-z0-9]{8,17}$/;

  it('when the default matches, then it is the example', () => {
    expect(patternExample(aParameter({ default: 'i-0abc1234' }), idPattern)).toBe('i-0abc1234');
  });

  it('when the description shows a matching value, then it is the example', () => {
    const parameter = aParameter({ description: '(Required) The instance, e.g. i-0a1b2c3d4e5f60718.' });
    expect(patternExample(parameter, idPattern)).toBe('i-0a1b2c3d4e5f60718');
  });

  it('when neither helps, then the example is built from the pattern', () => {
    expect(patternExample(aParameter({ description: 'The instance' }), idPattern)).toBe(
      'i-0123456789abcdef0',
    );
  });

  it('when the pattern cannot be read, then there is no example', () => {
    expect(patternExample(aParameter(), /^(?=x)x+$/)).toBeUndefined();
  });
});
