// GetDocument's DocumentFormat: the content converted between YAML and JSON on request.
import { parse as parseYaml, stringify as toYaml } from 'yaml';
import { validationError } from '../aws-error.js';
import type { Runbook } from './runbook.js';

const FORMATS = ['YAML', 'JSON', 'TEXT'] as const;
export type DocumentFormat = (typeof FORMATS)[number];

/** The document content in `requested` format (its own format when absent). */
export function convertDocumentFormat(
  document: Runbook,
  requested: unknown,
): { content: string; format: DocumentFormat } {
  if (requested === undefined || requested === document.format) {
    return { content: document.content, format: document.format };
  }
  if (!FORMATS.includes(requested as DocumentFormat)) {
    throw validationError(
      `1 validation error detected: Value '${String(requested)}' at 'documentFormat' failed to satisfy constraint: Member must satisfy enum value set: [${FORMATS.join(', ')}]`,
    );
  }
  if (document.format === 'TEXT' || requested === 'TEXT') {
    throw validationError(
      `Document ${document.name} is in ${document.format} format and cannot be converted to ${String(requested)}.`,
    );
  }
  const structure: unknown = parseYaml(document.content);
  return requested === 'JSON'
    ? { content: JSON.stringify(structure, null, 2), format: 'JSON' }
    : { content: toYaml(structure, { lineWidth: 0 }), format: 'YAML' };
}
