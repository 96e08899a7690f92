// SSM document and change-calendar operations: ListDocuments, DescribeDocument, GetDocument, GetCalendarState.
import { AwsServiceError, validationError } from '../aws-error.js';
import type { CallContext, OperationHandler } from '../service.js';
import { convertDocumentFormat } from '../ssm/convert-document-format.js';
import { documentDescription, documentIdentifier } from '../ssm/document-shapes.js';
import { type ListDocumentsInput, listDocumentsPage } from '../ssm/list-documents-query.js';
import type { Runbook } from '../ssm/runbook.js';

const invalidDocument = () =>
  new AwsServiceError('InvalidDocument', 'The specified document does not exist.');

/** The document the caller's account sees under `Name` and `DocumentVersion`, or the AWS error. */
function visibleDocument(input: Record<string, unknown>, ctx: CallContext): Runbook {
  const name = requiredString(input, 'Name', 'name');
  const version = input.DocumentVersion as string | undefined;
  const lookup = ctx.world.documents.lookup(ctx.principal.accountId, name, version);
  if (lookup.found) return lookup.document;
  if (lookup.reason === 'no-such-version') {
    throw new AwsServiceError(
      'InvalidDocumentVersion',
      'The document version is not valid or does not exist.',
    );
  }
  throw invalidDocument();
}

function requiredString(input: Record<string, unknown>, member: string, wireName: string): string {
  const value = input[member];
  if (typeof value !== 'string' || value === '') {
    throw validationError(
      `1 validation error detected: Value null at '${wireName}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}

/** ISO 8601 as GetCalendarState prints it: whole seconds, UTC. */
function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function atTimeOf(input: Record<string, unknown>, ctx: CallContext): Date {
  const atTime = input.AtTime;
  if (atTime === undefined) return ctx.world.clock.now();
  const parsed =
    typeof atTime === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(atTime) ? new Date(atTime) : undefined;
  if (!parsed || Number.isNaN(parsed.getTime())) {
    throw validationError(`AtTime ${String(atTime)} is not a valid ISO 8601 date and time.`);
  }
  return parsed;
}

export const ssmDocumentOperations: Record<string, OperationHandler> = {
  ListDocuments: (input, ctx) => {
    const accountId = ctx.principal.accountId;
    const page = listDocumentsPage(ctx.world.documents.list(accountId), input as ListDocumentsInput);
    return {
      DocumentIdentifiers: page.documents.map((document) => documentIdentifier(document, accountId)),
      NextToken: page.nextToken,
    };
  },

  DescribeDocument: (input, ctx) => ({
    Document: documentDescription(visibleDocument(input, ctx), ctx.principal.accountId),
  }),

  GetDocument: (input, ctx) => {
    const document = visibleDocument(input, ctx);
    const { content, format } = convertDocumentFormat(document, input.DocumentFormat);
    return {
      Name: document.name,
      CreatedDate: document.createdDate,
      DocumentVersion: document.documentVersion,
      Status: 'Active',
      Content: content,
      DocumentType: document.documentType,
      DocumentFormat: format,
    };
  },

  GetCalendarState: (input, ctx) => {
    const names = input.CalendarNames;
    if (!Array.isArray(names) || names.length === 0) {
      throw validationError(
        "1 validation error detected: Value null at 'calendarNames' failed to satisfy constraint: Member must not be null",
      );
    }
    const accountId = ctx.principal.accountId;
    for (const name of names as string[]) {
      const document = ctx.world.documents.get(accountId, name);
      if (!document) throw invalidDocument();
      if (document.documentType !== 'ChangeCalendar') {
        throw new AwsServiceError(
          'InvalidDocumentType',
          `The document ${document.name} is not a ChangeCalendar document.`,
        );
      }
    }
    const result = ctx.world.calendars.combinedState(accountId, names as string[], atTimeOf(input, ctx));
    if (!result.ok) throw invalidDocument();
    return {
      State: result.state.state,
      AtTime: isoSeconds(result.state.atTime),
      NextTransitionTime: result.state.nextTransitionTime && isoSeconds(result.state.nextTransitionTime),
    };
  },
};
