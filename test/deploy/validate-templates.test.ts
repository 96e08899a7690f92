// The deploy templates pass AWS's CloudFormation validator (resource schemas, intrinsic functions, references and
// best-practice rules, offline), as aws-cdk-lib ships it; broken copies show what it catches. It does not flag an
// unknown resource type (AWS::Events::Bus passes) nor an IAM action no service has: the agreement test checks
// the resources the bot relies on and every action it grants.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { App, CloudFormationValidatePlugin, type PolicyViolation } from 'aws-cdk-lib';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const TEMPLATES = ['deploy/member-account.yaml', 'deploy/operations-account.yaml'];

/** Findings read and accepted, each with why. */
const ACKNOWLEDGED = [
  // "appears to be a password": it is the secret's ARN, not the secret, and is shown on purpose.
  { rule: 'W2509', location: 'Parameters/EventsSecretArn' },
];

const validator = new CloudFormationValidatePlugin();
const scratch = mkdtempSync(join(tmpdir(), 'ssm-chatops-templates-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let copies = 0;

interface Finding {
  rule: string;
  severity: string;
  where: string;
  description: string;
}

function validate(templatePath: string): Finding[] {
  const report = validator.validate({
    // The plugin reads the template files; the app is what CDK would have synthesized them from (none here).
    appConstruct: new App(),
    templatePaths: [templatePath],
    stackTemplates: [
      { stackConstructPath: templatePath, templatePath, accountId: '111111111111', region: 'us-east-1' },
    ],
  });
  return report.violations.flatMap((violation: PolicyViolation) =>
    violation.violatingResources.flatMap((resource) =>
      resource.locations.map((location) => ({
        rule: violation.ruleName,
        severity: violation.severity ?? '',
        where: resource.resourceLogicalId ? `${resource.resourceLogicalId} ${location}` : location,
        description: violation.description,
      })),
    ),
  );
}

/** A copy of the template with one edit, for showing what the validator catches. */
function brokenCopy(template: string, edit: (text: string) => string): string {
  const text = readFileSync(resolve(ROOT, template), 'utf8');
  const broken = edit(text);
  if (broken === text) throw new Error('the edit changed nothing: the template moved on, fix the test');
  copies += 1;
  const path = join(scratch, `broken-${copies}.yaml`);
  writeFileSync(path, broken);
  return path;
}

describe('the deploy templates pass the CloudFormation validator', () => {
  it.each(TEMPLATES)('when %s is validated, then nothing is found but what is acknowledged', (template) => {
    const findings = validate(resolve(ROOT, template)).filter(
      (finding) =>
        !ACKNOWLEDGED.some((known) => known.rule === finding.rule && finding.where.endsWith(known.location)),
    );
    expect(findings).toEqual([]);
  });

  it.each([
    [
      'a misspelled property',
      'deploy/member-account.yaml',
      (text: string) => text.replace('      EventBusName: default', '      EventBus: default'),
      'F3002',
    ],
    [
      'a missing required property',
      'deploy/operations-account.yaml',
      (text: string) => text.replace('      HttpMethod: POST\n', ''),
      'F3003',
    ],
    [
      'a reference to no parameter or resource',
      'deploy/member-account.yaml',
      (text: string) => text.replace('RoleName: !Ref ReadRoleName', 'RoleName: !Ref ReadRoleNames'),
      'F1020',
    ],
    [
      'a value outside the allowed ones',
      'deploy/operations-account.yaml',
      (text: string) => text.replace('      HttpMethod: POST', '      HttpMethod: SEND'),
      'W3030',
    ],
  ])('when a template has %s, then the validator finds it', (_what, template, edit, rule) => {
    const findings = validate(brokenCopy(template, edit));
    expect(findings.map((finding) => finding.rule)).toContain(rule);
  });
});
