// The `policies:` and `slack.operators` sections through loadConfig: typed rules, and one `key: reason` per mistake.

import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { configProblemsOf } from '../support/config-problems.js';

const withFile = (yaml: string) => loadConfig({ SSM_CHATOPS_CONFIG: 'bot.yml' }, { readFile: () => yaml });

const problemsOf = (yaml: string) => configProblemsOf(() => withFile(yaml));

describe('loadConfig: policies', () => {
  it('when the file has no policies, then there are none', () => {
    expect(withFile('aws:\n  regions: [us-east-1]\n').file.policies).toEqual([]);
  });

  it('when rules are well written, then they are typed, with allow as the default effect and ids as text', () => {
    const config = withFile(`
policies:
  - name: platform-dev
    description: Platform team may run anything in development
    when:
      users: [U0REQUEST1]
      userGroups: [S0PLATFORM]
      channels: [C0OPS00001, G0PRIVATE1, D0DIRECT01]
    runbooks: ["AWS-*", Platform-RollingRestartService]
    accounts: [555555555501, dev-shared, "012345678901", Payments Prod]
    organizationalUnits: [ou-sbx1-dev00001, r-sbx1]
    regions: [ap-northeast-1, us-east-1]
    approvalTemplate: prod-change
  - name: prod-readonly
    effect: deny
    runbooks: [AWS-StopEC2Instance, "arn:aws:ssm:us-east-1:123456789012:document/Team-*"]
approvalTemplates:
  - name: prod-change
    autoApprove: true
`);
    expect(config.file.policies).toEqual([
      {
        name: 'platform-dev',
        description: 'Platform team may run anything in development',
        effect: 'allow',
        when: {
          users: ['U0REQUEST1'],
          userGroups: ['S0PLATFORM'],
          channels: ['C0OPS00001', 'G0PRIVATE1', 'D0DIRECT01'],
        },
        runbooks: ['AWS-*', 'Platform-RollingRestartService'],
        accounts: ['555555555501', 'dev-shared', '012345678901', 'Payments Prod'],
        organizationalUnits: ['ou-sbx1-dev00001', 'r-sbx1'],
        regions: ['ap-northeast-1', 'us-east-1'],
        approvalTemplate: 'prod-change',
      },
      {
        name: 'prod-readonly',
        effect: 'deny',
        runbooks: ['AWS-StopEC2Instance', 'arn:aws:ssm:us-east-1:123456789012:document/Team-*'],
      },
    ]);
  });

  it('when the example file is loaded, then its policies parse', () => {
    const config = loadConfig({ SSM_CHATOPS_CONFIG: 'config/ssm-chatops.example.yml' });
    expect(config.file.policies.map((rule) => rule.name)).toEqual([
      'platform-dev',
      'platform-prod-change',
      'prod-no-stop',
      'oncall-restart-payments',
      'everyone-verify-backups',
    ]);
  });

  it('when values are malformed, then each problem names its key and says why', () => {
    expect(
      problemsOf(`
policies:
  - name: Platform_Dev
    effect: permit
    when:
      users: [X123, W0GRID0001]
      userGroups: [U0NOTGROUP]
      channels: [C0OPS00001, Z1]
    runbooks: ["AWS-[", "ok-*", ""]
    accounts: [12345678901, "*", ""]
    organizationalUnits: [ou-bad, r-sbx1]
    regions: [us-east-9x]
    approvalTemplate: ""
`),
    ).toEqual([
      'policies[0].name: "Platform_Dev" must be lowercase letters, digits and single dashes, e.g. platform-dev',
      'policies[0].effect: "permit" must be allow or deny',
      'policies[0].when.users[0]: "X123" is not a Slack user id (U… or W…)',
      'policies[0].when.userGroups[0]: "U0NOTGROUP" is not a Slack user group id (S…)',
      'policies[0].when.channels[1]: "Z1" is not a Slack channel id (C…, G… or D…)',
      'policies[0].runbooks[0]: "AWS-[" is not a valid glob: use letters, digits, _ . - : / and the wildcards * and ? (at most 256)',
      'policies[0].runbooks[2]: "" is not a valid glob: use letters, digits, _ . - : / and the wildcards * and ? (at most 256)',
      'policies[0].accounts[0]: "12345678901" is not a 12-digit account id (quote ids in YAML, or leading zeros are lost)',
      'policies[0].accounts[1]: "*" has a wildcard; accounts are ids or exact names (omit the key to cover every account)',
      'policies[0].accounts[2]: "" is not an account id or an account name (1-50 printable characters)',
      'policies[0].organizationalUnits[0]: "ou-bad" is not an OU id (ou-…) or a root id (r-…)',
      'policies[0].regions[0]: "us-east-9x" is not a region name such as us-east-1',
      'policies[0].approvalTemplate: "" must be the name of an approval template',
    ]);
  });

  it('when keys are missing, empty, unknown or of the wrong shape, then each is named', () => {
    expect(
      problemsOf(`
policies:
  - name: empty-lists
    when: {}
    runbooks: []
    accounts: []
    organizationalUnits: []
    regions: []
  - description: no name and no runbooks
    colour: blue
  - name: wrong-shapes
    when: [U0REQUEST1]
    runbooks: AWS-*
    users: [U0REQUEST1]
  - just-a-string
`),
    ).toEqual([
      'policies[0].when: must name users, userGroups or channels; omit `when` to mean everyone',
      'policies[0].runbooks: must list at least one runbook name or glob',
      'policies[0].accounts: must not be empty; omit the key to mean any',
      'policies[0].organizationalUnits: must not be empty; omit the key to mean any',
      'policies[0].regions: must not be empty; omit the key to mean any',
      'policies[1].name: is required',
      'policies[1].runbooks: is required',
      'policies[1]: unknown key(s) colour',
      'policies[2].when: must be a mapping of users, userGroups and channels',
      'policies[2].runbooks: "AWS-*" must be a list of runbook names or globs',
      'policies[2]: unknown key(s) users',
      'policies[3]: "just-a-string" must be a rule: a mapping with name, runbooks and so on',
    ]);
  });

  it('when two rules share a name and a deny rule has a template, then both are reported with the other mistakes', () => {
    expect(
      problemsOf(`
policies:
  - name: prod
    runbooks: ["*"]
  - name: prod
    effect: deny
    runbooks: ["*"]
    accounts: ["*"]
    approvalTemplate: prod-change
  - name: prod
    runbooks: ["*"]
`),
    ).toEqual([
      'policies[1].accounts[0]: "*" has a wildcard; accounts are ids or exact names (omit the key to cover every account)',
      'policies[1].approvalTemplate: "prod-change" is meaningless on a deny rule: a denied run never reaches approval',
      'policies[1].name: "prod" is already the name of policies[0]',
      'policies[2].name: "prod" is already the name of policies[0]',
    ]);
  });

  it('when policies is not a list, then it says so', () => {
    expect(problemsOf('policies:\n  name: prod\n')).toEqual(['policies: must be a list of rules']);
  });
});

describe('loadConfig: slack.operators', () => {
  it('when operators are not configured, then there are none', () => {
    expect(withFile('slack:\n  channels: {}\n').file.slack.operators).toEqual({ users: [], userGroups: [] });
    expect(loadConfig({}).file.slack.operators).toEqual({ users: [], userGroups: [] });
  });

  it('when operators are listed, then users and groups are read', () => {
    const config = withFile(
      'slack:\n  operators:\n    users: [U0ADMIN001, W0GRID0001]\n    userGroups: [S0SRE00001]\n',
    );
    expect(config.file.slack.operators).toEqual({
      users: ['U0ADMIN001', 'W0GRID0001'],
      userGroups: ['S0SRE00001'],
    });
  });

  it('when operators are malformed, then each problem names its key', () => {
    expect(
      problemsOf(
        'slack:\n  operators:\n    users: [S0NOTUSER]\n    userGroups: [U0NOTGROUP]\n    admins: []\n',
      ),
    ).toEqual([
      'slack.operators.users[0]: "S0NOTUSER" is not a Slack user id (U… or W…)',
      'slack.operators.userGroups[0]: "U0NOTGROUP" is not a Slack user group id (S…)',
      'slack.operators: unknown key(s) admins',
    ]);
  });
});
