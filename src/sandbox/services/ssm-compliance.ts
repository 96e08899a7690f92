// SSM patch compliance reads: ListResourceComplianceSummaries (Compliance) and DescribeInstancePatchStates (Patch
// Manager), over the caller's account and region, with the API model's limits and paging.
import { AwsServiceError, validationError } from '../aws-error.js';
import { paginate } from '../pagination.js';
import type { CallContext, OperationHandler } from '../service.js';
import { type InstancePatchRecord, isNonCompliant } from '../ssm/patch-states.js';

const invalidNextToken = () => new AwsServiceError('InvalidNextToken', 'The specified token is not valid.');
const invalidFilter = (message: string) => new AwsServiceError('InvalidFilter', message);

/** ComplianceStringFilter.Type as the model enumerates it. */
const FILTER_TYPES = new Set(['EQUAL', 'NOT_EQUAL', 'BEGIN_WITH', 'LESS_THAN', 'GREATER_THAN']);
/** The keys the sandbox filters on; AWS has more (resource ids, tags), which no caller of ours uses. */
const FILTER_KEYS: Record<string, (record: InstancePatchRecord) => string> = {
  ComplianceType: () => 'Patch',
  Status: (record) => (isNonCompliant(record) ? 'NON_COMPLIANT' : 'COMPLIANT'),
  ResourceType: () => 'ManagedInstance',
};

interface ComplianceFilter {
  key: string;
  values: string[];
  type: string;
}

function complianceFilters(input: Record<string, unknown>): ComplianceFilter[] {
  const filters = input.Filters;
  if (filters === undefined || filters === null) return [];
  if (!Array.isArray(filters)) throw validationError('Filters must be a list');
  return filters.map((filter: Record<string, unknown>, index) => {
    const key = filter.Key;
    const values = filter.Values;
    const type = (filter.Type as string | undefined) ?? 'EQUAL';
    if (typeof key !== 'string' || key.length < 1 || key.length > 200) {
      throw validationError(
        `1 validation error detected: Value '${String(key)}' at 'filters.${index + 1}.member.key' failed to satisfy constraint: Member must have length between 1 and 200`,
      );
    }
    if (!Array.isArray(values) || values.length < 1 || values.length > 20) {
      throw validationError(
        `1 validation error detected: Value at 'filters.${index + 1}.member.values' failed to satisfy constraint: Member must have length between 1 and 20`,
      );
    }
    if (!FILTER_TYPES.has(type)) {
      throw validationError(
        `1 validation error detected: Value '${type}' at 'filters.${index + 1}.member.type' failed to satisfy constraint: Member must satisfy enum value set: [BEGIN_WITH, LESS_THAN, EQUAL, NOT_EQUAL, GREATER_THAN]`,
      );
    }
    if (!FILTER_KEYS[key] || (type !== 'EQUAL' && type !== 'NOT_EQUAL')) {
      throw invalidFilter(
        `The sandbox filters compliance on ${Object.keys(FILTER_KEYS).join(', ')} with EQUAL or NOT_EQUAL; got ${key} ${type}.`,
      );
    }
    return { key, values: values as string[], type };
  });
}

const matches = (record: InstancePatchRecord, filters: ComplianceFilter[]) =>
  filters.every((filter) => {
    const hit = filter.values.includes(FILTER_KEYS[filter.key]!(record));
    return filter.type === 'EQUAL' ? hit : !hit;
  });

const severities = (critical: number, unspecified: number) => ({
  CriticalCount: critical,
  HighCount: 0,
  MediumCount: 0,
  LowCount: 0,
  InformationalCount: 0,
  UnspecifiedCount: unspecified,
});

function resourceSummary(record: InstancePatchRecord) {
  const nonCompliant = record.missing + record.failed;
  return {
    ComplianceType: 'Patch',
    ResourceType: 'ManagedInstance',
    ResourceId: record.instanceId,
    Status: isNonCompliant(record) ? 'NON_COMPLIANT' : 'COMPLIANT',
    OverallSeverity: record.critical > 0 ? 'CRITICAL' : 'UNSPECIFIED',
    ExecutionSummary: {
      ExecutionTime: record.scanEnd,
      ExecutionId: record.scanCommandId,
      ExecutionType: 'Command',
    },
    CompliantSummary: { CompliantCount: record.installed, SeveritySummary: severities(0, record.installed) },
    NonCompliantSummary: {
      NonCompliantCount: nonCompliant,
      SeveritySummary: severities(record.critical, nonCompliant - record.critical),
    },
  };
}

function instancePatchState(record: InstancePatchRecord) {
  return {
    InstanceId: record.instanceId,
    PatchGroup: record.patchGroup,
    BaselineId: record.baselineId,
    InstalledCount: record.installed,
    InstalledOtherCount: 0,
    InstalledPendingRebootCount: 0,
    InstalledRejectedCount: 0,
    MissingCount: record.missing,
    FailedCount: record.failed,
    UnreportedNotApplicableCount: 0,
    NotApplicableCount: 0,
    OperationStartTime: record.scanStart,
    OperationEndTime: record.scanEnd,
    Operation: 'Scan',
    RebootOption: 'RebootIfNeeded',
    CriticalNonCompliantCount: record.critical,
    SecurityNonCompliantCount: record.security,
    OtherNonCompliantCount: Math.max(0, record.missing - record.security),
  };
}

const placeOf = (ctx: CallContext) => ctx.world.patchStates.instances(ctx.principal.accountId, ctx.region);

export const ssmComplianceOperations: Record<string, OperationHandler> = {
  ListResourceComplianceSummaries: (input, ctx) => {
    const filters = complianceFilters(input);
    const page = paginate(
      placeOf(ctx).filter((record) => matches(record, filters)),
      {
        query: ['ListResourceComplianceSummaries', ctx.principal.accountId, ctx.region, filters],
        nextToken: input.NextToken,
        maxResults: input.MaxResults,
        defaultMax: 50,
        limit: { min: 1, max: 50 },
        invalidToken: invalidNextToken,
        invalidMax: () =>
          validationError(
            `1 validation error detected: Value '${String(input.MaxResults)}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 50`,
          ),
      },
    );
    return { ResourceComplianceSummaryItems: page.items.map(resourceSummary), NextToken: page.nextToken };
  },

  DescribeInstancePatchStates: (input, ctx) => {
    const ids = input.InstanceIds;
    if (!Array.isArray(ids)) {
      throw validationError(
        "1 validation error detected: Value null at 'instanceIds' failed to satisfy constraint: Member must not be null",
      );
    }
    if (ids.length > 50) {
      throw validationError(
        `1 validation error detected: Value at 'instanceIds' failed to satisfy constraint: Member must have length less than or equal to 50`,
      );
    }
    const wanted = new Set(ids as string[]);
    // Ids the account does not have in this region are left out, not refused.
    const page = paginate(
      placeOf(ctx).filter((record) => wanted.has(record.instanceId)),
      {
        query: ['DescribeInstancePatchStates', ctx.principal.accountId, ctx.region, [...wanted].sort()],
        nextToken: input.NextToken,
        maxResults: input.MaxResults,
        defaultMax: 50,
        limit: { min: 10, max: 100 },
        invalidToken: invalidNextToken,
        invalidMax: () =>
          validationError(
            `1 validation error detected: Value '${String(input.MaxResults)}' at 'maxResults' failed to satisfy constraint: Member must have value between 10 and 100`,
          ),
      },
    );
    return { InstancePatchStates: page.items.map(instancePatchState), NextToken: page.nextToken };
  },
};
