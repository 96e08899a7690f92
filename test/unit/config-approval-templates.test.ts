// The `approvalTemplates:` section through loadConfig: typed templates with defaults, one `key: reason` per mistake.

import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { configProblemsOf } from '../support/config-problems.js';

const withFile = (yaml: string) => loadConfig({ SSM_CHATOPS_CONFIG: 'bot.yml' }, { readFile: () => yaml });

const problemsOf = (yaml: string) => configProblemsOf(() => withFile(yaml));

const HOUR = 3_600_000;

describe('loadConfig: approvalTemplates', () => {
  it('when the file has no templates, then there are none', () => {
    expect(withFile('aws:\n  regions: [us-east-1]\n').file.approvalTemplates).toEqual([]);
  });

  it('when a template is fully written, then it is typed, with the expiry in milliseconds', () => {
    const [template] = withFile(`
approvalTemplates:
  - name: prod-change
    description: Production changes
    governs:
      runbooks: ["AWS-*", Platform-RollingRestartService]
      accounts: [333333333301, payments-staging]
      organizationalUnits: [ou-sbx1-prod0001]
      regions: [ap-northeast-1]
    levels:
      - name: SRE leads
        approvers: { userGroups: [S0SRELEADS] }
      - approvers: { users: [U0APPROVE2, W0APPROVE3], userGroups: [S0SECURITY] }
        minApprovals: 2
    allowSelfApproval: true
    expiresAfter: 1d12h
    reasonRequired: { onRequest: false }
    calendars: [ProductionFreeze, "arn:aws:ssm:us-east-1:222222222222:document/Shared-Freeze"]
    emergency: { userGroups: [S0SRELEADS], bypassApprovals: true }
    approvalsChannel: C0APPROVE1
    onConflict: wait
`).file.approvalTemplates;
    expect(template).toEqual({
      name: 'prod-change',
      description: 'Production changes',
      governs: {
        runbooks: ['AWS-*', 'Platform-RollingRestartService'],
        accounts: ['333333333301', 'payments-staging'],
        organizationalUnits: ['ou-sbx1-prod0001'],
        regions: ['ap-northeast-1'],
      },
      levels: [
        { name: 'SRE leads', approvers: { userGroups: ['S0SRELEADS'] }, minApprovals: 1 },
        {
          approvers: { users: ['U0APPROVE2', 'W0APPROVE3'], userGroups: ['S0SECURITY'] },
          minApprovals: 2,
        },
      ],
      autoApprove: false,
      allowSelfApproval: true,
      expiresAfter: 36 * HOUR,
      reasonRequired: { onRequest: false, onReject: true },
      calendars: ['ProductionFreeze', 'arn:aws:ssm:us-east-1:222222222222:document/Shared-Freeze'],
      emergency: { userGroups: ['S0SRELEADS'], bypassApprovals: true },
      approvalsChannel: 'C0APPROVE1',
      onConflict: 'wait',
    });
  });

  it('when a template says little, then the defaults apply: no self-approval, 24 h, reasons required, refuse', () => {
    expect(
      withFile(`
approvalTemplates:
  - name: minimal
    levels: [{ approvers: { users: [U0APPROVE1] } }]
  - name: standard-restart
    autoApprove: true
`).file.approvalTemplates,
    ).toEqual([
      {
        name: 'minimal',
        levels: [{ approvers: { users: ['U0APPROVE1'] }, minApprovals: 1 }],
        autoApprove: false,
        allowSelfApproval: false,
        expiresAfter: 24 * HOUR,
        reasonRequired: { onRequest: true, onReject: true },
        onConflict: 'refuse',
      },
      {
        name: 'standard-restart',
        levels: [],
        autoApprove: true,
        allowSelfApproval: false,
        expiresAfter: 24 * HOUR,
        reasonRequired: { onRequest: true, onReject: true },
        onConflict: 'refuse',
      },
    ]);
  });

  it.each([
    ['30m', 30 * 60_000],
    ['45s', 45_000],
    ['2d', 48 * HOUR],
    ['1h30m', 90 * 60_000],
    ['90d', 90 * 24 * HOUR],
  ])('when expiresAfter is %s, then it is %i ms', (text, ms) => {
    const [template] = withFile(
      `approvalTemplates:\n  - name: t\n    autoApprove: true\n    expiresAfter: ${text}\n`,
    ).file.approvalTemplates;
    expect(template?.expiresAfter).toBe(ms);
  });

  it('when the example file is loaded, then its templates parse and its policies name them', () => {
    const config = loadConfig({ SSM_CHATOPS_CONFIG: 'config/ssm-chatops.example.yml' });
    expect(config.file.approvalTemplates.map((template) => template.name)).toEqual([
      'prod-change',
      'standard-restart',
    ]);
    const named = config.file.policies.flatMap((rule) => rule.approvalTemplate ?? []);
    expect(named).toEqual(['prod-change', 'standard-restart']);
  });

  it('when values are malformed, then each problem names its key and says why', () => {
    expect(
      problemsOf(`
approvalTemplates:
  - name: Prod_Change
    governs:
      runbooks: ["AWS-["]
      accounts: [12345678901]
      organizationalUnits: [ou-bad]
      regions: [mars-1]
    levels:
      - name: ""
        approvers: { users: [S0NOTUSER], userGroups: [U0NOTGROUP] }
        minApprovals: 0
      - approvers: { users: [U0APPROVE1] }
        minApprovals: 1.5
    autoApprove: "yes"
    allowSelfApproval: 1
    expiresAfter: 24 hours
    reasonRequired: { onRequest: "no", onReject: null }
    calendars: ["a b"]
    emergency: { users: [S0NOTUSER], bypassApprovals: maybe }
    approvalsChannel: "#ops"
    onConflict: queue
`),
    ).toEqual([
      'approvalTemplates[0].name: "Prod_Change" must be lowercase letters, digits and single dashes, e.g. prod-change',
      'approvalTemplates[0].governs.runbooks[0]: "AWS-[" is not a valid glob: use letters, digits, _ . - : / and the wildcards * and ? (at most 256)',
      'approvalTemplates[0].governs.accounts[0]: "12345678901" is not a 12-digit account id (quote ids in YAML, or leading zeros are lost)',
      'approvalTemplates[0].governs.organizationalUnits[0]: "ou-bad" is not an OU id (ou-…) or a root id (r-…)',
      'approvalTemplates[0].governs.regions[0]: "mars-1" is not a region name such as us-east-1',
      'approvalTemplates[0].levels[0].name: "" must not be empty',
      'approvalTemplates[0].levels[0].approvers.users[0]: "S0NOTUSER" is not a Slack user id (U… or W…)',
      'approvalTemplates[0].levels[0].approvers.userGroups[0]: "U0NOTGROUP" is not a Slack user group id (S…)',
      'approvalTemplates[0].levels[0].minApprovals: "0" must be a whole number of at least 1',
      'approvalTemplates[0].levels[1].minApprovals: "1.5" must be a whole number of at least 1',
      'approvalTemplates[0].autoApprove: "yes" must be true or false',
      'approvalTemplates[0].allowSelfApproval: "1" must be true or false',
      'approvalTemplates[0].expiresAfter: "24 hours" must be a duration such as 30m, 24h or 2d (units s, m, h, d)',
      'approvalTemplates[0].reasonRequired.onRequest: "no" must be true or false',
      'approvalTemplates[0].reasonRequired.onReject: must be true or false',
      'approvalTemplates[0].calendars[0]: "a b" is not a Change Calendar name or ARN',
      'approvalTemplates[0].emergency.users[0]: "S0NOTUSER" is not a Slack user id (U… or W…)',
      'approvalTemplates[0].emergency.bypassApprovals: "maybe" must be true or false',
      'approvalTemplates[0].approvalsChannel: "#ops" is not a Slack channel id (C…, G… or D…)',
      'approvalTemplates[0].onConflict: "queue" must be refuse or wait',
    ]);
  });

  it.each([
    ['0m', 'must be longer than zero'],
    ['91d', 'must be at most 90d'],
    ['', 'must be a duration such as 30m, 24h or 2d (units s, m, h, d)'],
    ['-1h', 'must be a duration such as 30m, 24h or 2d (units s, m, h, d)'],
  ])('when expiresAfter is "%s", then it is refused: %s', (text, reason) => {
    expect(
      problemsOf(`approvalTemplates:\n  - name: t\n    autoApprove: true\n    expiresAfter: "${text}"\n`),
    ).toEqual([`approvalTemplates[0].expiresAfter: "${text}" ${reason}`]);
  });

  it('when expiresAfter is a bare number, then it asks for a unit', () => {
    expect(
      problemsOf('approvalTemplates:\n  - name: t\n    autoApprove: true\n    expiresAfter: 30\n'),
    ).toEqual(['approvalTemplates[0].expiresAfter: "30" must be a duration such as 30m, 24h or 2d']);
  });

  it('when keys are missing, empty, unknown or of the wrong shape, then each is named', () => {
    expect(
      problemsOf(`
approvalTemplates:
  - name: empty-lists
    governs: {}
    levels:
      - approvers: {}
      - approvers: { users: [], userGroups: [] }
      - minApprovals: 1
        mentions: true
    calendars: []
    emergency: {}
  - description: no name, no levels
    colour: blue
  - name: wrong-shapes
    governs: [AWS-*]
    levels: { approvers: { users: [U0APPROVE1] } }
    reasonRequired: true
    emergency: [U0OPERATE1]
  - just-a-string
`),
    ).toEqual([
      'approvalTemplates[0].governs: must name runbooks, accounts, organizationalUnits or regions; omit `governs` to apply the template only where a policy rule names it',
      'approvalTemplates[0].levels[0].approvers: must name users or userGroups',
      'approvalTemplates[0].levels[1].approvers.users: must not be empty; omit the key to mean any',
      'approvalTemplates[0].levels[1].approvers.userGroups: must not be empty; omit the key to mean any',
      'approvalTemplates[0].levels[2].approvers: must be a mapping of users and userGroups',
      'approvalTemplates[0].levels[2]: unknown key(s) mentions',
      'approvalTemplates[0].calendars: must not be empty; omit the key to mean any',
      'approvalTemplates[0].emergency: must name users or userGroups who may raise an emergency change',
      'approvalTemplates[1].name: is required',
      'approvalTemplates[1]: unknown key(s) colour',
      'approvalTemplates[1].levels: must list at least one approval level, unless autoApprove is true',
      'approvalTemplates[2].governs: must be a mapping of runbooks, accounts, organizationalUnits and regions',
      'approvalTemplates[2].levels: must be a list of approval levels',
      'approvalTemplates[2].reasonRequired: must be a mapping of onRequest and onReject',
      'approvalTemplates[2].emergency: must be a mapping of users, userGroups and bypassApprovals',
      'approvalTemplates[3]: "just-a-string" must be a template: a mapping with name, levels and so on',
    ]);
  });

  it('when a level can never collect its approvals, then minApprovals is named', () => {
    expect(
      problemsOf(`
approvalTemplates:
  - name: two-of-one
    levels:
      - approvers: { users: [U0APPROVE1] }
        minApprovals: 2
      - approvers: { users: [U0APPROVE1, U0APPROVE2] }
        minApprovals: 3
      - approvers: { users: [U0APPROVE1], userGroups: [S0SECURITY] }
        minApprovals: 5
`),
    ).toEqual([
      'approvalTemplates[0].levels[0].minApprovals: is 2, but the level lists only 1 user and no userGroups: it could never be met',
      'approvalTemplates[0].levels[1].minApprovals: is 3, but the level lists only 2 users and no userGroups: it could never be met',
    ]);
  });

  it('when autoApprove is given with levels, or neither, then levels is named', () => {
    expect(
      problemsOf(`
approvalTemplates:
  - name: both
    autoApprove: true
    levels: [{ approvers: { users: [U0APPROVE1] } }]
  - name: neither
    levels: []
`),
    ).toEqual([
      'approvalTemplates[0].levels: must be omitted when autoApprove is true: a standard change is approved without votes',
      'approvalTemplates[1].levels: must list at least one approval level, unless autoApprove is true',
    ]);
  });

  it('when two templates share a name, then every repeat is reported with the other mistakes', () => {
    expect(
      problemsOf(`
approvalTemplates:
  - name: prod-change
    autoApprove: true
  - name: prod-change
    autoApprove: true
    onConflict: queue
  - name: prod-change
    autoApprove: true
`),
    ).toEqual([
      'approvalTemplates[1].onConflict: "queue" must be refuse or wait',
      'approvalTemplates[1].name: "prod-change" is already the name of approvalTemplates[0]',
      'approvalTemplates[2].name: "prod-change" is already the name of approvalTemplates[0]',
    ]);
  });

  it('when approvalTemplates is not a list, then it says so', () => {
    expect(problemsOf('approvalTemplates:\n  name: prod-change\n')).toEqual([
      'approvalTemplates: must be a list of templates',
    ]);
  });
});

describe('loadConfig: policy rules name approval templates', () => {
  it('when a rule names a template that does not exist, then the rule is named, with a suggestion', () => {
    expect(
      problemsOf(`
policies:
  - name: prod
    runbooks: ["*"]
    approvalTemplate: prod-chnage
  - name: staging
    runbooks: ["*"]
    approvalTemplate: prod-change
  - name: other
    runbooks: ["*"]
    approvalTemplate: emergency
approvalTemplates:
  - name: prod-change
    autoApprove: true
  - name: staging-change
    autoApprove: true
`),
    ).toEqual([
      'policies[0].approvalTemplate: "prod-chnage" is not an approval template; did you mean prod-change?',
      'policies[2].approvalTemplate: "emergency" is not an approval template',
    ]);
  });

  it('when no templates are defined, then the reason says so, also beside other mistakes', () => {
    expect(
      problemsOf(`
policies:
  - name: prod
    runbooks: ["*"]
    regions: [mars-1]
    approvalTemplate: prod-change
`),
    ).toEqual([
      'policies[0].regions[0]: "mars-1" is not a region name such as us-east-1',
      'policies[0].approvalTemplate: "prod-change" is not an approval template; no approvalTemplates are defined',
    ]);
  });

  it('when a broken template carries the name, then the reference still resolves and only the template is blamed', () => {
    expect(
      problemsOf(`
policies:
  - name: prod
    runbooks: ["*"]
    approvalTemplate: prod-change
approvalTemplates:
  - name: prod-change
    levels: []
`),
    ).toEqual([
      'approvalTemplates[0].levels: must list at least one approval level, unless autoApprove is true',
    ]);
  });

  it('when a deny rule names a template, then only the deny-rule mistake is reported', () => {
    expect(
      problemsOf(`
policies:
  - name: prod
    effect: deny
    runbooks: ["*"]
    approvalTemplate: nowhere
`),
    ).toEqual([
      'policies[0].approvalTemplate: "nowhere" is meaningless on a deny rule: a denied run never reaches approval',
    ]);
  });
});
