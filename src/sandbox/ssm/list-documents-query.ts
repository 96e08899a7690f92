// ListDocuments' filtering and paging: Filters and the legacy DocumentFilterList, MaxResults and NextToken.
import { createHash } from 'node:crypto';
import { AwsServiceError, validationError } from '../aws-error.js';
import { platformTypesOf } from './document-shapes.js';
import type { Runbook } from './runbook.js';

interface KeyValuesFilter {
  Key?: string;
  Values?: string[];
}

interface LegacyFilter {
  key?: string;
  value?: string;
}

export interface ListDocumentsInput {
  Filters?: KeyValuesFilter[];
  DocumentFilterList?: LegacyFilter[];
  MaxResults?: number;
  NextToken?: string;
}

const MAX_RESULTS = 50;
const OWNER_VALUES = ['Self', 'Amazon', 'Private', 'Public', 'ThirdParty'];

type Predicate = (document: Runbook) => boolean;

const invalidFilterKey = (message: string) => new AwsServiceError('InvalidFilterKey', message);
const invalidFilterValue = (message: string) => new AwsServiceError('InvalidFilterValue', message);
const invalidNextToken = () => new AwsServiceError('InvalidNextToken', 'The specified token is not valid.');

/** One page of the documents the caller sees that match every filter, sorted by name. */
export function listDocumentsPage(
  visible: Runbook[],
  input: ListDocumentsInput,
): { documents: Runbook[]; nextToken?: string } {
  const limit = input.MaxResults ?? MAX_RESULTS;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_RESULTS) {
    throw validationError(
      `1 validation error detected: Value '${limit}' at 'maxResults' failed to satisfy constraint: Member must have value ${limit < 1 ? 'greater than or equal to 1' : `less than or equal to ${MAX_RESULTS}`}`,
    );
  }
  const predicates = [
    ...(input.Filters ?? []).map((filter) => filterPredicate(filter.Key, filter.Values ?? [])),
    ...(input.DocumentFilterList ?? []).map((filter) =>
      filterPredicate(filter.key, filter.value === undefined ? [] : [filter.value]),
    ),
  ];
  const matching = visible.filter((document) => predicates.every((matches) => matches(document)));
  // The token names the query it belongs to, so a token replayed with other filters is refused.
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([input.Filters ?? [], input.DocumentFilterList ?? []]))
    .digest('hex')
    .slice(0, 16);
  const offset = input.NextToken === undefined ? 0 : offsetFromToken(input.NextToken, fingerprint);
  const end = offset + limit;
  return {
    documents: matching.slice(offset, end),
    nextToken:
      end < matching.length
        ? Buffer.from(JSON.stringify({ o: end, q: fingerprint })).toString('base64url')
        : undefined,
  };
}

function offsetFromToken(token: string, fingerprint: string): number {
  try {
    const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      o?: unknown;
      q?: unknown;
    };
    if (Number.isInteger(decoded.o) && (decoded.o as number) > 0 && decoded.q === fingerprint)
      return decoded.o as number;
  } catch {
    // not even JSON: fall through to the AWS error
  }
  throw invalidNextToken();
}

function filterPredicate(key: string | undefined, values: string[]): Predicate {
  if (values.length === 0) throw invalidFilterValue(`Filter ${key} must have at least one value.`);
  switch (key) {
    case 'Name':
      return (document) => values.some((prefix) => document.name.startsWith(prefix));
    case 'Owner':
      return ownerPredicate(values);
    case 'DocumentType':
      return (document) => values.includes(document.documentType);
    case 'PlatformTypes':
      return (document) => platformTypesOf(document).some((platform) => values.includes(platform));
    case 'TargetType':
      // The fixture's documents declare no target type, so no value matches.
      return () => false;
    default:
      if (key?.startsWith('tag:')) return () => false; // fixture documents carry no tags
      throw invalidFilterKey(`The filter key ${key} is not valid.`);
  }
}

/**
 * Self and Private: the caller's own documents (nothing is shared privately in the sandbox).
 * Amazon: AWS-managed documents. Public and ThirdParty: documents other accounts publish, of which
 * the sandbox has none.
 */
function ownerPredicate(values: string[]): Predicate {
  const [owner] = values;
  if (values.length > 1) throw invalidFilterValue('Only one Owner filter value can be specified.');
  if (!OWNER_VALUES.includes(owner!)) {
    throw invalidFilterValue(
      `The filter value ${owner} is not valid for key Owner. Valid values: ${OWNER_VALUES.join(', ')}.`,
    );
  }
  if (owner === 'Self' || owner === 'Private') return (document) => document.owner === 'Self';
  if (owner === 'Amazon') return (document) => document.owner === 'Amazon';
  return () => false;
}
