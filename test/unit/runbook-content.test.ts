// parseRunbookContent: the sandbox's real runbooks, JSON and YAML, and documents the bot must refuse.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRunbookContent } from '../../src/core/runbook/parse-runbook-content.js';

const fixture = (name: string) => readFileSync(`fixtures/sandbox/runbooks/${name}.yml`, 'utf8');

describe('parseRunbookContent: the sandbox runbooks', () => {
  it('when a fixture runbook is read, then every parameter keeps its type, rules and default', () => {
    const result = parseRunbookContent(
      'Platform-CleanupUnusedAmis',
      fixture('Platform-CleanupUnusedAmis'),
      'YAML',
      {
        owner: '222222222222',
        documentVersion: '3',
      },
    );
    expect(result).toEqual({
      ok: true,
      runbook: {
        name: 'Platform-CleanupUnusedAmis',
        description: expect.stringContaining('### Platform-CleanupUnusedAmis'),
        owner: '222222222222',
        documentVersion: '3',
        assumeRoleParameter: 'AutomationAssumeRole',
        parameters: [
          {
            name: 'RetentionDays',
            type: 'Integer',
            description: '(Optional) Only AMIs created more than this many days ago are candidates.',
            default: 90,
            required: false,
          },
          {
            name: 'DryRun',
            type: 'Boolean',
            description: '(Optional) When true, list the candidates without deregistering anything.',
            default: true,
            required: false,
          },
          {
            name: 'ExcludeTags',
            type: 'StringMap',
            description: '(Optional) AMIs carrying any of these tag key/value pairs are kept.',
            default: { Retain: 'true' },
            required: false,
          },
          {
            name: 'AmiNamePrefixes',
            type: 'StringList',
            description: '(Optional) Only AMIs whose name starts with one of these prefixes are candidates.',
            default: ['platform-'],
            minItems: 1,
            maxItems: 10,
            allowedPattern: "^[A-Za-z0-9()\\[\\]./\\-'@_]{1,64}$",
            required: false,
          },
          {
            name: 'AutomationAssumeRole',
            type: 'String',
            description:
              '(Optional) The ARN of the role that allows Automation to perform the actions on your behalf.',
            default: '',
            allowedPattern: '^arn:aws(-cn|-us-gov)?:iam::\\d{12}:role\\/[\\w+=,.@_\\/-]+|^$',
            required: false,
          },
        ],
        // The main steps by name, in order: how far an execution is along (progress within a child).
        steps: ['FindUnusedAmis', 'ChooseMode', 'DeregisterAmis', 'ReportCandidates'],
      },
    });
  });

  it.each([
    ['AWS-RestartEC2Instance', { InstanceId: 'StringList' }, ['InstanceId']],
    ['AWS-EnableS3BucketEncryption', { BucketName: 'String', SSEAlgorithm: 'String' }, ['BucketName']],
    [
      'Platform-RollingRestartService',
      { Services: 'MapList', MinHealthyPercent: 'Integer' },
      ['ClusterName'],
    ],
    ['Platform-VerifyBackupRestore', { SimulateFailure: 'Boolean' }, ['DBInstanceIdentifier']],
  ])('when %s is read, then its types and required parameters are as written', (name, types, required) => {
    const result = parseRunbookContent(name, fixture(name), 'YAML');
    if (!result.ok) throw new Error(result.message);
    for (const [parameter, type] of Object.entries(types)) {
      expect(result.runbook.parameters.find((p) => p.name === parameter)?.type).toBe(type);
    }
    expect(result.runbook.parameters.filter((p) => p.required).map((p) => p.name)).toEqual(required);
  });

  it('when allowedValues are numbers in the document, then they become strings as SSM compares them', () => {
    const result = parseRunbookContent(
      'Platform-RollingRestartService',
      fixture('Platform-RollingRestartService'),
      'YAML',
    );
    expect(
      result.ok && result.runbook.parameters.find((p) => p.name === 'MinHealthyPercent')?.allowedValues,
    ).toEqual(['50', '75', '100']);
  });
});

describe('parseRunbookContent: document forms', () => {
  it('when the content is JSON, then it reads the same as YAML', () => {
    const json = JSON.stringify({
      schemaVersion: '0.3',
      description: 'From JSON',
      parameters: { Name: { type: 'String', displayType: 'textarea' } },
      mainSteps: [],
    });
    expect(parseRunbookContent('Doc', json, 'JSON')).toEqual({
      ok: true,
      runbook: {
        name: 'Doc',
        description: 'From JSON',
        parameters: [{ name: 'Name', type: 'String', required: true, displayType: 'textarea' }],
      },
    });
  });

  it.each([
    ['no parameters key', "schemaVersion: '0.3'\nmainSteps: []\n"],
    ['an unquoted schemaVersion', 'schemaVersion: 0.3\nmainSteps: []\n'],
  ])('when the document has %s, then it still reads, with no parameters', (_case, content) => {
    expect(parseRunbookContent('Doc', content, 'YAML')).toEqual({
      ok: true,
      runbook: { name: 'Doc', parameters: [] },
    });
  });

  it('when DescribeDocument gives a description, then it wins over the one in the content', () => {
    const result = parseRunbookContent('Doc', "schemaVersion: '0.3'\ndescription: old\n", 'YAML', {
      description: 'from DescribeDocument',
    });
    expect(result.ok && result.runbook.description).toBe('from DescribeDocument');
  });

  it('when a parameter uses an AWS resource type, then it travels as String or StringList', () => {
    const content = `schemaVersion: '0.3'
parameters:
  Instance: { type: 'AWS::EC2::Instance::Id' }
  Images: { type: 'List<AWS::EC2::Image::Id>' }
`;
    const result = parseRunbookContent('Doc', content, 'YAML');
    expect(result.ok && result.runbook.parameters.map((p) => p.type)).toEqual(['String', 'StringList']);
  });

  it('when a default is null, then the parameter is required (SSM has no value to apply)', () => {
    const result = parseRunbookContent(
      'Doc',
      "schemaVersion: '0.3'\nparameters:\n  Name:\n    type: String\n    default:\n",
      'YAML',
    );
    expect(result.ok && result.runbook.parameters[0]).toEqual({
      name: 'Name',
      type: 'String',
      required: true,
    });
  });

  it('when keys the bot only shows are of another type, or unknown, then they are ignored', () => {
    const content = `schemaVersion: '0.3'
description: [not, text]
assumeRole: 5
outputs: [x]
parameters:
  Name: { type: String, description: 7, displayType: wide, label: Name }
`;
    expect(parseRunbookContent('Doc', content, 'YAML')).toEqual({
      ok: true,
      runbook: { name: 'Doc', parameters: [{ name: 'Name', type: 'String', required: true }] },
    });
  });

  it('when an allowedPattern is not a valid regular expression, then the runbook still reads (binding reports it)', () => {
    const result = parseRunbookContent(
      'Doc',
      "schemaVersion: '0.3'\nparameters:\n  Name: { type: String, allowedPattern: '([' }\n",
      'YAML',
    );
    expect(result.ok && result.runbook.parameters[0]?.allowedPattern).toBe('([');
  });
});

describe('parseRunbookContent: documents it refuses', () => {
  it.each([
    [
      'YAML that does not parse',
      'a: [1\nb: 2',
      'YAML',
      /Doc is not a runbook the bot can read: not valid YAML: Flow sequence/,
    ],
    [
      'JSON that does not parse',
      '{"schemaVersion": ',
      'JSON',
      /not valid JSON \(line 1, column 19: expected a value .*, but the text ends there\)/,
    ],
    ['a document that is a list', '- 1\n- 2', 'YAML', /not a mapping/],
    ['an empty document', '', 'YAML', /not a mapping/],
    [
      'a Command document',
      "schemaVersion: '2.2'\nmainSteps: []",
      'YAML',
      /schemaVersion is 2\.2; Automation runbooks use 0\.3/,
    ],
    ['no schemaVersion', 'mainSteps: []', 'YAML', /schemaVersion is undefined; Automation runbooks use 0\.3/],
    [
      'JSON with a trailing comma, on several lines',
      '{\n  "schemaVersion": "0.3",\n}',
      'JSON',
      /not valid JSON \(line 3, column 1: expected a key in double quotes, found `}`\)/,
    ],
    ['parameters that are a list', "schemaVersion: '0.3'\nparameters: [a]", 'YAML', /parameters must map/],
    [
      'a parameter without a type',
      "schemaVersion: '0.3'\nparameters:\n  A: { description: x }",
      'YAML',
      /parameters\.A\.type is undefined/,
    ],
    [
      'an unknown type',
      "schemaVersion: '0.3'\nparameters:\n  A: { type: Float }",
      'YAML',
      /parameters\.A\.type is "Float"; expected one of String, StringList/,
    ],
    [
      'a parameter that is a string',
      "schemaVersion: '0.3'\nparameters:\n  A: String",
      'YAML',
      /parameters\.A must be a mapping/,
    ],
    [
      'allowedValues that are a map',
      "schemaVersion: '0.3'\nparameters:\n  A: { type: String, allowedValues: { a: 1 } }",
      'YAML',
      /parameters\.A\.allowedValues must be a list/,
    ],
    [
      'allowedValues with a list in them',
      "schemaVersion: '0.3'\nparameters:\n  A: { type: String, allowedValues: [a, [b]] }",
      'YAML',
      /^Doc is not a runbook the bot can read: parameters\.A\.allowedValues\[1\] must be a string, a number, true or false$/,
    ],
    [
      'a negative maxItems',
      "schemaVersion: '0.3'\nparameters:\n  A: { type: StringList, maxItems: -1 }",
      'YAML',
      /parameters\.A\.maxItems must be a whole number/,
    ],
    [
      'a pattern that is a number',
      "schemaVersion: '0.3'\nparameters:\n  A: { type: String, allowedPattern: 5 }",
      'YAML',
      /parameters\.A\.allowedPattern must be a string/,
    ],
  ] as const)(
    'when the content is %s, then it is refused with a message that says why',
    (_case, content, format, message) => {
      const result = parseRunbookContent('Doc', content, format);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.message).toMatch(message);
    },
  );

  it('when several parameters are broken, then every one is named', () => {
    const result = parseRunbookContent(
      'Doc',
      "schemaVersion: '0.3'\nparameters:\n  A: { type: X }\n  B: { type: Y }",
      'YAML',
    );
    expect(!result.ok && result.message).toMatch(/parameters\.A\.type.*; parameters\.B\.type/);
  });
});
