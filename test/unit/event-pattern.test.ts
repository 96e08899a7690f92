// EventBridge event patterns: which events each kind of pattern matches, and which patterns are rejected.
import { describe, expect, it } from 'vitest';
import { parseEventPattern } from '../../src/sandbox/events/event-pattern.js';

const ssmEvent = {
  version: '0',
  id: '7bf73129-1428-4cd3-a780-95db273d1602',
  'detail-type': 'EC2 Automation Execution Status-change Notification',
  source: 'aws.ssm',
  account: '333333333301',
  time: '2026-05-01T10:00:00Z',
  region: 'ap-northeast-1',
  resources: ['arn:aws:ssm:ap-northeast-1:333333333301:automation-execution/abc'],
  detail: {
    ExecutionId: 'abc',
    Definition: 'AWS-RestartEC2Instance',
    Status: 'Success',
    StartTime: 'Fri May 01 10:00:00 UTC 2026',
    Attempts: 3,
    Tags: ['prod', 'payments'],
    Target: { Account: '333333333301', SourceIp: '10.0.3.17' },
    Empty: null,
  },
};

function matches(pattern: unknown, event: unknown = ssmEvent): boolean {
  const parsed = parseEventPattern(JSON.stringify(pattern));
  if (!parsed.ok) throw new Error(`pattern rejected: ${parsed.reason}`);
  return parsed.pattern.matches(event);
}

describe('event pattern matching', () => {
  const cases: Array<[name: string, pattern: unknown, expected: boolean]> = [
    ['an exact source', { source: ['aws.ssm'] }, true],
    ['another source', { source: ['aws.ec2'] }, false],
    ['one of several values', { source: ['aws.ec2', 'aws.ssm'] }, true],
    [
      'source and detail-type together',
      { source: ['aws.ssm'], 'detail-type': ['EC2 Automation Execution Status-change Notification'] },
      true,
    ],
    [
      'source right, detail-type wrong',
      { source: ['aws.ssm'], 'detail-type': ['EC2 Automation Step Status-change Notification'] },
      false,
    ],
    ['a nested field', { detail: { Status: ['Success', 'Failed'] } }, true],
    ['a nested field with another value', { detail: { Status: ['Failed'] } }, false],
    ['two levels deep', { detail: { Target: { Account: ['333333333301'] } } }, true],
    ['a field absent from the event', { detail: { Missing: ['x'] } }, false],
    ['a number equal in value', { detail: { Attempts: [3.0] } }, true],
    ['a string that looks like the number', { detail: { Attempts: ['3'] } }, false],
    ['a null value', { detail: { Empty: [null] } }, true],
    ['null against an absent field', { detail: { Missing: [null] } }, false],
    ['a value inside an event array', { detail: { Tags: ['payments'] } }, true],
    ['a value not in the event array', { detail: { Tags: ['staging'] } }, false],
    [
      'resources by exact ARN',
      { resources: ['arn:aws:ssm:ap-northeast-1:333333333301:automation-execution/abc'] },
      true,
    ],
    ['prefix', { 'detail-type': [{ prefix: 'EC2 Automation' }] }, true],
    ['prefix that does not start the value', { 'detail-type': [{ prefix: 'Automation' }] }, false],
    [
      'prefix ignoring case',
      { 'detail-type': [{ prefix: { 'equals-ignore-case': 'ec2 automation' } }] },
      true,
    ],
    ['suffix', { 'detail-type': [{ suffix: 'Notification' }] }, true],
    ['suffix that does not end the value', { 'detail-type': [{ suffix: 'Change' }] }, false],
    ['suffix ignoring case', { 'detail-type': [{ suffix: { 'equals-ignore-case': 'NOTIFICATION' } }] }, true],
    ['anything-but a value', { detail: { Status: [{ 'anything-but': 'Failed' }] } }, true],
    ['anything-but the actual value', { detail: { Status: [{ 'anything-but': 'Success' }] } }, false],
    ['anything-but a list', { detail: { Status: [{ 'anything-but': ['Failed', 'TimedOut'] }] } }, true],
    [
      'anything-but a list holding the value',
      { detail: { Status: [{ 'anything-but': ['Success', 'Failed'] }] } },
      false,
    ],
    [
      'anything-but a prefix',
      { detail: { Definition: [{ 'anything-but': { prefix: 'Platform-' } }] } },
      true,
    ],
    [
      'anything-but the actual prefix',
      { detail: { Definition: [{ 'anything-but': { prefix: 'AWS-' } }] } },
      false,
    ],
    [
      'anything-but a suffix',
      { detail: { Definition: [{ 'anything-but': { suffix: 'Instance' } }] } },
      false,
    ],
    [
      'anything-but ignoring case',
      { detail: { Status: [{ 'anything-but': { 'equals-ignore-case': ['SUCCESS'] } }] } },
      false,
    ],
    ['anything-but on an absent field', { detail: { Missing: [{ 'anything-but': 'x' }] } }, false],
    ['anything-but a number', { detail: { Attempts: [{ 'anything-but': 5 }] } }, true],
    ['exists true on a present field', { detail: { ExecutionId: [{ exists: true }] } }, true],
    ['exists true on an absent field', { detail: { Missing: [{ exists: true }] } }, false],
    ['exists false on an absent field', { detail: { Missing: [{ exists: false }] } }, true],
    ['exists false on a present field', { detail: { ExecutionId: [{ exists: false }] } }, false],
    ['exists true on an object', { detail: { Target: [{ exists: true }] } }, false],
    ['numeric range holding the value', { detail: { Attempts: [{ numeric: ['>', 0, '<=', 3] }] } }, true],
    ['numeric range below the value', { detail: { Attempts: [{ numeric: ['<', 3] }] } }, false],
    ['numeric equality', { detail: { Attempts: [{ numeric: ['=', 3] }] } }, true],
    ['numeric against a string field', { detail: { Status: [{ numeric: ['>', 0] }] } }, false],
    ['equals-ignore-case', { detail: { Status: [{ 'equals-ignore-case': 'SUCCESS' }] } }, true],
    [
      'equals-ignore-case with another value',
      { detail: { Status: [{ 'equals-ignore-case': 'failed' }] } },
      false,
    ],
    ['wildcard', { detail: { Definition: [{ wildcard: 'AWS-*EC2*' }] } }, true],
    [
      'wildcard that does not cover the value',
      { detail: { Definition: [{ wildcard: 'Platform-*' }] } },
      false,
    ],
    ['wildcard with an escaped star', { detail: { Definition: [{ wildcard: 'AWS-\\*' }] } }, false],
    ['cidr holding the address', { detail: { Target: { SourceIp: [{ cidr: '10.0.0.0/16' }] } } }, true],
    ['cidr not holding the address', { detail: { Target: { SourceIp: [{ cidr: '10.1.0.0/16' }] } } }, false],
    [
      '$or with one matching branch',
      { $or: [{ source: ['aws.ec2'] }, { detail: { Status: ['Success'] } }] },
      true,
    ],
    [
      '$or with no matching branch',
      { $or: [{ source: ['aws.ec2'] }, { detail: { Status: ['Failed'] } }] },
      false,
    ],
    [
      '$or nested beside other fields',
      {
        source: ['aws.ssm'],
        detail: { $or: [{ Status: ['Failed'] }, { Attempts: [{ numeric: ['>=', 3] }] }] },
      },
      true,
    ],
    [
      '$or beside a field that fails',
      { source: ['aws.ec2'], $or: [{ detail: { Status: ['Success'] } }, { account: ['1'] }] },
      false,
    ],
  ];

  it.each(cases)('when the pattern tests %s, then it matches: %s', (_name, pattern, expected) => {
    expect(matches(pattern)).toBe(expected);
  });

  it('when a pattern names an object field, then arrays of objects in the event match if any element does', () => {
    const event = { detail: { Steps: [{ Name: 'stop' }, { Name: 'start' }] } };
    expect(matches({ detail: { Steps: { Name: ['start'] } } }, event)).toBe(true);
    expect(matches({ detail: { Steps: { Name: ['reboot'] } } }, event)).toBe(false);
  });
});

describe('event pattern validation', () => {
  const invalid: Array<[name: string, text: string, reason: RegExp]> = [
    ['text that is not JSON', '{"source": [', /JSON/],
    ['a JSON array', '["aws.ssm"]', /not an object/],
    ['an empty object', '{}', /Empty objects/],
    ['a bare string value', '{"source": "aws.ssm"}', /must be an object or an array/],
    ['an empty array', '{"source": []}', /Empty arrays/],
    ['an unknown match type', '{"source": [{"startsWith": "aws."}]}', /Unrecognized match type startsWith/],
    ['two match types in one object', '{"source": [{"prefix": "a", "suffix": "b"}]}', /Only one match type/],
    ['a prefix that is not a string', '{"source": [{"prefix": 3}]}', /prefix match pattern must be a string/],
    [
      'exists that is not boolean',
      '{"source": [{"exists": "yes"}]}',
      /exists match pattern must be true or false/,
    ],
    [
      'a numeric operator that does not exist',
      '{"detail": {"n": [{"numeric": ["~", 3]}]}}',
      /Unrecognized numeric range operator/,
    ],
    [
      'a numeric range with two lower bounds',
      '{"detail": {"n": [{"numeric": [">", 1, ">=", 2]}]}}',
      /Bad numeric range/,
    ],
    [
      'a numeric range upside down',
      '{"detail": {"n": [{"numeric": [">", 5, "<", 1]}]}}',
      /Bottom must be less than top/,
    ],
    ['a numeric value out of range', '{"detail": {"n": [{"numeric": [">", 1e10]}]}}', /between -5e9 and 5e9/],
    ['consecutive wildcards', '{"source": [{"wildcard": "aws.**"}]}', /Consecutive wildcard/],
    ['anything-but with an empty list', '{"source": [{"anything-but": []}]}', /only strings and numbers/],
    [
      'anything-but with an unknown operator',
      '{"source": [{"anything-but": {"numeric": [">", 1]}}]}',
      /Unsupported anything-but/,
    ],
    ['$or with a single branch', '{"$or": [{"source": ["a"]}]}', /at least two objects/],
    ['a malformed cidr', '{"detail": {"ip": [{"cidr": "10.0.0.0"}]}}', /CIDR/],
    ['a nested array value', '{"source": [["aws.ssm"]]}', /Match value must be/],
  ];

  it.each(invalid)('when the pattern is %s, then it is rejected with a reason', (_name, text, reason) => {
    const parsed = parseEventPattern(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });
});
