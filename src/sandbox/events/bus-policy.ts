// The resource policy of an event bus: who may put events on it from other accounts.

/** One statement of the policy document, as DescribeEventBus shows it. */
export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal: unknown;
  Action: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

/** Who sends an event to the bus, and what the event is, for evaluating statements. */
export interface PutEventsRequestContext {
  accountId: string;
  /** The role a rule target uses to forward, if any. */
  roleArn?: string;
  /** Set when the sending account is a member of the organization. */
  orgId?: string;
  source: string;
  detailType: string;
}

export class BusPolicy {
  private statements: PolicyStatement[] = [];

  constructor(private readonly busArn: string) {}

  get isEmpty(): boolean {
    return this.statements.length === 0;
  }

  has(sid: string): boolean {
    return this.statements.some((statement) => statement.Sid === sid);
  }

  /** The statement PutPermission builds from Principal, StatementId and an optional Condition. */
  addPermission(
    sid: string,
    principal: string,
    condition?: { type: string; key: string; value: string },
  ): void {
    this.statements = this.statements.filter((statement) => statement.Sid !== sid);
    this.statements.push({
      Sid: sid,
      Effect: 'Allow',
      Principal: principal === '*' ? '*' : { AWS: `arn:aws:iam::${principal}:root` },
      Action: 'events:PutEvents',
      Resource: this.busArn,
      ...(condition ? { Condition: { [condition.type]: { [condition.key]: condition.value } } } : {}),
    });
  }

  /** Replaces the whole policy; `statements` were validated by the caller. */
  replace(statements: PolicyStatement[]): void {
    this.statements = statements.map((statement) => ({ ...statement }));
  }

  remove(sid: string): boolean {
    const before = this.statements.length;
    this.statements = this.statements.filter((statement) => statement.Sid !== sid);
    return this.statements.length < before;
  }

  clear(): void {
    this.statements = [];
  }

  /** The policy document as DescribeEventBus returns it; undefined when there is none. */
  document(): string | undefined {
    return this.isEmpty ? undefined : JSON.stringify({ Version: '2012-10-17', Statement: this.statements });
  }

  /** Whether events:PutEvents is allowed for `request`: an Allow applies and no Deny does. */
  allowsPutEvents(request: PutEventsRequestContext): boolean {
    const applicable = this.statements.filter(
      (statement) =>
        actionCovers(statement.Action) &&
        resourceCovers(statement.Resource, this.busArn) &&
        principalCovers(statement.Principal, request) &&
        conditionHolds(statement.Condition, request),
    );
    return (
      applicable.some((statement) => statement.Effect === 'Allow') &&
      !applicable.some((statement) => statement.Effect === 'Deny')
    );
  }
}

/** Parses a full Policy document given to PutPermission; a string names what is wrong. */
export function parsePolicyDocument(text: string): PolicyStatement[] | string {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return 'This policy contains invalid Json';
  }
  const statements = (raw as { Statement?: unknown } | null)?.Statement;
  const list = Array.isArray(statements) ? statements : statements ? [statements] : [];
  if (list.length === 0) return 'This policy contains no statement';
  for (const statement of list) {
    if (typeof statement !== 'object' || statement === null) return 'This policy contains invalid Json';
    const { Effect, Principal, Action } = statement as Partial<PolicyStatement>;
    if (Effect !== 'Allow' && Effect !== 'Deny') return 'Policy statement Effect must be Allow or Deny';
    if (Principal === undefined) return 'Policy statement must name a Principal';
    if (typeof Action !== 'string' && !Array.isArray(Action)) return 'Policy statement must name an Action';
  }
  return list as PolicyStatement[];
}

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

function actionCovers(action: string | string[]): boolean {
  return asList(action).some((item) => item === 'events:PutEvents' || item === 'events:*' || item === '*');
}

function resourceCovers(resource: string | string[] | undefined, busArn: string): boolean {
  if (resource === undefined) return true;
  return asList(resource).some((item) => typeof item === 'string' && globMatches(item, busArn));
}

function principalCovers(principal: unknown, request: PutEventsRequestContext): boolean {
  if (principal === '*') return true;
  const aws = (principal as { AWS?: unknown } | null)?.AWS;
  return asList(aws).some(
    (item) =>
      item === '*' ||
      item === request.accountId ||
      item === `arn:aws:iam::${request.accountId}:root` ||
      (request.roleArn !== undefined && item === request.roleArn),
  );
}

function conditionHolds(condition: PolicyStatement['Condition'], request: PutEventsRequestContext): boolean {
  if (!condition) return true;
  const context: Record<string, string | undefined> = {
    'aws:principalorgid': request.orgId,
    'aws:principalaccount': request.accountId,
    'events:source': request.source,
    'events:detail-type': request.detailType,
  };
  return Object.entries(condition).every(([operator, clauses]) =>
    Object.entries(clauses).every(([key, expected]) => {
      const actual = context[key.toLowerCase()];
      if (actual === undefined) return false;
      const values = asList(expected).filter((value): value is string => typeof value === 'string');
      if (operator === 'StringEquals') return values.includes(actual);
      if (operator === 'StringLike') return values.some((value) => globMatches(value, actual));
      // An operator the sandbox does not evaluate never grants access.
      return false;
    }),
  );
}

function globMatches(glob: string, text: string): boolean {
  const source = glob
    .replace(/[.+^${}()|[\]\\/]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`).test(text);
}
