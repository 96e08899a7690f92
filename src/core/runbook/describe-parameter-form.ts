// Describes the modal form for a runbook's parameters: one typed field per parameter, for the Slack renderer.
import { formInputKind } from './form-input-kind.js';
import { jsonExample } from './parameter-example.js';
import type { ParameterType, Runbook, RunbookParameter } from './runbook.js';

interface FieldBase {
  /** The parameter name; also what parseFormValues expects as the key of the field's value. */
  name: string;
  label: string;
  hint?: string;
  required: boolean;
  parameterType: ParameterType;
}

export type FormField = FieldBase &
  (
    | {
        input: 'text' | 'multiline' | 'number' | 'list' | 'json';
        initialValue?: string;
        placeholder?: string;
      }
    | { input: 'boolean'; initialValue?: boolean }
    | { input: 'select'; options: string[]; initialValue?: string }
    | { input: 'multi-select'; options: string[]; initialValues?: string[] }
  );

export interface ParameterForm {
  fields: FormField[];
}

export interface FormOptions {
  /** Parameters the bot sets itself; they get no field. */
  reservedParameters?: string[];
}

/**
 * Slack allows hints of 2,000 characters, but a hint under every field that long buries the form; the full
 * description stays in the runbook.
 */
export const MAX_HINT_LENGTH = 150;

export function describeParameterForm(runbook: Runbook, options: FormOptions = {}): ParameterForm {
  const reserved = new Set((options.reservedParameters ?? []).map((name) => name.toLowerCase()));
  return {
    fields: runbook.parameters
      .filter((parameter) => !reserved.has(parameter.name.toLowerCase()))
      .map(describeField),
  };
}

function describeField(parameter: RunbookParameter): FormField {
  const hint = hintOf(parameter.description);
  const base: FieldBase = {
    name: parameter.name,
    label: parameter.name,
    ...(hint !== undefined && { hint }),
    required: parameter.required,
    parameterType: parameter.type,
  };
  const initial = parameter.default;
  const kind = formInputKind(parameter);
  switch (kind) {
    case 'boolean': {
      const value = String(initial).toLowerCase();
      return {
        ...base,
        input: kind,
        ...((value === 'true' || value === 'false') && { initialValue: value === 'true' }),
      };
    }
    case 'select': {
      const options = parameter.allowedValues ?? [];
      const value = initial === undefined ? undefined : String(initial);
      return {
        ...base,
        input: kind,
        options,
        ...(value !== undefined && options.includes(value) && { initialValue: value }),
      };
    }
    case 'multi-select': {
      const options = parameter.allowedValues ?? [];
      const values = (Array.isArray(initial) ? initial : initial === undefined ? [] : [initial])
        .map(String)
        .filter((value) => options.includes(value));
      return { ...base, input: kind, options, ...(values.length > 0 && { initialValues: values }) };
    }
    case 'list': {
      const value = Array.isArray(initial) ? initial.map(String).join(', ') : scalarText(initial);
      return {
        ...base,
        input: kind,
        placeholder: 'Separate items with commas or new lines',
        ...(value && { initialValue: value }),
      };
    }
    case 'json': {
      const value = initial === undefined ? undefined : JSON.stringify(initial, null, 2);
      return {
        ...base,
        input: kind,
        placeholder: jsonExample(parameter),
        ...(value && { initialValue: value }),
      };
    }
    default: {
      const value = scalarText(initial);
      return { ...base, input: kind, ...(value && { initialValue: value }) };
    }
  }
}

/** The description without the `(Required)` / `(Optional)` prefix AWS writes (the form shows that itself). */
function hintOf(description: string | undefined): string | undefined {
  const text = description
    ?.replace(/^\s*\((required|optional)\)\s*/i, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!text) return undefined;
  return text.length > MAX_HINT_LENGTH ? `${text.slice(0, MAX_HINT_LENGTH - 1).trimEnd()}…` : text;
}

function scalarText(value: unknown): string | undefined {
  if (value === undefined || value === '') return undefined;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
