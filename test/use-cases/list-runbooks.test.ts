// listRunbooks: the runbooks the caller may run, filtered by prefix, with descriptions read only where needed.
import { describe, expect, it } from 'vitest';
import type { RunbookCatalog } from '../../src/ports.js';
import { listOrDescribeRunbooks, listRunbooks } from '../../src/use-cases/list-runbooks.js';
import { aPolicy, aRunContext, fixtureCatalog } from '../support/run-context-builder.js';
import { aSubject } from '../support/run-request-builder.js';

const ALICE = aSubject();
const names = (summaries: Array<{ name: string }>) => summaries.map((summary) => summary.name);

describe('listRunbooks', () => {
  it('when the caller may run everything, then every runbook is listed with its description', async () => {
    const listed = await listRunbooks(aRunContext(), ALICE);

    expect(names(listed)).toEqual([
      'AWS-EnableS3BucketEncryption',
      'AWS-RestartEC2Instance',
      'AWS-StartEC2Instance',
      'AWS-StopEC2Instance',
      'Platform-CleanupUnusedAmis',
      'Platform-PatchRegionInstances',
      'Platform-RollingRestartService',
      'Platform-VerifyBackupRestore',
    ]);
    expect(listed.find((summary) => summary.name === 'AWS-RestartEC2Instance')?.description).toBe(
      'Restart EC2 instances(s)',
    );
  });

  it('when the policy lets the caller run some runbooks, then only those are listed', async () => {
    const context = aRunContext({
      policies: [
        aPolicy({ name: 'ec2', when: { userGroups: ['S0PLATFORM'] }, runbooks: ['AWS-*EC2Instance'] }),
      ],
    });

    expect(names(await listRunbooks(context, ALICE))).toEqual([
      'AWS-RestartEC2Instance',
      'AWS-StartEC2Instance',
      'AWS-StopEC2Instance',
    ]);
  });

  it('when the caller may run nothing, then nothing is listed', async () => {
    expect(await listRunbooks(aRunContext(), aSubject({ userId: 'U0OUTSIDE1', userGroupIds: [] }))).toEqual(
      [],
    );
  });

  it('when a prefix is given, then only names starting with it are listed, whatever the case', async () => {
    expect(names(await listRunbooks(aRunContext(), ALICE, 'platform-'))).toEqual([
      'Platform-CleanupUnusedAmis',
      'Platform-PatchRegionInstances',
      'Platform-RollingRestartService',
      'Platform-VerifyBackupRestore',
    ]);
  });

  it('when the catalog already has a description, then the runbook is not read again', async () => {
    const catalog = fixtureCatalog();
    const described: RunbookCatalog = {
      list: async () => [{ name: 'AWS-RestartEC2Instance', description: 'from the listing' }],
      describe: catalog.describe,
    };

    const listed = await listRunbooks(aRunContext({ catalog: described }), ALICE);

    expect(listed).toEqual([{ name: 'AWS-RestartEC2Instance', description: 'from the listing' }]);
    expect(catalog.described).toEqual([]);
  });

  it('when more runbooks match than Slack can show, then only the first 60 are read for descriptions', async () => {
    const read: string[] = [];
    const many: RunbookCatalog = {
      list: async () => Array.from({ length: 70 }, (_, n) => ({ name: `Rb-${String(n).padStart(2, '0')}` })),
      describe: async (name) => {
        read.push(name);
        return undefined;
      },
    };

    const listed = await listRunbooks(aRunContext({ catalog: many }), ALICE);

    expect(listed).toHaveLength(70);
    expect(read).toHaveLength(60);
    expect(read.at(-1)).toBe('Rb-59');
  });
});

describe('listOrDescribeRunbooks', () => {
  it('when the prefix is a whole runbook name, whatever the case, then that runbook is described', async () => {
    const listing = await listOrDescribeRunbooks(aRunContext(), ALICE, 'aws-restartec2instance');

    expect(listing.kind === 'one' && listing.runbook.name).toBe('AWS-RestartEC2Instance');
    expect(listing.kind === 'one' && listing.runbook.parameters.map((parameter) => parameter.name)).toContain(
      'InstanceId',
    );
  });

  it('when the prefix starts several names, then they are listed', async () => {
    const listing = await listOrDescribeRunbooks(aRunContext(), ALICE, 'AWS-Re');

    expect(listing).toEqual({
      kind: 'list',
      runbooks: [expect.objectContaining({ name: 'AWS-RestartEC2Instance' })],
    });
  });

  it('when the name is one the caller may not run, then nothing is described', async () => {
    const context = aRunContext({
      policies: [aPolicy({ name: 'ec2', when: { userGroups: ['S0PLATFORM'] }, runbooks: ['AWS-Restart*'] })],
    });

    expect(await listOrDescribeRunbooks(context, ALICE, 'AWS-StopEC2Instance')).toEqual({
      kind: 'list',
      runbooks: [],
    });
  });
});
