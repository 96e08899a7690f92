// Checks one parameter's value against its type and rules, and turns it into SSM's wire form (a list of strings).
import { itemProblems } from './item-problems.js';
import { exampleValue, isJsonObject, jsonExample, parameterExample } from './parameter-example.js';
import { code, type ParameterProblem } from './parameter-problem.js';
import { parseJsonValue } from './parse-json-value.js';
import type { RunbookParameter } from './runbook.js';
import { SSM_MAX_VALUES } from './ssm-parameter-limits.js';

/** `values` absent: nothing to send, SSM applies the document's default. */
export type CheckedValue = { ok: true; values?: string[] } | { ok: false; problems: ParameterProblem[] };

export function checkParameterValue(parameter: RunbookParameter, raw: string | string[]): CheckedValue {
  if (parameter.type === 'StringList') return checkStringList(parameter, raw);
  if (parameter.type === 'MapList') return checkMapList(parameter, typeof raw === 'string' ? [raw] : raw);
  if (Array.isArray(raw) && raw.length !== 1) {
    return invalid(parameter, `${code(parameter.name)} takes one value, not ${raw.length}.`);
  }
  const text = typeof raw === 'string' ? raw : raw[0]!;
  if (parameter.type === 'String' ? text === '' : text.trim() === '') return emptyValue(parameter);
  switch (parameter.type) {
    case 'String':
      return checkItems(parameter, [text]);
    case 'Integer':
      return /^-?\d+$/.test(text.trim())
        ? checkItems(parameter, [text.trim()])
        : invalid(
            parameter,
            `${code(parameter.name)} must be a whole number such as ${code(exampleValue(parameter))}, not ${code(text)}.`,
          );
    case 'Boolean': {
      const lower = text.trim().toLowerCase();
      return lower === 'true' || lower === 'false'
        ? checkItems(parameter, [lower])
        : invalid(parameter, `${code(parameter.name)} must be \`true\` or \`false\`, not ${code(text)}.`);
    }
    case 'StringMap':
      return checkStringMap(parameter, text);
  }
}

function checkStringMap(parameter: RunbookParameter, text: string): CheckedValue {
  const parsed = parseJsonValue(text.trim());
  if (!parsed.ok) return jsonProblem(parameter, parsed.error);
  if (!isJsonObject(parsed.value)) {
    return invalid(
      parameter,
      `${code(parameter.name)} must be a JSON object such as ${code(jsonExample(parameter))}, not ${kindOf(parsed.value)}.`,
    );
  }
  return checkItems(parameter, [JSON.stringify(parsed.value)]);
}

/** A MapList is a JSON array of objects, or one object; SSM takes each object as one JSON string. */
function checkMapList(parameter: RunbookParameter, texts: string[]): CheckedValue {
  if (texts.every((text) => text.trim() === '')) return emptyValue(parameter);
  const elements: unknown[] = [];
  for (const text of texts) {
    if (text.trim() === '') continue;
    const parsed = parseJsonValue(text.trim());
    if (!parsed.ok) return jsonProblem(parameter, parsed.error);
    if (Array.isArray(parsed.value) && texts.length === 1) elements.push(...parsed.value);
    else elements.push(parsed.value);
  }
  const notObject = elements.findIndex((element) => !isJsonObject(element));
  if (notObject >= 0) {
    return invalid(
      parameter,
      `${code(parameter.name)} must be a JSON array of objects such as ${code(jsonExample(parameter))}; ` +
        `item ${notObject + 1} is ${kindOf(elements[notObject])}.`,
    );
  }
  const countProblems = itemCountProblems(parameter, elements.length);
  const checked = checkItems(
    parameter,
    elements.map((element) => JSON.stringify(element)),
  );
  return merge(countProblems, checked);
}

/** A string is split on commas, unless it is a JSON array; a list (from a form) is taken item by item. */
function checkStringList(parameter: RunbookParameter, raw: string | string[]): CheckedValue {
  const items = typeof raw === 'string' ? listItems(parameter, raw) : { ok: true as const, items: raw };
  if (!items.ok) return items;
  const values = items.items.map((item) => item.trim()).filter((item) => item !== '');
  if (values.length === 0 && parameter.required && parameter.minItems === undefined) {
    return {
      ok: false,
      problems: [
        {
          parameter: parameter.name,
          kind: 'missing',
          message: `${code(parameter.name)} needs at least one item: write ${code(parameterExample(parameter))}.`,
          ...(parameter.allowedValues && { allowedValues: parameter.allowedValues }),
        },
      ],
    };
  }
  return merge(itemCountProblems(parameter, values.length), checkItems(parameter, values));
}

function listItems(
  parameter: RunbookParameter,
  text: string,
): { ok: true; items: string[] } | { ok: false; problems: ParameterProblem[] } {
  const trimmed = text.trim();
  // `[abc]` may be a plain item; `["` can only be the start of a JSON array.
  const startsJson = /^\[\s*"/.test(trimmed);
  if (startsJson || (trimmed.startsWith('[') && trimmed.endsWith(']'))) {
    const parsed = parseJsonValue(trimmed);
    if (parsed.ok && Array.isArray(parsed.value)) {
      const item = parsed.value.findIndex(
        (element) => !['string', 'number', 'boolean'].includes(typeof element),
      );
      if (item >= 0) {
        return invalid(
          parameter,
          `${code(parameter.name)} must be a list of strings such as ${code('["a","b"]')}; item ${item + 1} is ${kindOf(parsed.value[item])}.`,
        );
      }
      return { ok: true, items: parsed.value.map(String) };
    }
    if (!parsed.ok && startsJson) {
      return invalid(
        parameter,
        `${code(parameter.name)} is not a valid JSON list (${parsed.error}). Write it like ${code('["a","b"]')}, or as items separated by commas.`,
      );
    }
  }
  return { ok: true, items: text.split(',') };
}

function itemCountProblems(parameter: RunbookParameter, count: number): ParameterProblem[] {
  const name = code(parameter.name);
  const problem = (message: string): ParameterProblem => ({
    parameter: parameter.name,
    kind: 'invalid',
    message,
  });
  const { minItems, maxItems } = parameter;
  const items = (n: number) => `${n} ${n === 1 ? 'item' : 'items'}`;
  if (minItems !== undefined && count < minItems) {
    return [
      problem(
        `${name} needs at least ${items(minItems)}, not ${count}: write ${code(parameterExample(parameter))}.`,
      ),
    ];
  }
  if (maxItems !== undefined && count > maxItems) {
    return [problem(`${name} takes at most ${items(maxItems)}, not ${count}.`)];
  }
  if (count > SSM_MAX_VALUES) {
    return [problem(`SSM takes at most ${SSM_MAX_VALUES} values for one parameter; ${name} has ${count}.`)];
  }
  return [];
}

/** SSM refuses empty strings, so an empty value can only mean "use the default" when the default is empty. */
function emptyValue(parameter: RunbookParameter): CheckedValue {
  if (parameter.default === '') return { ok: true };
  const example = code(parameterExample(parameter));
  if (parameter.required) {
    return {
      ok: false,
      problems: [
        {
          parameter: parameter.name,
          kind: 'missing',
          message: `${code(parameter.name)} is empty but required: write ${example}.`,
          ...(parameter.allowedValues && { allowedValues: parameter.allowedValues }),
        },
      ],
    };
  }
  return invalid(
    parameter,
    `${code(parameter.name)} is empty, and SSM takes no empty values: write ${example}, or leave it out to use the default.`,
  );
}

function jsonProblem(parameter: RunbookParameter, error: string): CheckedValue {
  return invalid(
    parameter,
    `${code(parameter.name)} is not valid JSON (${error}). Write it like ${code(jsonExample(parameter))}.`,
  );
}

function invalid(parameter: RunbookParameter, message: string): { ok: false; problems: ParameterProblem[] } {
  return { ok: false, problems: [{ parameter: parameter.name, kind: 'invalid', message }] };
}

function merge(problems: ParameterProblem[], checked: CheckedValue): CheckedValue {
  if (problems.length === 0) return checked;
  return { ok: false, problems: [...problems, ...(checked.ok ? [] : checked.problems)] };
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'boolean') return `\`${value}\``;
  return 'a number';
}

function checkItems(parameter: RunbookParameter, items: string[]): CheckedValue {
  const problems = itemProblems(parameter, items);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, values: items };
}
