// The scope of a compliance answer carried in its buttons' value, so Download and Patch read the same places.
import { z } from 'zod';
import type { ComplianceScope } from '../use-cases/show-compliance.js';

const scopeSchema = z.object({
  a: z.array(z.string().max(64)).max(200),
  o: z.array(z.string().max(64)).max(200),
  r: z.array(z.string().max(32)).max(50),
});

/** Short keys: a button value holds at most 2,000 characters. */
export const complianceButtonValue = (scope: ComplianceScope): string =>
  JSON.stringify({ a: scope.accounts, o: scope.organizationalUnits, r: scope.regions });

/** The scope in a clicked button, or undefined when the value is not one of ours. */
export function parseComplianceButtonValue(value: string | undefined): ComplianceScope | undefined {
  if (value === undefined) return undefined;
  try {
    const parsed = scopeSchema.safeParse(JSON.parse(value));
    return parsed.success
      ? { accounts: parsed.data.a, organizationalUnits: parsed.data.o, regions: parsed.data.r }
      : undefined;
  } catch {
    return undefined;
  }
}
