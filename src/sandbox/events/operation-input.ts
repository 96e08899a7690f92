// Reads EventBridge request fields with AWS's own validation messages, and pages lists with NextToken.
import { AwsServiceError, validationError } from '../aws-error.js';

export const notFound = (message: string) => new AwsServiceError('ResourceNotFoundException', message);
export const alreadyExists = (message: string) =>
  new AwsServiceError('ResourceAlreadyExistsException', message);
export const limitExceeded = (message: string) => new AwsServiceError('LimitExceededException', message);

/** The request members of one operation, read with the constraint messages AWS answers with. */
export class OperationInput {
  constructor(private readonly input: Record<string, unknown>) {}

  raw(name: string): unknown {
    return this.input[name];
  }

  string(name: string, constraint?: { pattern?: RegExp; max?: number }): string {
    const value = this.optionalString(name, constraint);
    if (value === undefined) throw constraintError(name, 'null', 'Member must not be null');
    return value;
  }

  optionalString(name: string, constraint: { pattern?: RegExp; max?: number } = {}): string | undefined {
    const value = this.input[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw constraintError(name, String(value), 'Member must be a string');
    if (constraint.max !== undefined && value.length > constraint.max) {
      throw constraintError(name, value, `Member must have length less than or equal to ${constraint.max}`);
    }
    if (value.length === 0)
      throw constraintError(name, value, 'Member must have length greater than or equal to 1');
    if (constraint.pattern && !constraint.pattern.test(value)) {
      throw constraintError(
        name,
        value,
        `Member must satisfy regular expression pattern: ${constraint.pattern.source}`,
      );
    }
    return value;
  }

  optionalEnum<T extends string>(name: string, values: readonly T[]): T | undefined {
    const value = this.optionalString(name);
    if (value === undefined) return undefined;
    if (!values.includes(value as T)) {
      throw constraintError(name, value, `Member must satisfy enum value set: [${values.join(', ')}]`);
    }
    return value as T;
  }

  optionalNumber(name: string, range: { min: number; max: number }): number | undefined {
    const value = this.input[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      throw constraintError(name, String(value), 'Member must be an integer');
    }
    if (value < range.min)
      throw constraintError(
        name,
        String(value),
        `Member must have value greater than or equal to ${range.min}`,
      );
    if (value > range.max)
      throw constraintError(name, String(value), `Member must have value less than or equal to ${range.max}`);
    return value;
  }

  optionalBoolean(name: string): boolean | undefined {
    const value = this.input[name];
    return typeof value === 'boolean' ? value : undefined;
  }

  list(name: string, limits: { min: number; max: number }): unknown[] {
    const value = this.input[name];
    if (value === undefined || value === null) throw constraintError(name, 'null', 'Member must not be null');
    if (!Array.isArray(value)) throw constraintError(name, String(value), 'Member must be a list');
    if (value.length < limits.min)
      throw constraintError(name, '[]', `Member must have length greater than or equal to ${limits.min}`);
    if (value.length > limits.max) {
      throw constraintError(
        name,
        `[${value.length} items]`,
        `Member must have length less than or equal to ${limits.max}`,
      );
    }
    return value;
  }
}

function constraintError(name: string, value: string, constraint: string): AwsServiceError {
  const member = name.charAt(0).toLowerCase() + name.slice(1);
  return validationError(
    `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: ${constraint}`,
  );
}

/** One page of `items` after `nextToken`; the token is the offset, opaque to callers. */
export function page<T>(
  items: T[],
  nextToken: string | undefined,
  limit: number,
): { items: T[]; nextToken?: string } {
  let offset = 0;
  if (nextToken !== undefined) {
    offset = Number(Buffer.from(nextToken, 'base64url').toString('utf8'));
    if (!Number.isInteger(offset) || offset < 0)
      throw validationError('The NextToken provided is not valid.');
  }
  const slice = items.slice(offset, offset + limit);
  const next =
    offset + limit < items.length ? Buffer.from(String(offset + limit)).toString('base64url') : undefined;
  return { items: slice, nextToken: next };
}
