// SSM documents through the real SDK: listing with filters and pages, describing, fetching, and visibility.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import {
  DescribeDocumentCommand,
  GetDocumentCommand,
  InvalidDocument,
  InvalidDocumentVersion,
  InvalidFilterKey,
  InvalidFilterValue,
  InvalidNextToken,
  ListDocumentsCommand,
  type ListDocumentsCommandInput,
  paginateListDocuments,
} from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as toYaml } from 'yaml';
import { DEFAULT_FIXTURE_PATH } from '../../src/sandbox/fixture.js';
import { OPERATIONS_ACCOUNT, startTestSandbox, type TestSandbox } from '../support/sandbox.js';

const runbookFile = (name: string) => resolve(dirname(DEFAULT_FIXTURE_PATH), 'runbooks', `${name}.yml`);
const AMAZON_RUNBOOKS = [
  'AWS-EnableS3BucketEncryption',
  'AWS-RestartEC2Instance',
  'AWS-StartEC2Instance',
  'AWS-StopEC2Instance',
];
const PLATFORM_RUNBOOKS = [
  'Platform-CleanupUnusedAmis',
  'Platform-PatchRegionInstances',
  'Platform-RollingRestartService',
  'Platform-VerifyBackupRestore',
];
const CALENDARS = ['ProductionFreeze', 'WeekendMaintenanceWindow'];

let env: TestSandbox;
beforeAll(async () => {
  env = await startTestSandbox();
});
afterAll(() => env.close());

async function listNames(input: ListDocumentsCommandInput): Promise<string[]> {
  const names: string[] = [];
  for await (const page of paginateListDocuments({ client: env.ssm() }, input)) {
    names.push(...(page.DocumentIdentifiers ?? []).map((document) => document.Name!));
  }
  return names;
}

describe('ListDocuments', () => {
  it('when paged two at a time with the SDK paginator, then every visible document comes back once, by name', async () => {
    const pageSizes: number[] = [];
    const names: string[] = [];
    for await (const page of paginateListDocuments({ client: env.ssm(), pageSize: 2 }, {})) {
      pageSizes.push(page.DocumentIdentifiers?.length ?? 0);
      names.push(...(page.DocumentIdentifiers ?? []).map((document) => document.Name!));
    }
    expect(names).toEqual([...AMAZON_RUNBOOKS, ...PLATFORM_RUNBOOKS, ...CALENDARS]);
    expect(pageSizes).toEqual([2, 2, 2, 2, 2]);
  });

  it('when filtered by Owner, then Amazon gives the AWS documents and Self the account its own, owned by its id', async () => {
    expect(await listNames({ Filters: [{ Key: 'Owner', Values: ['Amazon'] }] })).toEqual(AMAZON_RUNBOOKS);
    const own = await env
      .ssm()
      .send(new ListDocumentsCommand({ Filters: [{ Key: 'Owner', Values: ['Self'] }] }));
    expect(own.DocumentIdentifiers?.map((document) => [document.Name, document.Owner])).toEqual(
      [...PLATFORM_RUNBOOKS, ...CALENDARS].map((name) => [name, OPERATIONS_ACCOUNT]),
    );
    expect(await listNames({ Filters: [{ Key: 'Owner', Values: ['Public'] }] })).toEqual([]);
  });

  it('when filtered by name prefix and document type, then only documents matching both come back', async () => {
    expect(await listNames({ Filters: [{ Key: 'Name', Values: ['Platform-'] }] })).toEqual(PLATFORM_RUNBOOKS);
    expect(await listNames({ Filters: [{ Key: 'DocumentType', Values: ['ChangeCalendar'] }] })).toEqual(
      CALENDARS,
    );
    expect(
      await listNames({
        Filters: [
          { Key: 'Name', Values: ['AWS-', 'Platform-Rolling'] },
          { Key: 'DocumentType', Values: ['Automation'] },
          { Key: 'Owner', Values: ['Self'] },
        ],
      }),
    ).toEqual(['Platform-RollingRestartService']);
  });

  it('when the legacy DocumentFilterList is used, then it filters like Filters', async () => {
    expect(await listNames({ DocumentFilterList: [{ key: 'Name', value: 'AWS-St' }] })).toEqual([
      'AWS-StartEC2Instance',
      'AWS-StopEC2Instance',
    ]);
  });

  it('when a listed document is an Automation runbook, then its identifier has the real shape', async () => {
    const listed = await env
      .ssm()
      .send(new ListDocumentsCommand({ Filters: [{ Key: 'Name', Values: ['AWS-Stop'] }] }));
    expect(listed.DocumentIdentifiers).toEqual([
      {
        Name: 'AWS-StopEC2Instance',
        CreatedDate: expect.any(Date),
        Owner: 'Amazon',
        PlatformTypes: ['Windows', 'Linux', 'MacOS'],
        DocumentVersion: '1',
        DocumentType: 'Automation',
        SchemaVersion: '0.3',
        DocumentFormat: 'YAML',
        Tags: [],
      },
    ]);
  });

  it('when MaxResults is out of 1..50, then ListDocuments answers ValidationException', async () => {
    for (const MaxResults of [0, 51]) {
      await expect(env.ssm().send(new ListDocumentsCommand({ MaxResults }))).rejects.toMatchObject({
        name: 'ValidationException',
        message: expect.stringContaining('maxResults'),
      });
    }
  });

  it('when the NextToken is made up or belongs to another query, then the SDK raises InvalidNextToken', async () => {
    await expect(
      env.ssm().send(new ListDocumentsCommand({ NextToken: 'bm90LWEtdG9rZW4' })),
    ).rejects.toBeInstanceOf(InvalidNextToken);
    const first = await env.ssm().send(new ListDocumentsCommand({ MaxResults: 1 }));
    expect(first.NextToken).toBeDefined();
    await expect(
      env.ssm().send(
        new ListDocumentsCommand({
          NextToken: first.NextToken,
          Filters: [{ Key: 'Owner', Values: ['Self'] }],
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidNextToken);
  });

  it('when a filter key or Owner value is not one AWS knows, then the SDK raises InvalidFilterKey or InvalidFilterValue', async () => {
    await expect(
      env.ssm().send(new ListDocumentsCommand({ Filters: [{ Key: 'Colour', Values: ['blue'] }] })),
    ).rejects.toBeInstanceOf(InvalidFilterKey);
    await expect(
      env.ssm().send(new ListDocumentsCommand({ Filters: [{ Key: 'Owner', Values: ['Everyone'] }] })),
    ).rejects.toBeInstanceOf(InvalidFilterValue);
    await expect(
      env.ssm().send(new ListDocumentsCommand({ Filters: [{ Key: 'Owner', Values: ['Self', 'Amazon'] }] })),
    ).rejects.toBeInstanceOf(InvalidFilterValue);
  });
});

describe('DescribeDocument', () => {
  it('when describing an AWS runbook, then the description has its hash and parameters without their rules', async () => {
    const { Document } = await env
      .ssm()
      .send(new DescribeDocumentCommand({ Name: 'AWS-EnableS3BucketEncryption' }));
    const content = readFileSync(runbookFile('AWS-EnableS3BucketEncryption'), 'utf8');
    expect(Document).toMatchObject({
      Name: 'AWS-EnableS3BucketEncryption',
      Hash: createHash('sha256').update(content).digest('hex'),
      HashType: 'Sha256',
      Owner: 'Amazon',
      Status: 'Active',
      DocumentType: 'Automation',
      DocumentFormat: 'YAML',
      SchemaVersion: '0.3',
      DocumentVersion: '1',
      LatestVersion: '1',
      DefaultVersion: '1',
      Description: 'Enables Encryption on S3 Bucket',
    });
    expect(Document?.Parameters).toEqual([
      {
        Name: 'BucketName',
        Type: 'String',
        Description: '(Required) The name of the S3 Bucket whose content will be encrypted.',
      },
      {
        Name: 'SSEAlgorithm',
        Type: 'String',
        Description: '(Optional) Server-side encryption algorithm to use for the default encryption.',
        DefaultValue: 'AES256',
      },
      {
        Name: 'AutomationAssumeRole',
        Type: 'String',
        Description:
          '(Optional) The ARN of the role that allows Automation to perform the actions on your behalf.',
        DefaultValue: '',
      },
    ]);
  });

  it('when a parameter default is a list or a map, then DefaultValue carries it as JSON text and Type is String or StringList', async () => {
    const { Document } = await env
      .ssm()
      .send(new DescribeDocumentCommand({ Name: 'Platform-CleanupUnusedAmis' }));
    const defaults = Object.fromEntries(
      (Document?.Parameters ?? []).map((p) => [p.Name, [p.Type, p.DefaultValue]]),
    );
    expect(defaults).toEqual({
      // DocumentParameterType has only String and StringList; the content says Integer, Boolean, StringMap.
      RetentionDays: ['String', '90'],
      DryRun: ['String', 'true'],
      ExcludeTags: ['String', '{"Retain":"true"}'],
      AmiNamePrefixes: ['StringList', '["platform-"]'],
      AutomationAssumeRole: ['String', ''],
    });
    expect(Document?.Owner).toBe(OPERATIONS_ACCOUNT);
  });

  it('when named by ARN or with $LATEST, then the same document is described', async () => {
    for (const [Name, DocumentVersion] of [
      ['arn:aws:ssm:ap-northeast-1::document/AWS-RestartEC2Instance', undefined],
      [`arn:aws:ssm:ap-northeast-1:${OPERATIONS_ACCOUNT}:document/AWS-RestartEC2Instance`, '$LATEST'],
      ['AWS-RestartEC2Instance', '$DEFAULT'],
    ] as const) {
      const { Document } = await env.ssm().send(new DescribeDocumentCommand({ Name, DocumentVersion }));
      expect(Document?.Name).toBe('AWS-RestartEC2Instance');
    }
  });

  it('when the document or its version does not exist, then the SDK raises InvalidDocument or InvalidDocumentVersion', async () => {
    await expect(
      env.ssm().send(new DescribeDocumentCommand({ Name: 'AWS-NoSuchRunbook' })),
    ).rejects.toBeInstanceOf(InvalidDocument);
    await expect(
      env.ssm().send(
        new DescribeDocumentCommand({
          Name: 'arn:aws:ssm:ap-northeast-1:999999999999:document/Platform-CleanupUnusedAmis',
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidDocument);
    await expect(
      env.ssm().send(new DescribeDocumentCommand({ Name: 'AWS-RestartEC2Instance', DocumentVersion: '2' })),
    ).rejects.toBeInstanceOf(InvalidDocumentVersion);
  });
});

describe('GetDocument', () => {
  it('when fetched as stored, then the content is the runbook file byte for byte', async () => {
    const document = await env.ssm().send(new GetDocumentCommand({ Name: 'Platform-RollingRestartService' }));
    expect(document).toMatchObject({ DocumentFormat: 'YAML', DocumentType: 'Automation', Status: 'Active' });
    expect(document.Content).toBe(readFileSync(runbookFile('Platform-RollingRestartService'), 'utf8'));
  });

  it('when asked for JSON, then the YAML runbook comes back as the same structure in JSON', async () => {
    const document = await env
      .ssm()
      .send(new GetDocumentCommand({ Name: 'AWS-EnableS3BucketEncryption', DocumentFormat: 'JSON' }));
    expect(document.DocumentFormat).toBe('JSON');
    const structure = JSON.parse(document.Content!);
    expect(structure.parameters.SSEAlgorithm.allowedValues).toEqual(['AES256', 'aws:kms']);
    expect(structure).toEqual(parseYaml(readFileSync(runbookFile('AWS-EnableS3BucketEncryption'), 'utf8')));
  });

  it('when fetching a change calendar, then the content is iCalendar text of its events', async () => {
    const calendar = await env.ssm().send(new GetDocumentCommand({ Name: 'WeekendMaintenanceWindow' }));
    expect(calendar).toMatchObject({ DocumentType: 'ChangeCalendar', DocumentFormat: 'TEXT' });
    expect(calendar.Content).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(calendar.Content).toContain('X-CALENDAR-TYPE:DEFAULT_CLOSED\r\n');
    expect(calendar.Content).toContain(
      'DTSTART:20261128T010000Z\r\nDTEND:20261128T050000Z\r\nSUMMARY:Saturday maintenance',
    );
  });

  it('when a calendar is asked for in JSON, or a format AWS does not have, then GetDocument refuses', async () => {
    for (const DocumentFormat of ['JSON', 'XML'] as const) {
      await expect(
        env
          .ssm()
          .send(
            new GetDocumentCommand({ Name: 'ProductionFreeze', DocumentFormat: DocumentFormat as 'JSON' }),
          ),
      ).rejects.toMatchObject({ name: 'ValidationException' });
    }
  });
});

describe('document visibility per account', () => {
  let member: TestSandbox;
  const MEMBER = '333333333301';

  beforeAll(async () => {
    // The default fixture, with the home principal in a member account and one Self runbook
    // restricted to the operations account.
    const fixture = parseYaml(readFileSync(DEFAULT_FIXTURE_PATH, 'utf8'));
    fixture.home = { ...fixture.home, accountId: MEMBER, arn: `arn:aws:iam::${MEMBER}:user/ssm-chatops` };
    for (const runbook of fixture.runbooks)
      runbook.file = resolve(dirname(DEFAULT_FIXTURE_PATH), runbook.file);
    fixture.runbooks.find((r: { name: string }) => r.name === 'Platform-VerifyBackupRestore').accounts = [
      OPERATIONS_ACCOUNT,
    ];
    const fixturePath = join(mkdtempSync(join(tmpdir(), 'ssm-documents-')), 'organization.yml');
    writeFileSync(fixturePath, toYaml(fixture));
    member = await startTestSandbox({ fixturePath });
  });
  afterAll(() => member?.close());

  it('when a Self runbook is restricted to other accounts, then a member account neither lists nor describes it', async () => {
    const names: string[] = [];
    for await (const page of paginateListDocuments({ client: member.ssm() }, {})) {
      names.push(...(page.DocumentIdentifiers ?? []).map((document) => document.Name!));
    }
    expect(names).toEqual([
      ...AMAZON_RUNBOOKS,
      'Platform-CleanupUnusedAmis',
      'Platform-PatchRegionInstances',
      'Platform-RollingRestartService',
    ]);
    await expect(
      member.ssm().send(new DescribeDocumentCommand({ Name: 'Platform-VerifyBackupRestore' })),
    ).rejects.toBeInstanceOf(InvalidDocument);
  });

  it("when a member account asks for another account's calendar, then it does not exist there", async () => {
    await expect(
      member.ssm().send(new GetDocumentCommand({ Name: 'ProductionFreeze' })),
    ).rejects.toBeInstanceOf(InvalidDocument);
  });

  it('when a member account describes an unrestricted Self runbook, then it owns its own copy', async () => {
    const { Document } = await member
      .ssm()
      .send(new DescribeDocumentCommand({ Name: 'Platform-CleanupUnusedAmis' }));
    expect(Document?.Owner).toBe(MEMBER);
  });
});
