// An AWS service's API model as the AWS SDK for JavaScript v3 ships it: operation schemas, error traits
// (dist-*/schemas), each operation's errors (the `@throws` of its command) and enums (models/enums.d.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as eventbridge from '@aws-sdk/client-eventbridge';
import * as organizations from '@aws-sdk/client-organizations';
import * as ssm from '@aws-sdk/client-ssm';
import * as sts from '@aws-sdk/client-sts';
import ts from 'typescript';

/** A schema reference as the SDK writes it: a number (simple type), an array, or a thunk of either. */
export type SchemaRef = unknown;

export interface ModeledError {
  /** The code on the wire (awsQuery may rename it through `awsQueryError`). */
  code: string;
  status: number;
  /** The error's structure: the members its body may carry besides the message (Organizations: Reason). */
  shape: SchemaRef;
}

export interface OperationModel {
  name: string;
  output: SchemaRef;
  /** Wire codes of the errors the model lists for this operation. */
  errors: ReadonlySet<string>;
}

export interface ServiceModel {
  /** The SigV4 signing name the sandbox routes by. */
  signingName: string;
  protocol: 'json' | 'query';
  operation(name: string): OperationModel | undefined;
  /** Every error the service models, by wire code. */
  error(code: string): ModeledError | undefined;
  /** The enum values of `structure.member` (or of its list items or map values), if the model gives them. */
  enumValues(structure: string, member: string): readonly string[] | undefined;
}

/** The SDK package of each service the sandbox speaks, by signing name. */
const PACKAGES: Record<
  string,
  { name: string; module: Record<string, unknown>; protocol: 'json' | 'query' }
> = {
  ssm: { name: '@aws-sdk/client-ssm', module: ssm, protocol: 'json' },
  organizations: { name: '@aws-sdk/client-organizations', module: organizations, protocol: 'json' },
  sts: { name: '@aws-sdk/client-sts', module: sts, protocol: 'query' },
  events: { name: '@aws-sdk/client-eventbridge', module: eventbridge, protocol: 'json' },
};

const require = createRequire(import.meta.url);
const cache = new Map<string, ServiceModel>();

/** The model of the service signed as `signingName`, or undefined when no SDK package is mapped to it. */
export function serviceModel(signingName: string): ServiceModel | undefined {
  const known = cache.get(signingName);
  if (known) return known;
  const pkg = PACKAGES[signingName];
  if (!pkg) return undefined;
  const root = join(dirname(require.resolve(pkg.name)), '..');
  const errors = modeledErrors(pkg.module, pkg.protocol);
  const enums = modeledEnums(join(root, 'dist-types', 'models'));
  const model: ServiceModel = {
    signingName,
    protocol: pkg.protocol,
    operation(name) {
      const schema = pkg.module[`${name}$`];
      if (!Array.isArray(schema) || schema[0] !== 9) return undefined;
      return { name, output: schema[5], errors: thrownBy(root, name, errors) };
    },
    error: (code) => errors.byCode.get(code),
    enumValues: (structure, member) => enums.get(`${structure}.${member}`),
  };
  cache.set(signingName, model);
  return model;
}

interface ErrorIndex {
  byCode: Map<string, ModeledError>;
  /** Schema (shape) name → wire code. */
  codeOf: Map<string, string>;
}

/**
 * awsQuery answers with the `awsQueryError` code and status; awsJson with the shape's name and its `httpError`
 * (400 or 500 without one). SSM is awsJson but "query compatible": its `awsQueryError` traits are not its JSON codes.
 */
function modeledErrors(module: Record<string, unknown>, protocol: 'json' | 'query'): ErrorIndex {
  const index: ErrorIndex = { byCode: new Map(), codeOf: new Map() };
  for (const value of Object.values(module)) {
    if (!Array.isArray(value) || value[0] !== -3) continue;
    const name = value[2] as string;
    const traits = (typeof value[3] === 'object' ? value[3] : {}) as Record<string, unknown>;
    const queryError =
      protocol === 'query' ? (traits.awsQueryError as [string, number] | undefined) : undefined;
    const code = queryError?.[0] ?? name;
    const status =
      (traits.httpError as number | undefined) ?? queryError?.[1] ?? (traits.error === 'server' ? 500 : 400);
    index.byCode.set(code, { code, status, shape: value });
    index.codeOf.set(name, code);
  }
  return index;
}

/** The errors the command's documentation lists: `@throws {@link X}`, generated from the operation's model. */
function thrownBy(root: string, operation: string, errors: ErrorIndex): Set<string> {
  const text = readFileSync(join(root, 'dist-types', 'commands', `${operation}Command.d.ts`), 'utf8');
  const codes = new Set<string>();
  for (const match of text.matchAll(/@throws \{@link (\w+)\}/g)) {
    const code = errors.codeOf.get(match[1]!);
    if (code) codes.add(code);
  }
  return codes;
}

/** `Structure.member` → enum values, read from the SDK's declarations of its models and enums. */
function modeledEnums(modelsDir: string): Map<string, readonly string[]> {
  const files = readdirSync(modelsDir).filter((file) => file.endsWith('.d.ts'));
  const parsed = files.map((file) =>
    ts.createSourceFile(file, readFileSync(join(modelsDir, file), 'utf8'), ts.ScriptTarget.Latest),
  );
  const enums = new Map<string, string[]>();
  for (const source of parsed) {
    for (const statement of source.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      for (const declaration of statement.declarationList.declarations) {
        if (!ts.isIdentifier(declaration.name) || !declaration.type) continue;
        if (!ts.isTypeLiteralNode(declaration.type)) continue;
        const values = declaration.type.members.flatMap((member) =>
          ts.isPropertySignature(member) &&
          member.type &&
          ts.isLiteralTypeNode(member.type) &&
          ts.isStringLiteral(member.type.literal)
            ? [member.type.literal.text]
            : [],
        );
        if (values.length > 0) enums.set(declaration.name.text, values);
      }
    }
  }
  const members = new Map<string, readonly string[]>();
  for (const source of parsed) {
    for (const statement of source.statements) {
      // Structures are interfaces; errors are classes (models/errors.d.ts), whose members say their enums too.
      if (!ts.isInterfaceDeclaration(statement) && !ts.isClassDeclaration(statement)) continue;
      if (!statement.name) continue;
      for (const member of statement.members) {
        if (!ts.isPropertySignature(member) && !ts.isPropertyDeclaration(member)) continue;
        if (!member.type || !ts.isIdentifier(member.name)) continue;
        const enumName = enumReferenced(member.type);
        const values = enumName ? enums.get(enumName) : undefined;
        if (values) members.set(`${statement.name.text}.${member.name.text}`, values);
      }
    }
  }
  return members;
}

/** The enum a member's type names: `E`, `E | undefined`, `E[]`, `Record<string, E>`. */
function enumReferenced(type: ts.TypeNode): string | undefined {
  if (ts.isUnionTypeNode(type)) {
    const defined = type.types.filter((inner) => inner.kind !== ts.SyntaxKind.UndefinedKeyword);
    return defined.length === 1 ? enumReferenced(defined[0]!) : undefined;
  }
  if (ts.isArrayTypeNode(type)) return enumReferenced(type.elementType);
  if (ts.isParenthesizedTypeNode(type)) return enumReferenced(type.type);
  if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName)) {
    if (type.typeName.text === 'Record' && type.typeArguments?.length === 2)
      return enumReferenced(type.typeArguments[1]!);
    return type.typeName.text;
  }
  return undefined;
}
