// suggestAccounts: the account picker offers active member accounts the policy lets the caller target.
import { describe, expect, it } from 'vitest';
import { suggestAccounts } from '../../src/use-cases/suggest-accounts.js';
import { aPolicy, aRunContext } from '../support/run-context-builder.js';
import { aSubject } from '../support/run-request-builder.js';

const ALICE = aSubject();
const ids = (accounts: Array<{ id: string }>) => accounts.map((account) => account.id);

describe('suggestAccounts', () => {
  it('when no runbook is chosen yet, then every active member account is offered, never home, management or suspended', async () => {
    const offered = ids(await suggestAccounts(aRunContext(), ALICE, undefined));

    expect(offered).toEqual([
      '333333333301',
      '333333333302',
      '333333333303',
      '444444444401',
      '444444444402',
      '555555555501',
      '555555555502',
      '666666666601',
      '666666666602',
    ]);
  });

  it('when the policy lets the caller run the runbook only in some places, then only those accounts are offered', async () => {
    const context = aRunContext({
      policies: [
        aPolicy({
          name: 'staging-restarts',
          when: { userGroups: ['S0PLATFORM'] },
          runbooks: ['AWS-RestartEC2Instance'],
          organizationalUnits: ['ou-sbx1-stage001'],
          accounts: ['dev-shared'],
        }),
      ],
    });

    expect(ids(await suggestAccounts(context, ALICE, 'AWS-RestartEC2Instance'))).toEqual([
      '444444444401',
      '444444444402',
      '555555555501',
    ]);
  });

  it('when the caller may not run the runbook anywhere, then nothing is offered', async () => {
    const outsider = aSubject({ userId: 'U0OUTSIDE1', userGroupIds: [] });

    expect(await suggestAccounts(aRunContext(), outsider, 'AWS-RestartEC2Instance')).toEqual([]);
  });
});
