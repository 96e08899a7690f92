// AWS Organizations over awsJson1_1: the read operations the bot uses, with real pagination and errors.
import { AwsServiceError } from '../aws-error.js';
import type { OrgAccount, OrgUnit } from '../organization.js';
import { paginate } from '../pagination.js';
import type { CallContext, OperationHandler, ServiceDefinition } from '../service.js';

/** The InvalidInputException reasons the sandbox gives, as the model's InvalidInputExceptionReason spells them. */
type InvalidInputReason =
  | 'INPUT_REQUIRED'
  | 'INVALID_PATTERN'
  | 'INVALID_ENUM'
  | 'INVALID_NEXT_TOKEN'
  | 'MAX_VALUE_EXCEEDED';
const invalidInput = (message: string, reason: InvalidInputReason) =>
  new AwsServiceError('InvalidInputException', message, 400, 'client', { Reason: reason });

/** Statuses from the Organizations model (`httpError`) for the errors the sandbox answers with. */
const ERROR_STATUSES = {
  AccessDeniedException: 403,
  AccountNotFoundException: 404,
  AWSOrganizationsNotInUseException: 404,
  ChildNotFoundException: 404,
  OrganizationalUnitNotFoundException: 404,
  ParentNotFoundException: 404,
  TooManyRequestsException: 429,
};
type ModeledCode = keyof typeof ERROR_STATUSES;
const modeled = (code: ModeledCode, message: string) =>
  new AwsServiceError(code, message, ERROR_STATUSES[code]);

/** Id patterns from the Organizations API reference; a malformed id is InvalidInputException, not "not found". */
const ACCOUNT_ID = /^\d{12}$/;
const OU_ID = /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/;
const PARENT_ID = /^(?:r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/;

/**
 * An id member as Organizations checks it before looking it up: missing is INPUT_REQUIRED, malformed is
 * INVALID_PATTERN with AWS's own words (HTTP 400 both); only a well-formed id can be "not found".
 */
function requireId(input: Record<string, unknown>, member: string, pattern: RegExp): string {
  const id = input[member];
  if (id === undefined || id === null) {
    throw invalidInput('You must include a value for all required parameters.', 'INPUT_REQUIRED');
  }
  if (typeof id !== 'string' || !pattern.test(id)) {
    throw invalidInput('You provided a value that does not match the required pattern.', 'INVALID_PATTERN');
  }
  return id;
}

function readableOrganization(ctx: CallContext) {
  const org = ctx.world.org;
  if (!org.mayRead(ctx.principal.accountId)) {
    throw modeled(
      'AccessDeniedException',
      'You don\u2019t have permissions to access this resource. The operation can be called only from the ' +
        "organization's management account or by a member account that is a delegated administrator.",
    );
  }
  return org;
}

function page<T>(ctx: CallContext, input: Record<string, unknown>, all: T[], query: unknown) {
  return paginate(all, {
    query: [ctx.operation, query],
    nextToken: input.NextToken,
    maxResults: input.MaxResults,
    defaultMax: 20,
    limit: { min: 1, max: 20 },
    invalidToken: () => invalidInput('The NextToken value is not valid.', 'INVALID_NEXT_TOKEN'),
    invalidMax: (message) => invalidInput(message, 'MAX_VALUE_EXCEEDED'),
  });
}

function requireParent(ctx: CallContext, input: Record<string, unknown>): string {
  const parentId = requireId(input, 'ParentId', PARENT_ID);
  if (!ctx.world.org.isParent(parentId)) {
    throw modeled('ParentNotFoundException', `We can't find a root or OU with the ParentId ${parentId}.`);
  }
  return parentId;
}

const accountShape = (account: OrgAccount, paths?: string[]) => ({
  Id: account.id,
  Arn: account.arn,
  Email: account.email,
  Name: account.name,
  Status: account.status,
  State: account.status,
  Paths: paths,
  JoinedMethod: 'CREATED',
  JoinedTimestamp: account.joined,
});

const unitShape = (unit: OrgUnit) => ({ Id: unit.id, Arn: unit.arn, Name: unit.name });

const operations: Record<string, OperationHandler> = {
  DescribeOrganization: (_input, ctx) => {
    const org = ctx.world.org;
    const management = org.account(org.managementAccountId)!;
    return {
      Organization: {
        Id: org.id,
        Arn: `arn:aws:organizations::${org.managementAccountId}:organization/${org.id}`,
        FeatureSet: 'ALL',
        MasterAccountArn: management.arn,
        MasterAccountId: management.id,
        MasterAccountEmail: management.email,
        AvailablePolicyTypes: [],
      },
    };
  },
  ListRoots: (input, ctx) => {
    const org = readableOrganization(ctx);
    const result = page(ctx, input, [org.root], {});
    return {
      Roots: result.items.map((root) => ({ Id: root.id, Arn: root.arn, Name: root.name, PolicyTypes: [] })),
      NextToken: result.nextToken,
    };
  },
  ListChildren: (input, ctx) => {
    const org = readableOrganization(ctx);
    const parentId = requireParent(ctx, input);
    const childType = input.ChildType;
    if (childType === undefined) {
      throw invalidInput('You must include a value for all required parameters.', 'INPUT_REQUIRED');
    }
    if (childType !== 'ACCOUNT' && childType !== 'ORGANIZATIONAL_UNIT') {
      throw invalidInput('ChildType must be ACCOUNT or ORGANIZATIONAL_UNIT.', 'INVALID_ENUM');
    }
    const ids =
      childType === 'ACCOUNT'
        ? org.childAccounts(parentId).map((account) => account.id)
        : org.childUnits(parentId).map((unit) => unit.id);
    const result = page(ctx, input, ids, [parentId, childType]);
    return { Children: result.items.map((id) => ({ Id: id, Type: childType })), NextToken: result.nextToken };
  },
  ListOrganizationalUnitsForParent: (input, ctx) => {
    const org = readableOrganization(ctx);
    const parentId = requireParent(ctx, input);
    const result = page(ctx, input, org.childUnits(parentId), [parentId]);
    return { OrganizationalUnits: result.items.map(unitShape), NextToken: result.nextToken };
  },
  ListAccounts: (input, ctx) => {
    const org = readableOrganization(ctx);
    const result = page(ctx, input, org.accounts(), {});
    return { Accounts: result.items.map((account) => accountShape(account)), NextToken: result.nextToken };
  },
  ListAccountsForParent: (input, ctx) => {
    const org = readableOrganization(ctx);
    const parentId = requireParent(ctx, input);
    const result = page(ctx, input, org.childAccounts(parentId), [parentId]);
    return { Accounts: result.items.map((account) => accountShape(account)), NextToken: result.nextToken };
  },
  DescribeAccount: (input, ctx) => {
    const org = readableOrganization(ctx);
    const account = org.account(requireId(input, 'AccountId', ACCOUNT_ID));
    if (!account) {
      throw modeled('AccountNotFoundException', "You specified an account that doesn't exist.");
    }
    return { Account: accountShape(account) };
  },
  DescribeOrganizationalUnit: (input, ctx) => {
    const org = readableOrganization(ctx);
    const unit = org.organizationalUnit(requireId(input, 'OrganizationalUnitId', OU_ID));
    if (!unit) {
      throw modeled(
        'OrganizationalUnitNotFoundException',
        "We can't find an OU with the OrganizationalUnitId that you specified.",
      );
    }
    return { OrganizationalUnit: unitShape(unit) };
  },
};

/** The one service the fixture's delegated administrators are registered for. */
const SYSTEMS_MANAGER = 'ssm.amazonaws.com';

/**
 * Trusted access and delegated administrators: like the other reads, callable only by the management account
 * or a delegated administrator (Organizations API reference, ListAWSServiceAccessForOrganization and
 * ListDelegatedAdministrators), paged 1–20.
 */
const setupOperations: Record<string, OperationHandler> = {
  ListAWSServiceAccessForOrganization: (input, ctx) => {
    const org = readableOrganization(ctx);
    const result = page(ctx, input, [...org.trustedServices], {});
    return {
      EnabledServicePrincipals: result.items.map((service) => ({
        ServicePrincipal: service.principal,
        DateEnabled: service.enabled,
      })),
      NextToken: result.nextToken,
    };
  },
  ListDelegatedAdministrators: (input, ctx) => {
    const org = readableOrganization(ctx);
    const service = input.ServicePrincipal;
    if (service !== undefined && (typeof service !== 'string' || !/^[\w+=,.@-]{1,128}$/.test(service))) {
      throw invalidInput('You provided a value that does not match the required pattern.', 'INVALID_PATTERN');
    }
    const registered = service === undefined || service === SYSTEMS_MANAGER;
    const accounts = registered ? [...org.delegatedAdministrators].map((id) => org.account(id)!) : [];
    const result = page(ctx, input, accounts, [service ?? null]);
    return {
      DelegatedAdministrators: result.items.map((account) => ({
        Id: account.id,
        Arn: account.arn,
        Email: account.email,
        Name: account.name,
        Status: account.status,
        JoinedMethod: 'CREATED',
        JoinedTimestamp: account.joined,
        DelegationEnabledDate: account.joined,
      })),
      NextToken: result.nextToken,
    };
  },
};

export const organizationsService: ServiceDefinition = {
  signingName: 'organizations',
  protocol: 'json',
  targetPrefix: 'AWSOrganizationsV20161128',
  errorNamespace: 'com.amazonaws.organizations',
  errorStatuses: ERROR_STATUSES,
  // Organizations models its own throttling error, with 429 (not the common ThrottlingException, 400).
  throttling: { code: 'TooManyRequestsException', httpStatus: 429 },
  operations: { ...operations, ...setupOperations },
};
