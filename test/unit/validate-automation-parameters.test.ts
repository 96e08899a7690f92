// Automation parameter validation, rule by rule and type by type, and the documents it relies on.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AwsServiceError } from '../../src/sandbox/aws-error.js';
import { FixtureError, loadFixture } from '../../src/sandbox/fixture.js';
import { DocumentCatalog, validateAutomationParameters } from '../../src/sandbox/ssm/document-catalog.js';
import { parseRunbook, RunbookContentError } from '../../src/sandbox/ssm/parse-runbook.js';
import type { Runbook } from '../../src/sandbox/ssm/runbook.js';

const DOCUMENT = `
schemaVersion: '0.3'
assumeRole: '{{ AutomationAssumeRole }}'
parameters:
  Service:
    type: String
    allowedPattern: '^[a-z-]+$'
    minChars: 3
    maxChars: 10
  Mode:
    type: String
    default: fast
    allowedValues: [fast, safe]
  InstanceIds:
    type: StringList
    minItems: 1
    maxItems: 3
    allowedPattern: '^i-[0-9a-f]{4}$'
  Percent:
    type: Integer
    default: 50
    allowedValues: [50, 100]
  Retries:
    type: Integer
    default: 3
  DryRun:
    type: Boolean
    default: true
  Tags:
    type: StringMap
    default: { Team: platform }
  Batches:
    type: MapList
    default: [{ Name: api, Batch: 1 }]
    maxItems: 2
  AutomationAssumeRole:
    type: String
    default: ''
mainSteps:
  - name: Pause
    action: aws:sleep
    inputs: { Duration: PT1S }
`;

function aRunbook(text = DOCUMENT): Runbook {
  return {
    ...parseRunbook(text),
    name: 'Test-Runbook',
    owner: 'Self',
    documentType: 'Automation',
    documentVersion: '1',
    content: text,
    format: 'YAML',
    simulation: {},
    createdDate: new Date(0),
    hash: '',
  };
}

const runbook = aRunbook();
const required = { Service: ['checkout'], InstanceIds: ['i-0a1b'] };
const DEFAULTS = {
  Mode: ['fast'],
  Percent: ['50'],
  Retries: ['3'],
  DryRun: ['true'],
  Tags: ['{"Team":"platform"}'],
  Batches: ['[{"Name":"api","Batch":1}]'],
  AutomationAssumeRole: [''],
};

describe('validateAutomationParameters accepts', () => {
  const cases: Array<[string, Record<string, string[]>, Record<string, string[]>]> = [
    ['only the required parameters, filling every default', required, { ...required, ...DEFAULTS }],
    [
      'a String in its allowed values',
      { ...required, Mode: ['safe'] },
      { ...required, ...DEFAULTS, Mode: ['safe'] },
    ],
    [
      'a String of exactly minChars',
      { ...required, Service: ['api'] },
      { ...DEFAULTS, ...required, Service: ['api'] },
    ],
    [
      'a String of exactly maxChars',
      { ...required, Service: ['abcdefghij'] },
      { ...DEFAULTS, ...required, Service: ['abcdefghij'] },
    ],
    [
      'a StringList of maxItems, every item matching',
      { ...required, InstanceIds: ['i-0001', 'i-0002', 'i-00ff'] },
      { ...DEFAULTS, ...required, InstanceIds: ['i-0001', 'i-0002', 'i-00ff'] },
    ],
    [
      'an Integer in its allowed values',
      { ...required, Percent: ['100'] },
      { ...DEFAULTS, ...required, Percent: ['100'] },
    ],
    ['a negative Integer', { ...required, Retries: ['-1'] }, { ...DEFAULTS, ...required, Retries: ['-1'] }],
    ['Boolean false', { ...required, DryRun: ['false'] }, { ...DEFAULTS, ...required, DryRun: ['false'] }],
    [
      'a StringMap as a JSON object',
      { ...required, Tags: ['{"Team":"data","Env":"prod"}'] },
      { ...DEFAULTS, ...required, Tags: ['{"Team":"data","Env":"prod"}'] },
    ],
    [
      'a MapList as one JSON array',
      { ...required, Batches: ['[{"Name":"a"},{"Name":"b"}]'] },
      { ...DEFAULTS, ...required, Batches: ['[{"Name":"a"},{"Name":"b"}]'] },
    ],
    [
      'a MapList as one JSON object per value',
      { ...required, Batches: ['{"Name":"a"}', '{"Name":"b"}'] },
      { ...DEFAULTS, ...required, Batches: ['{"Name":"a"}', '{"Name":"b"}'] },
    ],
    ['an empty optional String', { ...required, AutomationAssumeRole: [''] }, { ...DEFAULTS, ...required }],
  ];
  it.each(cases)('when given %s, then it returns every parameter in wire form', (_case, given, expected) => {
    expect(validateAutomationParameters(runbook, given)).toEqual(expected);
  });
});

describe('validateAutomationParameters rejects', () => {
  const cases: Array<[string, Record<string, string[]> | undefined, string]> = [
    ['no parameters at all', undefined, 'Missing required parameter: Service in user inputs.'],
    [
      'a missing required StringList',
      { Service: ['checkout'] },
      'Missing required parameter: InstanceIds in user inputs.',
    ],
    [
      'a parameter the document does not declare',
      { ...required, Colour: ['blue'] },
      'Parameter "Colour" is not defined in document Test-Runbook.',
    ],
    [
      'a String outside its allowed values',
      { ...required, Mode: ['Fast'] },
      'Parameter "Mode" has value "Fast" not found in [fast, safe].',
    ],
    [
      'a String not matching its pattern',
      { ...required, Service: ['Checkout'] },
      'Parameter "Service" has value "Checkout" not matching the allowed pattern ^[a-z-]+$.',
    ],
    [
      'a String shorter than minChars',
      { ...required, Service: ['ab'] },
      'Parameter "Service" has value "ab" shorter than the minimum of 3 characters (minChars).',
    ],
    [
      'a String longer than maxChars',
      { ...required, Service: ['abcdefghijk'] },
      'Parameter "Service" has value "abcdefghijk" longer than the maximum of 10 characters (maxChars).',
    ],
    [
      'two values for a String',
      { ...required, Mode: ['fast', 'safe'] },
      'Parameter "Mode" of type String accepts exactly one value but 2 were provided.',
    ],
    [
      'a StringList below minItems',
      { ...required, InstanceIds: [] },
      'Parameter "InstanceIds" has 0 values but requires at least 1 (minItems).',
    ],
    [
      'a StringList above maxItems',
      { ...required, InstanceIds: ['i-0001', 'i-0002', 'i-0003', 'i-0004'] },
      'Parameter "InstanceIds" has 4 values but allows at most 3 (maxItems).',
    ],
    [
      'a StringList item not matching the pattern',
      { ...required, InstanceIds: ['i-0001', 'i-XYZ1'] },
      'Parameter "InstanceIds" has value "i-XYZ1" not matching the allowed pattern ^i-[0-9a-f]{4}$.',
    ],
    [
      'an Integer that is a word',
      { ...required, Retries: ['three'] },
      'Parameter "Retries" has value "three" which is not a valid Integer: expected an integer.',
    ],
    [
      'an Integer with a fraction',
      { ...required, Retries: ['1.5'] },
      'Parameter "Retries" has value "1.5" which is not a valid Integer: expected an integer.',
    ],
    [
      'an Integer outside its allowed values',
      { ...required, Percent: ['75'] },
      'Parameter "Percent" has value "75" not found in [50, 100].',
    ],
    [
      'a Boolean spelled otherwise',
      { ...required, DryRun: ['True'] },
      'Parameter "DryRun" has value "True" which is not a valid Boolean: expected true or false.',
    ],
    [
      'a Boolean as yes',
      { ...required, DryRun: ['yes'] },
      'Parameter "DryRun" has value "yes" which is not a valid Boolean: expected true or false.',
    ],
    [
      'a StringMap that is a JSON array',
      { ...required, Tags: ['["Team"]'] },
      'Parameter "Tags" has value "["Team"]" which is not a valid StringMap: expected a JSON object.',
    ],
    [
      'a StringMap that is not JSON',
      { ...required, Tags: ['Team=data'] },
      'Parameter "Tags" has value "Team=data" which is not a valid StringMap: expected a JSON object.',
    ],
    [
      'a MapList holding a string',
      { ...required, Batches: ['["api"]'] },
      'Parameter "Batches" has value "["api"]" which is not a valid MapList: expected a JSON array of objects.',
    ],
    [
      'a MapList that is not JSON',
      { ...required, Batches: ['api'] },
      'Parameter "Batches" has value "api" which is not a valid MapList: expected a JSON array of objects.',
    ],
    [
      'a MapList above maxItems',
      { ...required, Batches: ['[{"a":1},{"b":2},{"c":3}]'] },
      'Parameter "Batches" has 3 values but allows at most 2 (maxItems).',
    ],
  ];
  it.each(cases)(
    'when given %s, then it throws InvalidAutomationExecutionParametersException naming the rule',
    (_case, given, message) => {
      let thrown: unknown;
      try {
        validateAutomationParameters(runbook, given);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(AwsServiceError);
      expect(thrown).toMatchObject({
        code: 'InvalidAutomationExecutionParametersException',
        message,
        httpStatus: 400,
      });
    },
  );
});

describe('validateAutomationParameters on the fixture runbooks', () => {
  const { fixture, baseDir } = loadFixture();
  const catalog = DocumentCatalog.fromFixture(fixture, baseDir, undefined as never);
  const get = (name: string) => catalog.get('222222222222', name)!;

  it('when AWS-StartEC2Instance gets instance ids, then the assume-role default is filled in', () => {
    expect(
      validateAutomationParameters(get('AWS-StartEC2Instance'), { InstanceId: ['i-0123456789abcdef0'] }),
    ).toEqual({
      InstanceId: ['i-0123456789abcdef0'],
      AutomationAssumeRole: [''],
    });
  });

  it('when the assume role is not a role ARN, then AWS-StartEC2Instance refuses it', () => {
    expect(() =>
      validateAutomationParameters(get('AWS-StartEC2Instance'), {
        InstanceId: ['i-0123456789abcdef0'],
        AutomationAssumeRole: ['arn:aws:iam::222222222222:user/ssm-chatops'],
      }),
    ).toThrow(/AutomationAssumeRole/);
  });

  it('when AWS-EnableS3BucketEncryption gets an unknown algorithm, then the allowed values are named', () => {
    expect(() =>
      validateAutomationParameters(get('AWS-EnableS3BucketEncryption'), {
        BucketName: ['logs-bucket'],
        SSEAlgorithm: ['DES'],
      }),
    ).toThrow('Parameter "SSEAlgorithm" has value "DES" not found in [AES256, aws:kms].');
  });

  it('when Platform-RollingRestartService gets no cluster, then ClusterName is missing', () => {
    expect(() => validateAutomationParameters(get('Platform-RollingRestartService'), {})).toThrow(
      'Missing required parameter: ClusterName in user inputs.',
    );
  });
});

describe('parseRunbook refuses malformed documents, naming the key', () => {
  const withParameters = (parameters: string) =>
    `schemaVersion: '0.3'\nparameters:\n${parameters}\nmainSteps:\n  - { name: A, action: aws:sleep, inputs: { Duration: PT1S } }\n`;
  const withSteps = (steps: string) => `schemaVersion: '0.3'\nmainSteps:\n${steps}\n`;
  const cases: Array<[string, string, string]> = [
    [
      'a Command schema version',
      "schemaVersion: '2.2'\nmainSteps: [{ name: A, action: aws:sleep }]",
      'schemaVersion:',
    ],
    ['no steps', "schemaVersion: '0.3'\nmainSteps: []", 'mainSteps: needs at least one step'],
    ['an unknown parameter type', withParameters('  X: { type: Number }'), 'parameters.X.type:'],
    ['a misspelt parameter key', withParameters('  X: { type: String, allowedValue: [a] }'), 'parameters.X:'],
    [
      'an Integer default that is text',
      withParameters('  X: { type: Integer, default: ten }'),
      'parameters.X.default: must be an integer',
    ],
    [
      'a default outside the allowed values',
      withParameters('  X: { type: String, default: c, allowedValues: [a, b] }'),
      'parameters.X.default: Parameter "X" has value "c" not found in [a, b].',
    ],
    [
      'an invalid pattern',
      withParameters("  X: { type: String, allowedPattern: '([a-z' }"),
      'parameters.X.allowedPattern: not a valid regular expression',
    ],
    ['a step without an action', withSteps('  - { name: A }'), 'mainSteps.0.action:'],
    [
      'duplicate step names',
      withSteps('  - { name: A, action: aws:sleep }\n  - { name: A, action: aws:sleep }'),
      'mainSteps.1.name: duplicate step name "A"',
    ],
    [
      'a nextStep to nowhere',
      withSteps('  - { name: A, action: aws:sleep, nextStep: B }'),
      'mainSteps.0.nextStep: no step named "B"',
    ],
    [
      'an onFailure to nowhere',
      withSteps('  - { name: A, action: aws:sleep, onFailure: "step:B" }'),
      'mainSteps.0.onFailure: no step named "B"',
    ],
    [
      'an onFailure that is no action',
      withSteps('  - { name: A, action: aws:sleep, onFailure: Retry }'),
      'mainSteps.0.onFailure: must be Abort, Continue or step:<name>',
    ],
    [
      'a branch to nowhere',
      withSteps(
        '  - { name: A, action: aws:branch, inputs: { Choices: [{ NextStep: B, Variable: x, StringEquals: y }] } }',
      ),
      'mainSteps.0.inputs.Choices.0.NextStep: no step named "B"',
    ],
    [
      'an output of no step',
      `${withSteps('  - { name: A, action: aws:sleep }')}outputs: [A.Missing]`,
      'outputs.0: "A.Missing" names no declared step output',
    ],
    [
      'an assumeRole naming no parameter',
      `assumeRole: '{{ Role }}'\n${withSteps('  - { name: A, action: aws:sleep }')}`,
      'assumeRole: names undeclared parameter "Role"',
    ],
  ];
  it.each(cases)('when the document has %s, then the error names the key', (_case, text, problem) => {
    expect(() => parseRunbook(text)).toThrow(RunbookContentError);
    expect(() => parseRunbook(text)).toThrow(problem);
  });
});

describe('DocumentCatalog.fromFixture refuses a malformed runbook file', () => {
  it('when a runbook step names a missing next step, then the error names the runbook, its file and the key', () => {
    const { fixture } = loadFixture();
    const dir = mkdtempSync(join(tmpdir(), 'runbooks-'));
    writeFileSync(
      join(dir, 'Broken.yml'),
      "schemaVersion: '0.3'\nmainSteps:\n  - { name: A, action: aws:sleep, nextStep: Z }\n",
    );
    const broken = {
      ...fixture,
      runbooks: [
        {
          name: 'Broken',
          file: 'Broken.yml',
          owner: 'Self' as const,
          accounts: 'all' as const,
          simulation: { steps: {} },
        },
      ],
    };
    expect(() => DocumentCatalog.fromFixture(broken, dir, undefined as never)).toThrow(FixtureError);
    expect(() => DocumentCatalog.fromFixture(broken, dir, undefined as never)).toThrow(
      /runbook Broken \(runbooks\.0, file Broken\.yml\)[\s\S]*mainSteps\.0\.nextStep: no step named "Z"/,
    );
  });

  it('when a simulation hint names a step the runbook lacks, then the error names the hint key', () => {
    const { fixture, baseDir } = loadFixture();
    const runbooks = fixture.runbooks.map((spec) =>
      spec.name === 'AWS-StartEC2Instance'
        ? { ...spec, simulation: { steps: { rebootInstances: {} } } }
        : spec,
    );
    expect(() => DocumentCatalog.fromFixture({ ...fixture, runbooks }, baseDir, undefined as never)).toThrow(
      /runbooks\.3\.simulation\.steps\.rebootInstances: the document has no such step/,
    );
  });
});
