// The shape of an Automation document (schemaVersion 0.3) as far as the bot depends on it: its parameters.
import { z } from 'zod';
import { PARAMETER_TYPES, type ParameterType } from './runbook.js';

/**
 * SSM's own types, and the AWS resource types the console offers pickers for (`AWS::EC2::Instance::Id`,
 * `List<AWS::EC2::Instance::Id>`), which travel as String and StringList.
 */
function parameterType(type: unknown): ParameterType | undefined {
  if (typeof type !== 'string') return undefined;
  if ((PARAMETER_TYPES as readonly string[]).includes(type)) return type as ParameterType;
  if (/^AWS::[\w:]+$/.test(type)) return 'String';
  if (/^List<AWS::[\w:]+>$/.test(type)) return 'StringList';
  return undefined;
}

const typeSchema = z
  .unknown()
  .optional()
  .transform((type, ctx): ParameterType => {
    const known = parameterType(type);
    if (known) return known;
    ctx.addIssue({
      code: 'custom',
      message: `is ${JSON.stringify(type)}; expected one of ${PARAMETER_TYPES.join(', ')}`,
    });
    return z.NEVER;
  });

const countSchema = z
  .int({ error: 'must be a whole number of at least 0' })
  .min(0, 'must be a whole number of at least 0')
  .optional();

const allowedValueSchema = z.union([z.string(), z.number(), z.boolean()], {
  error: 'must be a string, a number, true or false',
});

/** What AWS validated already and the bot only shows is taken if usable and otherwise ignored (`catch`). */
const parameterSchema = z.object(
  {
    type: typeSchema,
    description: z.string().optional().catch(undefined),
    /** Any value, as written; absent or null means the parameter is required. */
    default: z.unknown().optional(),
    // SSM compares allowed values as strings; YAML may write `50` for '50'.
    allowedValues: z
      .array(allowedValueSchema, { error: 'must be a list of strings' })
      .transform((values) => values.map(String))
      .optional(),
    allowedPattern: z.string({ error: 'must be a string' }).optional(),
    minItems: countSchema,
    maxItems: countSchema,
    minChars: countSchema,
    maxChars: countSchema,
    displayType: z.literal('textarea').optional().catch(undefined),
  },
  { error: 'must be a mapping with at least a type' },
);

/**
 * Lenient where AWS already validated the document (unknown keys are ignored), strict where the bot depends on
 * the shape (parameter types, allowed values, counts).
 */
export const runbookDocumentSchema = z.object(
  {
    // YAML reads an unquoted 0.3 as a number; String() also names what a missing key or a Command document has.
    schemaVersion: z.preprocess(
      String,
      z.literal('0.3', { error: (issue) => `is ${String(issue.input)}; Automation runbooks use 0.3` }),
    ),
    description: z.string().optional().catch(undefined),
    assumeRole: z.string().optional().catch(undefined),
    // A document may leave `parameters` out (or empty): then it takes none.
    parameters: z
      .record(z.string(), parameterSchema, { error: 'must map each parameter name to its definition' })
      .nullish()
      .transform((parameters) => parameters ?? {}),
    // Only the names, in order, for progress within an execution; AWS validated the rest.
    mainSteps: z
      .array(z.object({ name: z.string() }))
      .optional()
      .catch(undefined),
  },
  { error: 'the document is not a mapping of keys to values' },
);

export type RunbookDocument = z.infer<typeof runbookDocumentSchema>;
