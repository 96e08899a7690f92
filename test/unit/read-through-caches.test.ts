// The adapters' caches of what they read from AWS and Slack: one read per key however many wait, fresh values
// served and stale ones read again, failures not kept, and a bounded number of entries.
import {
  DescribeDocumentCommand,
  GetDocumentCommand,
  ListDocumentsCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import type { WebClient } from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import { AwsClients } from '../../src/aws/aws-clients.js';
import { type RunbookCatalogOptions, SsmRunbookCatalog } from '../../src/aws/ssm-runbook-catalog.js';
import { SlackPeopleDirectory } from '../../src/slack/slack-people-directory.js';

const DOCUMENT = JSON.stringify({ schemaVersion: '0.3', parameters: { Name: { type: 'String' } } });

/** SSM with the documents named, counting reads per name; `failNext` makes the next read throw. */
function fakeSsm(documents: Record<string, 'Automation' | 'Command'>, options: RunbookCatalogOptions = {}) {
  let now = 1_000_000;
  const reads: Record<string, number> = {};
  let lists = 0;
  let failure: Error | undefined;
  const client = new SSMClient({ region: 'eu-west-1' });
  // A real client (the listing's paginator insists on one), answering here instead of over the network.
  client.send = (async (command: unknown) => {
    await Promise.resolve();
    if (failure) {
      const error = failure;
      failure = undefined;
      throw error;
    }
    if (command instanceof ListDocumentsCommand) {
      lists++;
      return { DocumentIdentifiers: Object.keys(documents).map((Name) => ({ Name, Owner: 'Amazon' })) };
    }
    if (command instanceof DescribeDocumentCommand) {
      const name = command.input.Name!;
      reads[name] = (reads[name] ?? 0) + 1;
      return { Document: { DocumentType: documents[name], Description: `About ${name}` } };
    }
    if (command instanceof GetDocumentCommand) return { Content: DOCUMENT, DocumentFormat: 'JSON' };
    throw new Error('unexpected command');
  }) as SSMClient['send'];
  const clients = { homeRegion: 'eu-west-1', ssm: () => client } as unknown as AwsClients;
  return {
    catalog: new SsmRunbookCatalog(clients, { ttlMs: 1000, ...options, now: () => now }),
    reads: (name: string) => reads[name] ?? 0,
    lists: () => lists,
    advance: (ms: number) => {
      now += ms;
    },
    failNext: (error: Error) => {
      failure = error;
    },
  };
}

describe('SsmRunbookCatalog', () => {
  it('when many describe one runbook at once, then one read serves them all; another is read on its own', async () => {
    const ssm = fakeSsm({ 'Team-A': 'Automation', 'Team-B': 'Automation' });
    const [a1, a2, a3, b] = await Promise.all(
      ['Team-A', 'Team-A', 'Team-A', 'Team-B'].map((name) => ssm.catalog.describe(name)),
    );
    expect([a1, a2, a3].map((runbook) => runbook?.name)).toEqual(['Team-A', 'Team-A', 'Team-A']);
    expect(b?.name).toBe('Team-B');
    expect([ssm.reads('Team-A'), ssm.reads('Team-B')]).toEqual([1, 1]);
  });

  it('when a schema is fresh, then it is served; once ttlMs has passed, it is read again', async () => {
    const ssm = fakeSsm({ 'Team-A': 'Automation' });
    await ssm.catalog.describe('Team-A');
    ssm.advance(999);
    await ssm.catalog.describe('Team-A');
    expect(ssm.reads('Team-A')).toBe(1);
    ssm.advance(2);
    await ssm.catalog.describe('Team-A');
    expect(ssm.reads('Team-A')).toBe(2);
  });

  it('when a read fails, then the failure is not kept and the next describe reads again', async () => {
    const ssm = fakeSsm({ 'Team-A': 'Automation' });
    ssm.failNext(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    await expect(ssm.catalog.describe('Team-A')).rejects.toThrow('Rate exceeded');
    expect((await ssm.catalog.describe('Team-A'))?.name).toBe('Team-A');
  });

  it('when a name is no Automation runbook, then that answer is kept as long as a schema would be', async () => {
    const ssm = fakeSsm({ 'AWS-RunShellScript': 'Command' });
    expect(await ssm.catalog.describe('AWS-RunShellScript')).toBeUndefined();
    expect(await ssm.catalog.describe('AWS-RunShellScript')).toBeUndefined();
    expect(ssm.reads('AWS-RunShellScript')).toBe(1);
  });

  it('when more runbooks are described than maxRunbooks, then the least recently used is read again', async () => {
    const ssm = fakeSsm({ A: 'Automation', B: 'Automation', C: 'Automation' }, { maxRunbooks: 2 });
    for (const name of ['A', 'B', 'A', 'C', 'A', 'B']) await ssm.catalog.describe(name);
    expect([ssm.reads('A'), ssm.reads('B'), ssm.reads('C')]).toEqual([1, 2, 1]);
  });

  it('when the list is asked twice, then SSM is listed once, with the descriptions of schemas once read', async () => {
    const ssm = fakeSsm({ 'Team-A': 'Automation', 'Team-B': 'Automation' });
    await ssm.catalog.describe('Team-A');
    // Stale, and its re-read failed: the description read before still serves the list.
    ssm.advance(5000);
    ssm.failNext(new Error('Rate exceeded'));
    await expect(ssm.catalog.describe('Team-A')).rejects.toThrow('Rate exceeded');
    expect(await ssm.catalog.list()).toEqual([
      { name: 'Team-A', owner: 'Amazon', description: 'About Team-A' },
      { name: 'Team-B', owner: 'Amazon', description: undefined },
    ]);
    await ssm.catalog.list();
    expect(ssm.lists()).toBe(1);
  });
});

describe('SlackPeopleDirectory', () => {
  it('when many ask at once, then the groups are read once, and again once ttlMs has passed', async () => {
    let now = 1_000_000;
    let reads = 0;
    const client = {
      usergroups: {
        users: {
          list: async ({ usergroup }: { usergroup: string }) => {
            reads++;
            await Promise.resolve();
            return { users: usergroup === 'S0SRE' ? ['U0ALICE'] : ['U0BOB'] };
          },
        },
      },
    } as unknown as WebClient;
    const people = new SlackPeopleDirectory(client, ['S0SRE', 'S0DBA'], { ttlMs: 1000, now: () => now });
    expect(await Promise.all([people.userGroupIds('U0ALICE'), people.userGroupIds('U0BOB')])).toEqual([
      ['S0SRE'],
      ['S0DBA'],
    ]);
    expect(reads).toBe(2);
    now += 1001;
    await people.userGroupIds('U0ALICE');
    expect(reads).toBe(4);
  });
});

describe('AwsClients', () => {
  let aws: AwsClients | undefined;
  afterEach(() => aws?.destroy());

  it('when more clients are needed than maxClients, then the least recently used is built again', () => {
    aws = new AwsClients({ homeRegion: 'eu-west-1', maxClients: 2 });
    const first = aws.ssm('eu-west-1');
    expect(aws.ssm('eu-west-1')).toBe(first);
    const second = aws.ssm('us-east-1');
    aws.ssm('eu-west-1');
    aws.ssm('ap-south-1');
    expect(aws.ssm('eu-west-1')).toBe(first);
    expect(aws.ssm('us-east-1')).not.toBe(second);
  });

  it("when an identity is discarded, then its clients are built again and the bot's own are kept", () => {
    aws = new AwsClients({ homeRegion: 'eu-west-1' });
    const role = { key: 'arn:aws:iam::333333333301:role/X|', credentials: async () => ({}) as never };
    const own = aws.ssm('eu-west-1');
    const assumed = aws.ssm('eu-west-1', role);
    aws.discard(role.key);
    expect(aws.ssm('eu-west-1', role)).not.toBe(assumed);
    expect(aws.ssm('eu-west-1')).toBe(own);
  });
});
