// Building DOM nodes without innerHTML: every string becomes a text node, so no text from Slack can become markup.

/**
 * `h('button', { className: 'btn', onclick: fn, 'data-testid': 'send' }, 'Send')`. Functions under `on…` are
 * listeners; `value`, `checked`, `disabled`, `selected` are set as properties (after the children, so a
 * select's value finds its options); other values become attributes. `false`, null and undefined are skipped.
 */
export function h(tag, props, ...children) {
  const element = document.createElement(tag);
  const late = {};
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') element.addEventListener(key.slice(2), value);
    else if (key === 'className') element.className = value;
    else if (PROPERTIES.has(key)) late[key] = value;
    else element.setAttribute(key, value === true ? '' : String(value));
  }
  append(element, children);
  Object.assign(element, late);
  return element;
}

// `multiple` is not among them: a select must be multiple before its options come, or it keeps one selected.
const PROPERTIES = new Set(['value', 'checked', 'disabled', 'selected', 'indeterminate']);

/** Appends nodes and strings (as text), flattening arrays and skipping empty values. */
export function append(parent, children) {
  for (const child of [children].flat(Number.POSITIVE_INFINITY)) {
    if (child === undefined || child === null || child === false || child === '') continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/**
 * A link target that can only navigate: an absolute http(s) or mailto URL; anything else (javascript:, data:,
 * a relative path, text that is no URL) is refused, and the caller shows it as text.
 */
export function safeUrl(url) {
  try {
    const parsed = new URL(url);
    return ['http:', 'https:', 'mailto:'].includes(parsed.protocol) ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** A `data-testid`-friendly form of an id (block_id or action_id may hold any character). */
export function testId(...parts) {
  return parts.join('-').replace(/[^A-Za-z0-9_.:-]/g, '_');
}
