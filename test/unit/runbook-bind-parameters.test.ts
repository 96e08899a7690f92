// bindParameters: every type and rule against the sandbox's real runbooks, every problem kind, and hostile input.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bindParameters } from '../../src/core/runbook/bind-parameters.js';
import { jsonSyntaxError } from '../../src/core/runbook/parse-json-value.js';
import { parseRunbookContent } from '../../src/core/runbook/parse-runbook-content.js';
import type { Runbook } from '../../src/core/runbook/runbook.js';

const FIXTURES = [
  'AWS-EnableS3BucketEncryption',
  'AWS-RestartEC2Instance',
  'AWS-StartEC2Instance',
  'AWS-StopEC2Instance',
  'Platform-CleanupUnusedAmis',
  'Platform-RollingRestartService',
  'Platform-VerifyBackupRestore',
] as const;

function aRunbook(
  name: string,
  content = readFileSync(`fixtures/sandbox/runbooks/${name}.yml`, 'utf8'),
): Runbook {
  const result = parseRunbookContent(name, content, 'YAML');
  if (!result.ok) throw new Error(result.message);
  return result.runbook;
}

const restart = aRunbook('AWS-RestartEC2Instance');
const encryption = aRunbook('AWS-EnableS3BucketEncryption');
const cleanup = aRunbook('Platform-CleanupUnusedAmis');
const rolling = aRunbook('Platform-RollingRestartService');
const backup = aRunbook('Platform-VerifyBackupRestore');
/** Rules the fixtures do not cover: chars limits on a free string, a StringList without a pattern, a broken pattern. */
const custom = aRunbook(
  'Test-Custom',
  `schemaVersion: '0.3'
assumeRole: '{{ AutomationAssumeRole }}'
parameters:
  Ticket: { type: String, default: ABCD, minChars: 4, maxChars: 8 }
  Note: { type: String, default: '' }
  Names: { type: StringList, default: [] }
  Broken: { type: String, default: x, allowedPattern: '([' }
  Owner: { type: String }
  AutomationAssumeRole: { type: String }
`,
);
const RESERVED = { reservedParameters: ['AutomationAssumeRole'] };
const INSTANCE_A = 'i-0123456789abcdef0';
const INSTANCE_B = 'i-0fedcba9876543210';

describe('bindParameters: values in SSM wire form', () => {
  it.each<[string, Runbook, Record<string, string | string[]>, Record<string, string[]>]>([
    [
      'a StringList is split on commas',
      restart,
      { InstanceId: `${INSTANCE_A},${INSTANCE_B}` },
      { InstanceId: [INSTANCE_A, INSTANCE_B] },
    ],
    [
      'StringList items are trimmed and empties dropped',
      restart,
      { InstanceId: ` ${INSTANCE_A} , ,${INSTANCE_B}, ` },
      { InstanceId: [INSTANCE_A, INSTANCE_B] },
    ],
    [
      'a StringList may be a JSON array',
      restart,
      { InstanceId: `["${INSTANCE_A}", "${INSTANCE_B}"]` },
      { InstanceId: [INSTANCE_A, INSTANCE_B] },
    ],
    [
      'a StringList may arrive as a list (multi-select)',
      restart,
      { InstanceId: [INSTANCE_A] },
      { InstanceId: [INSTANCE_A] },
    ],
    [
      'a StringList item may look like [x] without being JSON',
      cleanup,
      { AmiNamePrefixes: '[team]-,platform-' },
      { AmiNamePrefixes: ['[team]-', 'platform-'] },
    ],
    [
      'a JSON StringList of numbers becomes strings',
      custom,
      { Owner: 'me', Names: '[1, 2]' },
      { Owner: ['me'], Names: ['1', '2'] },
    ],
    [
      'a Boolean is case-insensitive and sent in lowercase',
      cleanup,
      { DryRun: 'FALSE' },
      { DryRun: ['false'] },
    ],
    ['an Integer is trimmed', cleanup, { RetentionDays: ' 30 ' }, { RetentionDays: ['30'] }],
    ['a negative Integer is an integer', cleanup, { RetentionDays: '-5' }, { RetentionDays: ['-5'] }],
    [
      'an Integer with allowed values',
      rolling,
      { ClusterName: 'checkout', MinHealthyPercent: '75' },
      { ClusterName: ['checkout'], MinHealthyPercent: ['75'] },
    ],
    [
      'a StringMap becomes one compact JSON string',
      cleanup,
      { ExcludeTags: '{"keep": "true"}' },
      { ExcludeTags: ['{"keep":"true"}'] },
    ],
    [
      'a MapList becomes one JSON string per object',
      rolling,
      { ClusterName: 'c', Services: '[{"Name":"api","Batch":1}, {"Name":"worker","Batch":2}]' },
      { ClusterName: ['c'], Services: ['{"Name":"api","Batch":1}', '{"Name":"worker","Batch":2}'] },
    ],
    [
      'a MapList may be one object',
      rolling,
      { ClusterName: 'c', Services: '{"Name":"api","Batch":1}' },
      { ClusterName: ['c'], Services: ['{"Name":"api","Batch":1}'] },
    ],
    [
      'a MapList may arrive as a list of objects',
      rolling,
      { ClusterName: 'c', Services: ['{"Name":"api"}', '{"Name":"worker"}'] },
      { ClusterName: ['c'], Services: ['{"Name":"api"}', '{"Name":"worker"}'] },
    ],
    [
      'an allowed value passes',
      encryption,
      { BucketName: 'my-bucket', SSEAlgorithm: 'aws:kms' },
      { BucketName: ['my-bucket'], SSEAlgorithm: ['aws:kms'] },
    ],
    [
      'defaults are left to SSM',
      backup,
      { DBInstanceIdentifier: 'orders-db' },
      { DBInstanceIdentifier: ['orders-db'] },
    ],
    [
      'an empty value whose default is empty is left out',
      custom,
      { Owner: 'me', Note: '' },
      { Owner: ['me'] },
    ],
    ['a string of length 512 passes', custom, { Owner: 'x'.repeat(512) }, { Owner: ['x'.repeat(512)] }],
    ['an empty StringList is sent empty', custom, { Owner: 'me', Names: '' }, { Owner: ['me'], Names: [] }],
  ])('when %s, then the values are as SSM takes them', (_case, runbook, raw, values) => {
    expect(bindParameters(runbook, raw, RESERVED)).toEqual({ ok: true, values });
  });
});

describe('bindParameters: names', () => {
  it.each([
    [
      'instanceid',
      ['InstanceId'],
      /`instanceid` is not a parameter of AWS-RestartEC2Instance\. Names are case-sensitive\. Did you mean `InstanceId`\?/,
    ],
    ['InstanceIds', ['InstanceId'], /Did you mean `InstanceId`\?/],
    [
      'Color',
      undefined,
      /`Color` is not a parameter of AWS-RestartEC2Instance\. Its parameters are `InstanceId`\.$/,
    ],
  ])(
    'when `%s` is given, then it is unknown, with suggestions among the names',
    (name, suggestions, message) => {
      const result = bindParameters(restart, { InstanceId: INSTANCE_A, [name]: 'x' }, RESERVED);
      expect(result).toEqual({
        ok: false,
        problems: [
          {
            parameter: name,
            kind: 'unknown',
            message: expect.stringMatching(message),
            ...(suggestions && { suggestions }),
          },
        ],
      });
    },
  );

  it.each(['AutomationAssumeRole', 'automationassumerole'])(
    'when the reserved `%s` is given, then it is refused: the bot sets it',
    (name) => {
      expect(
        bindParameters(restart, { InstanceId: INSTANCE_A, [name]: 'arn:aws:iam::1:role/x' }, RESERVED),
      ).toEqual({
        ok: false,
        problems: [
          {
            parameter: name,
            kind: 'reserved',
            message: `\`${name}\` is set by the bot for every account and region; leave it out.`,
          },
        ],
      });
    },
  );

  it('when a required parameter is reserved, then it is not reported missing', () => {
    expect(bindParameters(custom, { Owner: 'me' }, RESERVED)).toEqual({
      ok: true,
      values: { Owner: ['me'] },
    });
  });

  it('when nothing is reserved, then AutomationAssumeRole is an ordinary parameter', () => {
    const role = 'arn:aws:iam::222222222222:role/Run';
    expect(bindParameters(restart, { InstanceId: INSTANCE_A, AutomationAssumeRole: role })).toEqual({
      ok: true,
      values: { InstanceId: [INSTANCE_A], AutomationAssumeRole: [role] },
    });
  });

  it('when a required parameter is missing, then the problem says how to write it', () => {
    expect(bindParameters(restart, {}, RESERVED)).toEqual({
      ok: false,
      problems: [
        {
          parameter: 'InstanceId',
          kind: 'missing',
          message: '`InstanceId` is required: write `InstanceId=first,second`.',
          allowedPattern: '^i-[a-z0-9]{8,17}$',
        },
      ],
    });
  });

  it('when several things are wrong, then every problem is reported in one go', () => {
    const result = bindParameters(
      custom,
      { Tickt: 'x', Ticket: 'ab', Names: '["a"', AutomationAssumeRole: 'r' },
      RESERVED,
    );
    expect(!result.ok && result.problems.map((problem) => [problem.parameter, problem.kind])).toEqual([
      ['Tickt', 'unknown'],
      ['Ticket', 'invalid'],
      ['Names', 'invalid'],
      ['AutomationAssumeRole', 'reserved'],
      ['Owner', 'missing'],
    ]);
  });
});

describe('bindParameters: invalid values', () => {
  it.each<[string, Runbook, Record<string, string | string[]>, Record<string, unknown>]>([
    [
      'a value is not among the allowed ones',
      encryption,
      { BucketName: 'my-bucket', SSEAlgorithm: 'aes256' },
      {
        parameter: 'SSEAlgorithm',
        message: '`SSEAlgorithm` must be one of `AES256`, `aws:kms`; `aes256` is not. Did you mean `AES256`?',
        allowedValues: ['AES256', 'aws:kms'],
        suggestions: ['AES256'],
      },
    ],
    [
      'an Integer is not among the allowed ones',
      rolling,
      { ClusterName: 'c', MinHealthyPercent: '60' },
      {
        message: '`MinHealthyPercent` must be one of `50`, `75`, `100`; `60` is not.',
      },
    ],
    [
      'a String does not match the pattern',
      encryption,
      { BucketName: 'My_Bucket' },
      {
        message: '`BucketName` must look like `0012345670`; `My_Bucket` does not.',
        allowedPattern: '^[0-9a-z][a-z0-9\\-\\.]{1,61}[0-9a-z]$',
      },
    ],
    [
      'StringList items do not match the pattern',
      restart,
      { InstanceId: `i-1,${INSTANCE_A},web-1` },
      {
        message: '`InstanceId` must look like `i-0123456789abcdef0`; `i-1` and `web-1` do not.',
      },
    ],
    [
      'a String is shorter than minChars',
      custom,
      { Owner: 'me', Ticket: 'ab' },
      {
        message: '`Ticket` must be at least 4 characters long; `ab` is shorter.',
      },
    ],
    [
      'a String is longer than maxChars',
      custom,
      { Owner: 'me', Ticket: 'ABCD-12345' },
      {
        message: '`Ticket` must be at most 8 characters long; `ABCD-12345` is longer.',
      },
    ],
    [
      'a value is longer than SSM takes',
      custom,
      { Owner: 'x'.repeat(513) },
      {
        message: expect.stringMatching(
          /^SSM takes values of at most 512 characters; `x{59}…` of `Owner` is longer\.$/,
        ),
      },
    ],
    [
      'a StringList has fewer items than minItems',
      cleanup,
      { AmiNamePrefixes: ' , ' },
      {
        message: '`AmiNamePrefixes` needs at least 1 item, not 0: write `AmiNamePrefixes=platform-`.',
      },
    ],
    [
      'a StringList has more items than maxItems',
      cleanup,
      { AmiNamePrefixes: 'a,b,c,d,e,f,g,h,i,j,k' },
      {
        message: '`AmiNamePrefixes` takes at most 10 items, not 11.',
      },
    ],
    [
      'a StringList has more values than SSM takes',
      custom,
      { Owner: 'me', Names: Array.from({ length: 51 }, (_, i) => `n${i}`).join(',') },
      {
        message: 'SSM takes at most 50 values for one parameter; `Names` has 51.',
      },
    ],
    [
      'a StringList JSON array is broken',
      restart,
      { InstanceId: `["${INSTANCE_A}", "i-2` },
      {
        message: expect.stringMatching(
          /^`InstanceId` is not a valid JSON list \(line 1, column 29: expected a closing ", but the text ends there\)\. Write it like `\["a","b"\]`, or as items separated by commas\.$/,
        ),
      },
    ],
    [
      'a StringList JSON item is an object',
      custom,
      { Owner: 'me', Names: '["a", {"b": 1}]' },
      {
        message: '`Names` must be a list of strings such as `["a","b"]`; item 2 is an object.',
      },
    ],
    [
      'an Integer is a word',
      cleanup,
      { RetentionDays: 'ninety' },
      {
        message: '`RetentionDays` must be a whole number such as `90`, not `ninety`.',
      },
    ],
    [
      'an Integer is a decimal',
      cleanup,
      { RetentionDays: '1.5' },
      { message: expect.stringContaining('whole number') },
    ],
    [
      'a Boolean is yes',
      cleanup,
      { DryRun: 'yes' },
      { message: '`DryRun` must be `true` or `false`, not `yes`.' },
    ],
    [
      'a StringMap is not JSON',
      cleanup,
      { ExcludeTags: '{"keep": }' },
      {
        message:
          '`ExcludeTags` is not valid JSON (line 1, column 10: expected a value (a "string", a number, true, false, null, [ or {), found `}`). Write it like `{"Retain":"true"}`.',
      },
    ],
    [
      'a StringMap uses single quotes',
      cleanup,
      { ExcludeTags: "{'keep':'true'}" },
      {
        message: expect.stringContaining("(line 1, column 2: expected a key in double quotes, found `'`)."),
      },
    ],
    [
      'a StringMap is a list',
      cleanup,
      { ExcludeTags: '["keep"]' },
      {
        message: '`ExcludeTags` must be a JSON object such as `{"Retain":"true"}`, not a list.',
      },
    ],
    [
      'a MapList holds a string',
      rolling,
      { ClusterName: 'c', Services: '[{"Name":"api"}, "worker"]' },
      {
        message:
          '`Services` must be a JSON array of objects such as `[{"Name":"checkout-api","Batch":1}]`; item 2 is a string.',
      },
    ],
    [
      'a MapList is not JSON',
      rolling,
      { ClusterName: 'c', Services: '[{Name: api}]' },
      {
        message: expect.stringContaining(
          '`Services` is not valid JSON (line 1, column 3: expected a key in double quotes, found `N`)',
        ),
      },
    ],
    [
      'a String is given two values',
      encryption,
      { BucketName: ['a-bucket', 'b-bucket'] },
      {
        message: '`BucketName` takes one value, not 2.',
      },
    ],
    [
      'an optional value is empty',
      encryption,
      { BucketName: 'my-bucket', SSEAlgorithm: '' },
      {
        message:
          '`SSEAlgorithm` is empty, and SSM takes no empty values: write `SSEAlgorithm=AES256`, or leave it out to use the default.',
      },
    ],
    [
      'the runbook has a broken pattern',
      custom,
      { Owner: 'me', Broken: 'x' },
      {
        parameter: 'Broken',
        message: expect.stringMatching(
          /^The runbook's allowedPattern for `Broken` is not a regular expression the bot can check \(.+\); ask the runbook's owner to fix it\.$/,
        ),
        allowedPattern: '([',
      },
    ],
  ])('when %s, then the problem says what is wrong and how to write it', (_case, runbook, raw, problem) => {
    const result = bindParameters(runbook, raw, RESERVED);
    expect(result).toEqual({
      ok: false,
      problems: [expect.objectContaining({ kind: 'invalid', ...problem })],
    });
  });

  it.each<[string, Runbook, Record<string, string>, string]>([
    [
      'a required String is empty',
      encryption,
      { BucketName: '' },
      '`BucketName` is empty but required: write `BucketName=…`.',
    ],
    [
      'a required StringList is empty',
      restart,
      { InstanceId: ' ' },
      '`InstanceId` needs at least one item: write `InstanceId=first,second`.',
    ],
    [
      'a required String is missing altogether',
      backup,
      {},
      '`DBInstanceIdentifier` is required: write `DBInstanceIdentifier=…`.',
    ],
  ])('when %s, then it is missing', (_case, runbook, raw, message) => {
    expect(bindParameters(runbook, raw, RESERVED)).toEqual({
      ok: false,
      problems: [expect.objectContaining({ kind: 'missing', message })],
    });
  });
});

describe('jsonSyntaxError: where JSON goes wrong', () => {
  const VALUE = 'a value (a "string", a number, true, false, null, [ or {)';
  const IN_STRING = 'no line breaks or tabs inside a string (write \\n or \\t)';
  it.each([
    ['{"a":1}', undefined],
    [' [1, -2.5e3, "x\\n", true, null] ', undefined],
    ["{'a':1}", "line 1, column 2: expected a key in double quotes, found `'`"],
    ['[1,2,]', `line 1, column 6: expected ${VALUE}, found \`]\``],
    ['{"a":1', 'line 1, column 7: expected a comma or a closing }, but the text ends there'],
    ['{"a" 1}', 'line 1, column 6: expected a colon, found `1`'],
    ['"abc', 'line 1, column 5: expected a closing ", but the text ends there'],
    ['"a\\x"', 'line 1, column 3: expected an escape such as \\" or \\n after \\, found `\\`'],
    ['{"a":1} x', 'line 1, column 9: expected nothing after the end of the value, found `x`'],
    ['-', `line 1, column 1: expected ${VALUE}, found \`-\``],
    ['1.', 'line 1, column 3: expected a digit, but the text ends there'],
    ['[1 x]', 'line 1, column 4: unexpected `x`'],
    ['{"a":1,}', 'line 1, column 8: expected a key in double quotes, found `}`'],
    ['[1 2]', 'line 1, column 4: expected a comma, found `2`'],
    ['[/* note */ 1]', 'line 1, column 2: expected no comments (JSON has none), found `/`'],
    ['{"a":"x\ny"}', `line 1, column 8: expected ${IN_STRING}, found a line break`],
    ['"\\\\\\q"', 'line 1, column 4: expected an escape such as \\" or \\n after \\, found `\\`'],
    ['{\n  "a": 1,\n  "b": tru\n}', `line 3, column 8: expected ${VALUE}, found \`t\``],
    ['"a\tb"', `line 1, column 3: expected ${IN_STRING}, found a tab`],
    ['`x`', `line 1, column 1: expected ${VALUE}, found a backtick`],
    ['', `line 1, column 1: expected ${VALUE}, but the text ends there`],
  ])('when the text is %j, then the error is %j', (text, error) => {
    expect(jsonSyntaxError(text)).toBe(error);
    if (error === undefined) expect(() => JSON.parse(text)).not.toThrow();
    else expect(() => JSON.parse(text)).toThrow();
  });

  it('when nesting is absurdly deep, then it says so instead of overflowing the stack', () => {
    expect(jsonSyntaxError('['.repeat(100_000))).toBe(
      'it nests [ and { too deeply to say where it goes wrong',
    );
  });

  it('when the text is JSON, broken JSON or noise, then it names a problem exactly when JSON.parse refuses it', () => {
    const broken = fc.tuple(fc.json(), fc.nat(), fc.string({ maxLength: 2 })).map(([json, at, insert]) => {
      const cut = at % (json.length + 1);
      return json.slice(0, cut) + insert + json.slice(cut + 1);
    });
    fc.assert(
      fc.property(fc.oneof(fc.json(), broken, fc.string({ maxLength: 40 })), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        expect(jsonSyntaxError(text) === undefined).toBe(valid);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('bindParameters: properties', () => {
  const runbooks = [...FIXTURES.map((name) => aRunbook(name)), custom];
  const names = [...new Set(runbooks.flatMap((runbook) => runbook.parameters.map((p) => p.name)))];
  const key = fc.oneof(
    fc.constantFrom(...names, '__proto__', 'constructor', 'toString'),
    fc.string({ maxLength: 20 }),
  );
  const text = fc.oneof(
    fc.string({ maxLength: 600 }),
    fc.json(),
    fc.constantFrom('', ' ', '[', '["', '[]', '{}', 'true', 'TRUE', '-0', '1e3', INSTANCE_A, 'x'.repeat(513)),
  );
  const value = fc.oneof(text, fc.array(text, { maxLength: 60 }));

  it('when the input is arbitrary, then it never throws and either binds or names at least one problem', () => {
    fc.assert(
      fc.property(fc.constantFrom(...runbooks), fc.dictionary(key, value, { maxKeys: 8 }), (runbook, raw) => {
        const result = bindParameters(runbook, raw, RESERVED);
        if (!result.ok) {
          expect(result.problems.length).toBeGreaterThan(0);
          for (const problem of result.problems) expect(problem.message.length).toBeGreaterThan(0);
          return;
        }
        for (const [name, values] of Object.entries(result.values)) {
          expect(runbook.parameters.some((parameter) => parameter.name === name)).toBe(true);
          expect(values.length).toBeLessThanOrEqual(50);
          for (const item of values) expect(item.length).toBeGreaterThanOrEqual(1);
          for (const item of values) expect(item.length).toBeLessThanOrEqual(512);
        }
      }),
      { numRuns: 500 },
    );
  });
});
