// The audit export's JSON Schema (docs/audit-entry.schema.json), compiled once, and the Slack markup no line may hold.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';

const schema = JSON.parse(readFileSync('docs/audit-entry.schema.json', 'utf8')) as object;
const ajv = new Ajv2020({ allErrors: true, strict: true });
// `format: date-time` is an annotation unless checked: check it as RFC 3339 (what toISOString writes).
ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
const validate = ajv.compile(schema);

/** The schema's complaints about one exported line, as `path: message`; empty when it conforms. */
export function auditLineProblems(line: string): string[] {
  if (validate(JSON.parse(line))) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'}: ${error.message}`);
}

/** Mentions, special mentions, channel links, date tokens and emoji codes: what a SIEM must never receive. */
export const SLACK_MARKUP = /<[@!#]|:[a-z_]+:/;
