// Reads a CloudFormation YAML template as CloudFormation does (short-form intrinsics become their long form), and
// resolves the intrinsics the deploy templates use against chosen parameters, for the agreement test.
import { readFileSync } from 'node:fs';
import { parse, type Tags, type YAMLMap, type YAMLSeq } from 'yaml';

export interface CloudFormationResource {
  Type: string;
  Condition?: string;
  Properties?: Record<string, unknown>;
}

export interface CloudFormationTemplate {
  Parameters: Record<string, { Type: string; Default?: string }>;
  Resources: Record<string, CloudFormationResource>;
}

/** `!Ref x` → `{ Ref: x }`, `!Sub …` → `{ 'Fn::Sub': … }`; `!GetAtt a.b` → `{ 'Fn::GetAtt': [a, b] }`. */
const SHORT_FORMS = [
  'Base64',
  'Cidr',
  'Equals',
  'FindInMap',
  'GetAZs',
  'GetAtt',
  'If',
  'ImportValue',
  'Join',
  'Not',
  'And',
  'Or',
  'Select',
  'Split',
  'Sub',
];

function cloudFormationTags(): Tags {
  const tags: Tags = [
    { tag: '!Ref', resolve: (value: string) => ({ Ref: value }) },
    { tag: '!Condition', resolve: (value: string) => ({ Condition: value }) },
  ];
  for (const name of SHORT_FORMS) {
    const key = `Fn::${name}`;
    tags.push({
      tag: `!${name}`,
      resolve: (value: string) => ({ [key]: name === 'GetAtt' ? value.split('.') : value }),
    });
    tags.push({
      tag: `!${name}`,
      collection: 'seq',
      resolve: (seq: YAMLSeq | YAMLMap) => ({ [key]: seq.toJSON() }),
    });
  }
  return tags;
}

export function loadTemplate(path: string): CloudFormationTemplate {
  return parse(readFileSync(path, 'utf8'), { customTags: cloudFormationTags() }) as CloudFormationTemplate;
}

/** Where a stack is deployed and with what parameters; unset parameters take their template defaults. */
export interface StackPlace {
  accountId: string;
  region: string;
  parameters?: Record<string, string>;
}

/**
 * The value with every intrinsic the deploy templates use resolved, as CloudFormation would in `place`: Ref,
 * Fn::Sub, Fn::GetAtt (Arn of the resource types the templates hold), Fn::Join, Fn::If and the condition functions.
 * `AWS::NoValue` resolves to undefined.
 */
export function resolveIntrinsics(
  value: unknown,
  template: CloudFormationTemplate,
  place: StackPlace,
): unknown {
  const resolve = (inner: unknown): unknown => resolveIntrinsics(inner, template, place);
  if (Array.isArray(value)) return value.map(resolve).filter((item) => item !== undefined);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value);
  const [key, argument] = entries[0] ?? [];
  if (entries.length === 1 && key === 'Ref') return ref(argument as string, template, place);
  if (entries.length === 1 && key === 'Fn::GetAtt') {
    const [logicalId, attribute] = argument as [string, string];
    return getAtt(logicalId, attribute, template, place);
  }
  if (entries.length === 1 && key === 'Fn::Sub') {
    const [text, variables] = (Array.isArray(argument) ? argument : [argument, {}]) as [
      string,
      Record<string, unknown>,
    ];
    return text.replace(/\$\{([^}]+)\}/g, (_whole, name: string) => {
      if (name in variables) return String(resolve(variables[name]));
      const [logicalId, attribute] = name.split('.');
      return String(
        attribute
          ? getAtt(logicalId as string, attribute, template, place)
          : ref(logicalId as string, template, place),
      );
    });
  }
  if (entries.length === 1 && key === 'Fn::Join') {
    const [separator, items] = argument as [string, unknown[]];
    return (resolve(items) as unknown[]).join(separator);
  }
  if (entries.length === 1 && key === 'Fn::If') {
    const [condition, whenTrue, whenFalse] = argument as [string, unknown, unknown];
    return resolve(conditionHolds(condition, template, place) ? whenTrue : whenFalse);
  }
  return Object.fromEntries(entries.map(([name, inner]) => [name, resolve(inner)]));
}

/** Whether the template's condition `name` is true in `place`. */
export function conditionHolds(name: string, template: CloudFormationTemplate, place: StackPlace): boolean {
  const conditions = (template as { Conditions?: Record<string, unknown> }).Conditions ?? {};
  const evaluate = (expression: unknown): boolean => {
    const [key, argument] = Object.entries(expression as object)[0] ?? [];
    switch (key) {
      case 'Condition':
        return evaluate(conditions[argument as string]);
      case 'Fn::Equals': {
        const [left, right] = argument as [unknown, unknown];
        return resolveIntrinsics(left, template, place) === resolveIntrinsics(right, template, place);
      }
      case 'Fn::Not':
        return !evaluate((argument as unknown[])[0]);
      case 'Fn::And':
        return (argument as unknown[]).every(evaluate);
      case 'Fn::Or':
        return (argument as unknown[]).some(evaluate);
      default:
        throw new Error(`condition function ${key} is not understood here`);
    }
  };
  if (!(name in conditions)) throw new Error(`no condition ${name}`);
  return evaluate(conditions[name]);
}

/** The resources CloudFormation would create in `place` (those whose condition holds). */
export function resourcesIn(
  template: CloudFormationTemplate,
  place: StackPlace,
): Record<string, CloudFormationResource> {
  return Object.fromEntries(
    Object.entries(template.Resources).filter(
      ([, resource]) => !resource.Condition || conditionHolds(resource.Condition, template, place),
    ),
  );
}

function ref(name: string, template: CloudFormationTemplate, place: StackPlace): unknown {
  switch (name) {
    case 'AWS::Partition':
      return 'aws';
    case 'AWS::AccountId':
      return place.accountId;
    case 'AWS::Region':
      return place.region;
    case 'AWS::NoValue':
      return undefined;
  }
  const parameter = template.Parameters[name];
  if (parameter) {
    const value = place.parameters?.[name] ?? parameter.Default;
    if (value === undefined) throw new Error(`parameter ${name} has no default: give it a value`);
    return value;
  }
  const resource = template.Resources[name];
  if (!resource) throw new Error(`Ref to ${name}, which the template does not have`);
  switch (resource.Type) {
    case 'AWS::Events::EventBus':
    case 'AWS::IAM::Role':
      return resolveIntrinsics(resource.Properties?.Name ?? resource.Properties?.RoleName, template, place);
    case 'AWS::IAM::ManagedPolicy':
      return `arn:aws:iam::${place.accountId}:policy/${name}`;
    default:
      return name;
  }
}

function getAtt(
  logicalId: string,
  attribute: string,
  template: CloudFormationTemplate,
  place: StackPlace,
): string {
  const resource = template.Resources[logicalId];
  if (!resource) throw new Error(`Fn::GetAtt of ${logicalId}, which the template does not have`);
  if (attribute !== 'Arn') throw new Error(`Fn::GetAtt ${logicalId}.${attribute} is not understood here`);
  const name = (property: string) => resolveIntrinsics(resource.Properties?.[property], template, place);
  const events = `arn:aws:events:${place.region}:${place.accountId}`;
  switch (resource.Type) {
    case 'AWS::IAM::Role':
      return `arn:aws:iam::${place.accountId}:role/${name('RoleName')}`;
    case 'AWS::Events::EventBus':
      return `${events}:event-bus/${name('Name')}`;
    case 'AWS::Events::Connection':
      return `${events}:connection/${name('Name')}/00000000-0000-0000-0000-000000000000`;
    case 'AWS::Events::ApiDestination':
      return `${events}:api-destination/${name('Name')}/00000000-0000-0000-0000-000000000000`;
    default:
      throw new Error(`Fn::GetAtt ${logicalId}.Arn of a ${resource.Type} is not understood here`);
  }
}

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  Resource?: string | string[];
  Principal?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

/** The statements of a role's inline policies, or of a managed policy, resolved in `place`. */
export function permissionStatements(
  resource: CloudFormationResource,
  template: CloudFormationTemplate,
  place: StackPlace,
): PolicyStatement[] {
  const properties = resolveIntrinsics(resource.Properties ?? {}, template, place) as {
    Policies?: Array<{ PolicyDocument: { Statement: PolicyStatement[] } }>;
    PolicyDocument?: { Statement: PolicyStatement[] };
  };
  const documents = properties.PolicyDocument
    ? [properties.PolicyDocument]
    : (properties.Policies ?? []).map((policy) => policy.PolicyDocument);
  return documents.flatMap((document) => document.Statement);
}

/** The trust policy of a role, resolved in `place`. */
export function trustStatements(
  resource: CloudFormationResource,
  template: CloudFormationTemplate,
  place: StackPlace,
): PolicyStatement[] {
  const document = resolveIntrinsics(resource.Properties?.AssumeRolePolicyDocument, template, place) as {
    Statement: PolicyStatement[];
  };
  return document.Statement;
}

export const listOf = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** IAM's matching of actions and ARNs: `*` any run of characters, `?` one; actions ignore case. */
export function iamMatches(pattern: string, value: string, ignoreCase = false): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, ignoreCase ? 'i' : '').test(value);
}

/** Whether an Allow statement grants `action` (service:Action) on `resourceArn`; conditions are not judged. */
export function allows(statements: PolicyStatement[], action: string, resourceArn = '*'): boolean {
  return statements.some(
    (statement) =>
      statement.Effect === 'Allow' &&
      listOf(statement.Action).some((granted) => iamMatches(granted, action, true)) &&
      listOf(statement.Resource).some((granted) => iamMatches(granted, resourceArn)),
  );
}
