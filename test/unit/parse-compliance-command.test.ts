// `/ssm compliance [--accounts …] [--ou …] [--regions …]`: the target flags as run reads them, and nothing else.
import { describe, expect, it } from 'vitest';
import { parseSsmCommand } from '../../src/core/command/parse-ssm-command.js';

describe('parseSsmCommand: compliance', () => {
  it('when no flag is given, then every account and every enabled region are meant', () => {
    expect(parseSsmCommand('compliance')).toEqual({
      kind: 'compliance',
      scope: { accounts: [], organizationalUnits: [], regions: [] },
    });
  });

  it('when accounts, OUs and regions are given, then each is kept as typed', () => {
    expect(
      parseSsmCommand(
        'compliance --accounts payments-prod,333333333302 --ou ou-sbx1-prod0001 --regions=us-east-1',
      ),
    ).toEqual({
      kind: 'compliance',
      scope: {
        accounts: ['payments-prod', '333333333302'],
        organizationalUnits: ['ou-sbx1-prod0001'],
        regions: ['us-east-1'],
      },
    });
  });

  it('when --accounts all is given, then it means every account, as no flag does', () => {
    expect(parseSsmCommand('compliance --accounts all')).toMatchObject({ scope: { accounts: [] } });
  });

  it.each([
    ['compliance --mode fan-out', 'compliance takes --accounts, --ou and --regions'],
    ['compliance --region us-east-1', 'Did you mean `--regions`?'],
    ['compliance payments-prod', 'unexpected `payments-prod`'],
    ['compliance --regions', '`--regions` needs a value'],
    ['compliance --regions us-east', 'is not a region name'],
    ['compliance --ou ou-bad', 'is not an OU id'],
    ['compliance --accounts all --ou ou-sbx1-prod0001', 'already covers every OU'],
  ])('when `%s`, then a usage error says %s', (text, message) => {
    expect(parseSsmCommand(text)).toMatchObject({
      kind: 'usage-error',
      message: expect.stringContaining(message),
      usage: expect.stringContaining('/ssm compliance'),
    });
  });
});
