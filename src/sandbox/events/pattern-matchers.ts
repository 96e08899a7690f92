// The leaf matchers of event patterns: exact values, prefix, suffix, anything-but, exists, numeric,
// equals-ignore-case, wildcard and cidr, each validated when the pattern is parsed.

/** Why a pattern is not valid; becomes InvalidEventPatternException at the API edge. */
export class PatternError extends Error {
  override readonly name = 'PatternError';
}

/** Tests one event field; `undefined` means the field is absent. */
export type LeafMatcher = (field: unknown) => boolean;

type ValueTest = (value: unknown) => boolean;

// EventBridge's documented range for numeric matching.
const NUMERIC_LIMIT = 5e9;

export function compileLeaf(spec: unknown, path: string): LeafMatcher {
  if (spec === null || typeof spec === 'string' || typeof spec === 'number' || typeof spec === 'boolean') {
    return anyValue(exactly(spec));
  }
  if (typeof spec !== 'object' || Array.isArray(spec)) {
    throw new PatternError(`Match value must be String, number, true, false, or null at '${path}'`);
  }
  const entries = Object.entries(spec);
  if (entries.length !== 1) throw new PatternError(`Only one match type is allowed per object at '${path}'`);
  const [kind, operand] = entries[0]!;
  switch (kind) {
    case 'exists':
      if (typeof operand !== 'boolean') throw new PatternError(`exists match pattern must be true or false`);
      return operand ? existsMatcher : (field) => field === undefined;
    case 'anything-but':
      return anythingBut(operand, path);
    default:
      return anyValue(compileValueTest(kind, operand, path));
  }
}

/** Matchers other than exists and anything-but apply to present fields; arrays match when any element does. */
function anyValue(test: ValueTest): LeafMatcher {
  return (field) => {
    if (field === undefined) return false;
    return Array.isArray(field) ? field.some(test) : test(field);
  };
}

const existsMatcher: LeafMatcher = (field) =>
  field !== undefined &&
  !(Array.isArray(field) && field.length === 0) &&
  !(typeof field === 'object' && field !== null && !Array.isArray(field));

function compileValueTest(kind: string, operand: unknown, path: string): ValueTest {
  switch (kind) {
    case 'prefix':
      return affix(operand, 'prefix', path, (value, text) => value.startsWith(text));
    case 'suffix':
      return affix(operand, 'suffix', path, (value, text) => value.endsWith(text));
    case 'equals-ignore-case': {
      const text = requireString(operand, kind, path).toLowerCase();
      return (value) => typeof value === 'string' && value.toLowerCase() === text;
    }
    case 'wildcard': {
      const regex = wildcardRegex(requireString(operand, kind, path), path);
      return (value) => typeof value === 'string' && regex.test(value);
    }
    case 'numeric':
      return numericTest(operand, path);
    case 'cidr':
      return cidrTest(operand, path);
    default:
      throw new PatternError(`Unrecognized match type ${kind} at '${path}'`);
  }
}

function exactly(expected: unknown): ValueTest {
  return (value) => value === expected;
}

/** prefix and suffix take a string, or `{ "equals-ignore-case": string }`. */
function affix(
  operand: unknown,
  kind: string,
  path: string,
  test: (value: string, text: string) => boolean,
): ValueTest {
  if (typeof operand === 'string') return (value) => typeof value === 'string' && test(value, operand);
  if (typeof operand === 'object' && operand !== null && !Array.isArray(operand)) {
    const entries = Object.entries(operand);
    if (entries.length === 1 && entries[0]![0] === 'equals-ignore-case') {
      const text = requireString(entries[0]![1], `${kind} equals-ignore-case`, path).toLowerCase();
      return (value) => typeof value === 'string' && test(value.toLowerCase(), text);
    }
  }
  throw new PatternError(`${kind} match pattern must be a string at '${path}'`);
}

function anythingBut(operand: unknown, path: string): LeafMatcher {
  let excluded: ValueTest;
  if (typeof operand === 'string' || typeof operand === 'number') {
    excluded = exactly(operand);
  } else if (Array.isArray(operand)) {
    if (
      operand.length === 0 ||
      !operand.every((item) => typeof item === 'string' || typeof item === 'number')
    ) {
      throw new PatternError(`Inside anything-but list, only strings and numbers are allowed at '${path}'`);
    }
    excluded = (value) => operand.includes(value as string | number);
  } else if (typeof operand === 'object' && operand !== null) {
    const entries = Object.entries(operand);
    const [kind, inner] = entries[0] ?? [];
    if (entries.length !== 1 || !['prefix', 'suffix', 'equals-ignore-case', 'wildcard'].includes(kind!)) {
      throw new PatternError(`Unsupported anything-but pattern at '${path}'`);
    }
    const tests = (Array.isArray(inner) && kind !== 'prefix' && kind !== 'suffix' ? inner : [inner]).map(
      (item) => compileValueTest(kind!, item, path),
    );
    excluded = (value) => tests.some((test) => test(value));
  } else {
    throw new PatternError(`Value of anything-but must be an array, string, number or object at '${path}'`);
  }
  // anything-but never matches an absent field, but it does match values of another type.
  return anyValue((value) => !excluded(value));
}

type Bound = { op: '<' | '<=' | '=' | '>' | '>='; limit: number };

function numericTest(operand: unknown, path: string): ValueTest {
  if (!Array.isArray(operand) || operand.length === 0 || operand.length % 2 !== 0) {
    throw new PatternError(`Value of numeric must be an array of operator and number pairs at '${path}'`);
  }
  const bounds: Bound[] = [];
  for (let i = 0; i < operand.length; i += 2) {
    const op = operand[i];
    const limit = operand[i + 1];
    if (!['<', '<=', '=', '>', '>='].includes(op as string)) {
      throw new PatternError(`Unrecognized numeric range operator: ${String(op)} at '${path}'`);
    }
    if (typeof limit !== 'number' || !Number.isFinite(limit) || Math.abs(limit) > NUMERIC_LIMIT) {
      throw new PatternError(`Value of ${String(op)} must be a number between -5e9 and 5e9 at '${path}'`);
    }
    bounds.push({ op: op as Bound['op'], limit });
  }
  const lower = bounds.filter((bound) => bound.op === '>' || bound.op === '>=');
  const upper = bounds.filter((bound) => bound.op === '<' || bound.op === '<=');
  const equal = bounds.filter((bound) => bound.op === '=');
  if (lower.length > 1 || upper.length > 1 || (equal.length > 0 && bounds.length > 1)) {
    throw new PatternError(`Bad numeric range at '${path}'`);
  }
  if (lower[0] && upper[0] && lower[0].limit >= upper[0].limit) {
    throw new PatternError(`Bottom must be less than top at '${path}'`);
  }
  return (value) => typeof value === 'number' && bounds.every((bound) => compare(value, bound));
}

function compare(value: number, { op, limit }: Bound): boolean {
  switch (op) {
    case '<':
      return value < limit;
    case '<=':
      return value <= limit;
    case '=':
      return value === limit;
    case '>':
      return value > limit;
    case '>=':
      return value >= limit;
  }
}

function wildcardRegex(text: string, path: string): RegExp {
  if (text.includes('**')) throw new PatternError(`Consecutive wildcard characters at '${path}'`);
  let source = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '\\' && (text[i + 1] === '*' || text[i + 1] === '\\')) {
      source += `\\${text[++i]}`;
    } else if (char === '*') {
      source += '.*';
    } else {
      source += char.replace(/[.+?^${}()|[\]\\/-]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`, 's');
}

function cidrTest(operand: unknown, path: string): ValueTest {
  const match = typeof operand === 'string' ? /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(operand) : null;
  const base = match ? ipv4(match[1]!) : undefined;
  const bits = match ? Number(match[2]) : Number.NaN;
  if (base === undefined || !(bits >= 0 && bits <= 32)) {
    throw new PatternError(`Malformed CIDR, one '/' required at '${path}'`);
  }
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (value) => {
    const address = typeof value === 'string' ? ipv4(value) : undefined;
    return address !== undefined && (address & mask) >>> 0 === (base & mask) >>> 0;
  };
}

function ipv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255))
    return undefined;
  return parts.reduce((address, part) => ((address << 8) | Number(part)) >>> 0, 0);
}

function requireString(operand: unknown, kind: string, path: string): string {
  if (typeof operand !== 'string')
    throw new PatternError(`${kind} match pattern must be a string at '${path}'`);
  return operand;
}
