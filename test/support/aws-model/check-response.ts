// Checks a raw AWS response body (awsJson1_1 JSON or awsQuery XML) against an operation's model: every member
// inside its shape, every value of its type, every enum value allowed; errors by code and HTTP status.
import { parseXml, type XmlElement } from './parse-xml.js';
import type { ModeledError, SchemaRef, ServiceModel } from './service-model.js';

type Shape =
  | { kind: 'string' | 'number' | 'boolean' | 'timestamp' | 'blob' | 'document' }
  | { kind: 'list'; member: SchemaRef }
  | { kind: 'map'; value: SchemaRef }
  | { kind: 'structure' | 'union'; name: string; members: Map<string, SchemaRef> };

/** Decodes the SDK's static schema encoding (@smithy/core/schema): numbers, tagged arrays and thunks. */
function shapeOf(ref: SchemaRef): Shape {
  let schema = typeof ref === 'function' ? (ref as () => unknown)() : ref;
  while (Array.isArray(schema) && schema.length === 2) {
    schema = typeof schema[0] === 'function' ? schema[0]() : schema[0];
  }
  if (schema === 'unit') return { kind: 'structure', name: 'Unit', members: new Map() };
  if (typeof schema === 'number') {
    if (schema >= 128) return { kind: 'map', value: schema & 0b0011_1111 };
    if (schema >= 64) return { kind: 'list', member: schema & 0b0011_1111 };
    if (schema === 0) return { kind: 'string' };
    if (schema === 1 || schema === 17 || schema === 19) return { kind: 'number' };
    if (schema === 2) return { kind: 'boolean' };
    if (schema >= 4 && schema <= 7) return { kind: 'timestamp' };
    if (schema === 21 || schema === 42) return { kind: 'blob' };
    return { kind: 'document' };
  }
  if (!Array.isArray(schema)) throw new Error(`unknown schema ${String(schema)}`);
  switch (schema[0]) {
    case 0:
      return shapeOf(schema[4]);
    case 1:
      return { kind: 'list', member: schema[4] };
    case 2:
      return { kind: 'map', value: schema[5] };
    case 3:
    case -3:
    case 4: {
      const names = schema[4] as string[];
      const members = new Map(names.map((name, index) => [name, (schema[5] as unknown[])[index]]));
      return { kind: schema[0] === 4 ? 'union' : 'structure', name: schema[2] as string, members };
    }
    default:
      throw new Error(`unknown schema kind ${String(schema[0])}`);
  }
}

export interface RawResponse {
  service: string;
  operation: string;
  status: number;
  body: string;
}

/** Every way `response` departs from the model, as `Service.Operation path: problem` lines. */
export function checkResponse(model: ServiceModel, response: RawResponse): string[] {
  const operation = model.operation(response.operation);
  const where = `${response.service}.${response.operation}`;
  if (!operation) return [`${where}: not an operation of the model`];
  if (response.status >= 300)
    return checkError(model, operation.errors, response).map((p) => `${where} ${p}`);
  if (response.status !== 200) return [`${where}: HTTP ${response.status} for a result`];
  const problems: string[] = [];
  const report = (path: string, problem: string) => problems.push(`${where} ${path}: ${problem}`);
  if (model.protocol === 'json') {
    checkJson(model, JSON.parse(response.body || '{}'), operation.output, 'output', undefined, report);
  } else {
    const root = parseXml(response.body);
    const result = root.children.find((child) => child.name === `${response.operation}Result`);
    if (root.name !== `${response.operation}Response` || !result) report('output', 'not an awsQuery result');
    else checkXml(model, result, operation.output, 'output', undefined, report);
  }
  return problems;
}

type Report = (path: string, problem: string) => void;

function checkJson(
  model: ServiceModel,
  value: unknown,
  ref: SchemaRef,
  path: string,
  allowed: readonly string[] | undefined,
  report: Report,
): void {
  const shape = shapeOf(ref);
  if (value === null) {
    report(path, 'null');
    return;
  }
  switch (shape.kind) {
    case 'structure':
    case 'union': {
      if (typeof value !== 'object' || Array.isArray(value)) {
        report(path, `not a ${shape.name} object`);
        return;
      }
      const entries = Object.entries(value);
      if (shape.kind === 'union' && entries.length !== 1)
        report(path, `union ${shape.name} sets ${entries.length} members`);
      for (const [key, inner] of entries) {
        const member = shape.members.get(key);
        if (member === undefined) report(`${path}.${key}`, `not a member of ${shape.name}`);
        else checkJson(model, inner, member, `${path}.${key}`, model.enumValues(shape.name, key), report);
      }
      return;
    }
    case 'list':
      if (!Array.isArray(value)) {
        report(path, 'not a list');
        return;
      }
      for (const [index, item] of value.entries())
        checkJson(model, item, shape.member, `${path}[${index}]`, allowed, report);
      return;
    case 'map':
      if (typeof value !== 'object' || Array.isArray(value)) {
        report(path, 'not a map');
        return;
      }
      for (const [key, inner] of Object.entries(value))
        checkJson(model, inner, shape.value, `${path}{${key}}`, allowed, report);
      return;
    case 'string':
      if (typeof value !== 'string') {
        report(path, `${typeof value} where the model has a string`);
        return;
      }
      if (allowed && !allowed.includes(value)) report(path, `"${value}" is not one of ${allowed.join('|')}`);
      return;
    case 'number':
      if (typeof value !== 'number') report(path, `${typeof value} where the model has a number`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') report(path, `${typeof value} where the model has a boolean`);
      return;
    case 'timestamp':
      // awsJson1_1 sends timestamps as epoch seconds.
      if (typeof value !== 'number')
        report(path, `${typeof value} where the model has a timestamp (epoch seconds)`);
      return;
    case 'blob':
      if (typeof value !== 'string') report(path, `${typeof value} where the model has a blob (base64)`);
      return;
    case 'document':
      return;
  }
}

function checkXml(
  model: ServiceModel,
  element: XmlElement,
  ref: SchemaRef,
  path: string,
  allowed: readonly string[] | undefined,
  report: Report,
): void {
  const shape = shapeOf(ref);
  const text = element.text;
  switch (shape.kind) {
    case 'structure':
    case 'union':
      for (const child of element.children) {
        const member = shape.members.get(child.name);
        if (member === undefined) report(`${path}.${child.name}`, `not a member of ${shape.name}`);
        else
          checkXml(
            model,
            child,
            member,
            `${path}.${child.name}`,
            model.enumValues(shape.name, child.name),
            report,
          );
      }
      return;
    case 'list':
      element.children.forEach((item, index) => {
        if (item.name !== 'member') report(`${path}[${index}]`, `<${item.name}> where a list has <member>`);
        else checkXml(model, item, shape.member, `${path}[${index}]`, allowed, report);
      });
      return;
    case 'map':
      for (const entry of element.children) {
        const value = entry.children.find((child) => child.name === 'value');
        if (entry.name !== 'entry' || !value) report(path, 'a map entry without <entry><value>');
        else checkXml(model, value, shape.value, `${path}{}`, allowed, report);
      }
      return;
    case 'string':
      if (allowed && !allowed.includes(text)) report(path, `"${text}" is not one of ${allowed.join('|')}`);
      return;
    case 'number':
      if (!/^-?\d+(\.\d+)?$/.test(text)) report(path, `"${text}" where the model has a number`);
      return;
    case 'boolean':
      if (text !== 'true' && text !== 'false') report(path, `"${text}" where the model has a boolean`);
      return;
    case 'timestamp':
      if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(text))
        report(path, `"${text}" is not an ISO 8601 timestamp`);
      return;
    default:
      return;
  }
}

/**
 * Errors outside the service's model that every AWS service may answer with, and their status
 * (AWS's "Common Errors", and the protocol-level answers of the JSON and query front ends).
 */
const COMMON_ERRORS: Record<'json' | 'query', Record<string, number>> = {
  json: {
    AccessDeniedException: 400,
    IncompleteSignature: 400,
    InternalFailure: 500,
    InvalidSignatureException: 400,
    MissingAuthenticationTokenException: 400,
    ExpiredTokenException: 400,
    NotAuthorized: 400,
    RequestExpired: 400,
    SerializationException: 400,
    ServiceUnavailable: 503,
    ThrottlingException: 400,
    UnknownOperationException: 400,
    UnrecognizedClientException: 400,
    ValidationException: 400,
  },
  query: {
    AccessDenied: 403,
    ExpiredToken: 400,
    IncompleteSignature: 400,
    InternalFailure: 500,
    InvalidAction: 400,
    InvalidClientTokenId: 403,
    MissingAuthenticationToken: 403,
    ServiceUnavailable: 503,
    SignatureDoesNotMatch: 403,
    Throttling: 400,
    ValidationError: 400,
  },
};

/** Codes that play one role; where an operation models one of them, the common one is not what AWS sends. */
const ROLES = [
  ['ThrottlingException', 'Throttling', 'TooManyRequestsException'],
  ['AccessDeniedException', 'AccessDenied'],
];

function checkError(model: ServiceModel, thrown: ReadonlySet<string>, response: RawResponse): string[] {
  const code = errorCode(model, response.body);
  if (!code) return ['error: no error code in the body'];
  const modeled = model.error(code);
  if (modeled && thrown.has(code)) {
    const problems = errorMembers(model, modeled, response.body);
    if (modeled.status !== response.status)
      problems.push(`error ${code}: HTTP ${response.status}, the model says ${modeled.status}`);
    return problems;
  }
  const common = COMMON_ERRORS[model.protocol][code];
  if (common === undefined) {
    return [
      modeled
        ? `error ${code}: not an error the model lists for this operation`
        : `error ${code}: neither modeled for the service nor a common AWS error`,
    ];
  }
  const rival = ROLES.find((role) => role.includes(code))?.find(
    (other) => other !== code && thrown.has(other),
  );
  if (rival) return [`error ${code}: the model's error for this is ${rival}`];
  return common === response.status ? [] : [`error ${code}: HTTP ${response.status}, AWS answers ${common}`];
}

/**
 * The members an awsJson error body carries besides its type and message must be members of the error's
 * structure, with allowed enum values (Organizations' InvalidInputException.Reason). awsQuery is not checked.
 */
function errorMembers(model: ServiceModel, error: ModeledError, body: string): string[] {
  if (model.protocol !== 'json') return [];
  const problems: string[] = [];
  const {
    __type: _type,
    message: _message,
    Message: _Message,
    ...members
  } = JSON.parse(body) as Record<string, unknown>;
  checkJson(model, members, error.shape, `error ${error.code}`, undefined, (path, problem) =>
    problems.push(`${path}: ${problem}`),
  );
  return problems;
}

function errorCode(model: ServiceModel, body: string): string | undefined {
  if (model.protocol === 'json') {
    const type = (JSON.parse(body) as { __type?: string }).__type;
    return type?.slice(type.indexOf('#') + 1);
  }
  const error = parseXml(body).children.find((child) => child.name === 'Error');
  return error?.children.find((child) => child.name === 'Code')?.text;
}
