// Turns the values of a submitted parameter form into raw values for bindParameters.
import { formInputKind } from './form-input-kind.js';
import type { Runbook } from './runbook.js';

/** What the modal's state holds per field: text, the selected options, a checkbox, or nothing. */
export type FormValue = string | string[] | boolean | null | undefined;

/**
 * Empty fields are left out, so SSM applies the default (or bindParameters reports a missing parameter).
 * List fields are split on commas and new lines; a JSON list is passed on whole for bindParameters to read.
 * Fields the runbook does not declare are passed on, so bindParameters reports them.
 */
export function parseFormValues(
  runbook: Runbook,
  formValues: Record<string, FormValue>,
): Record<string, string | string[]> {
  const declared = new Map(runbook.parameters.map((parameter) => [parameter.name, parameter]));
  const raw: Array<[string, string | string[]]> = [];
  for (const [name, value] of Object.entries(formValues)) {
    if (value === null || value === undefined) continue;
    if (typeof value === 'boolean') {
      raw.push([name, String(value)]);
      continue;
    }
    if (Array.isArray(value)) {
      const items = value.map((item) => item.trim()).filter((item) => item !== '');
      // An emptied multi-select cannot be sent (SSM refuses empty values), so the default applies.
      if (items.length > 0) raw.push([name, items]);
      continue;
    }
    const text = value.trim();
    if (text === '') continue;
    const parameter = declared.get(name);
    if (parameter && formInputKind(parameter) === 'list' && !text.startsWith('[')) {
      const items = text
        .split(/[,\n]/)
        .map((item) => item.trim())
        .filter((item) => item !== '');
      if (items.length > 0) raw.push([name, items]);
    } else {
      raw.push([name, text]);
    }
  }
  return Object.fromEntries(raw);
}
