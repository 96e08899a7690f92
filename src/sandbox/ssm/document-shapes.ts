// The wire shapes SSM answers with for a document: DocumentDescription and DocumentIdentifier.
import type { Runbook, RunbookParameter } from './runbook.js';

/** Automation documents run on every platform; calendars on none. */
export function platformTypesOf(document: Runbook): string[] {
  return document.documentType === 'Automation' ? ['Windows', 'Linux', 'MacOS'] : [];
}

/** Amazon documents say `Amazon`; an account's own documents say its account id. */
export function documentOwnerFor(document: Runbook, accountId: string): string {
  return document.owner === 'Amazon' ? 'Amazon' : accountId;
}

/** ListDocuments' DocumentIdentifier. */
export function documentIdentifier(document: Runbook, accountId: string) {
  return {
    Name: document.name,
    CreatedDate: document.createdDate,
    Owner: documentOwnerFor(document, accountId),
    PlatformTypes: platformTypesOf(document),
    DocumentVersion: document.documentVersion,
    DocumentType: document.documentType,
    SchemaVersion: document.schemaVersion,
    DocumentFormat: document.format,
    Tags: [],
  };
}

/**
 * DescribeDocument's DocumentDescription. Its Parameters carry Name, Type, Description and
 * DefaultValue only, as at AWS: allowed values and patterns are read from the content.
 */
export function documentDescription(document: Runbook, accountId: string) {
  return {
    Hash: document.hash,
    HashType: 'Sha256',
    Name: document.name,
    Owner: documentOwnerFor(document, accountId),
    CreatedDate: document.createdDate,
    Status: 'Active',
    DocumentVersion: document.documentVersion,
    Description: document.description || undefined,
    Parameters: document.parameters.map(documentParameter),
    PlatformTypes: platformTypesOf(document),
    DocumentType: document.documentType,
    SchemaVersion: document.schemaVersion,
    LatestVersion: document.documentVersion,
    DefaultVersion: document.documentVersion,
    DocumentFormat: document.format,
    Tags: [],
  };
}

/**
 * DescribeDocument's DocumentParameterType has two values, String and StringList: list-shaped parameters
 * (StringList, MapList) are StringList, every other type String. The precise type is in the content.
 */
function describedType(type: RunbookParameter['type']): 'String' | 'StringList' {
  return type === 'StringList' || type === 'MapList' ? 'StringList' : 'String';
}

function documentParameter(parameter: RunbookParameter) {
  return {
    Name: parameter.name,
    Type: describedType(parameter.type),
    Description: parameter.description,
    DefaultValue: defaultValueText(parameter.default),
  };
}

/** Scalars as written; lists and maps as JSON text. */
function defaultValueText(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}
