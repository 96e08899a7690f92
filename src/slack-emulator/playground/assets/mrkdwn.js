// Slack's mrkdwn as DOM nodes: *bold*, _italic_, ~strike~, `code`, ```code blocks```, > quotes, <links|text>,
// <@user> and <#channel> mentions, <!here>, <!subteam^…>, <!date^…> and :emoji:. Text is never parsed as HTML.
import { h, safeUrl } from './dom.js';
import { emojify } from './emoji.js';

// Code spans and <…> tokens are cut out first (private-use characters mark their places), so emphasis marks
// inside them stay literal and emphasis around them still pairs up.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const PLACEHOLDER = /\uE000(\d+)\uE001/;

/**
 * @param {string} text mrkdwn as Slack sends it (&amp; &lt; &gt; escaped)
 * @param {{ user(id: string): string, channel(id: string): string, group(id: string): string }} names
 * @returns {Node[]}
 */
export function mrkdwn(text, names) {
  const nodes = [];
  const parts = String(text ?? '').split(/```([\s\S]*?)```/);
  parts.forEach((part, index) => {
    if (index % 2 === 1) {
      nodes.push(h('pre', { className: 'md-pre' }, decode(part.replace(/^\n/, '').replace(/\n$/, ''))));
      return;
    }
    // Line breaks next to a code block belong to the block, as Slack shows them.
    let trimmed = part;
    if (index > 0) trimmed = trimmed.replace(/^\n/, '');
    if (index < parts.length - 1) trimmed = trimmed.replace(/\n$/, '');
    nodes.push(...quotesAndLines(trimmed, names));
  });
  return nodes;
}

/** Consecutive lines starting with `>` form one quote; other lines are inline text with line breaks. */
function quotesAndLines(text, names) {
  const nodes = [];
  let plain = [];
  let quote = [];
  const flushPlain = () => {
    if (plain.length > 0) nodes.push(...inline(plain.join('\n'), names));
    plain = [];
  };
  const flushQuote = () => {
    if (quote.length > 0)
      nodes.push(h('blockquote', { className: 'md-quote' }, inline(quote.join('\n'), names)));
    quote = [];
  };
  for (const line of text.split('\n')) {
    const quoted = /^(?:&gt;|>) ?(.*)$/.exec(line);
    if (quoted) {
      flushPlain();
      quote.push(quoted[1]);
    } else {
      flushQuote();
      plain.push(line);
    }
  }
  flushPlain();
  flushQuote();
  return nodes;
}

/** Inline mrkdwn of one paragraph. Exported for plain mrkdwn fragments (field labels, context parts). */
export function inline(text, names) {
  const tokens = [];
  const masked = text.replace(/`([^`\n]+)`|<([^<>\n]+)>/g, (_whole, code, angle) => {
    tokens.push(
      code !== undefined ? h('code', { className: 'md-code' }, decode(code)) : angleToken(angle, names),
    );
    return `${OPEN}${tokens.length - 1}${CLOSE}`;
  });
  return emphasis(masked, tokens);
}

const MARKS = [
  ['*', 'strong'],
  ['_', 'em'],
  ['~', 's'],
];

/** `*x*` pairs only at word edges (so snake_case_names stay as they are), and never around blank space. */
function markPattern(mark) {
  const m = `\\${mark}`;
  return new RegExp(`(^|[^A-Za-z0-9${m}])${m}([^\\s${m}](?:[^${m}\\n]*?[^\\s${m}])?)${m}(?![A-Za-z0-9${m}])`);
}
const PATTERNS = MARKS.map(([mark, tag]) => [markPattern(mark), tag]);

function emphasis(text, tokens) {
  const nodes = [];
  let rest = text;
  while (rest !== '') {
    let best;
    for (const [pattern, tag] of PATTERNS) {
      const match = pattern.exec(rest);
      if (!match) continue;
      const start = match.index + match[1].length;
      if (!best || start < best.start) {
        best = { start, end: match.index + match[0].length, inner: match[2], tag };
      }
    }
    if (!best) {
      nodes.push(...plain(rest, tokens));
      break;
    }
    nodes.push(...plain(rest.slice(0, best.start), tokens));
    nodes.push(h(best.tag, null, emphasis(best.inner, tokens)));
    rest = rest.slice(best.end);
  }
  return nodes;
}

function plain(text, tokens) {
  const nodes = [];
  text.split(PLACEHOLDER).forEach((part, index) => {
    if (index % 2 === 1) {
      nodes.push(tokens[Number(part)]);
      return;
    }
    part.split('\n').forEach((line, lineIndex) => {
      if (lineIndex > 0) nodes.push(h('br'));
      if (line !== '') nodes.push(document.createTextNode(emojify(decode(line))));
    });
  });
  return nodes;
}

function angleToken(inner, names) {
  const bar = inner.indexOf('|');
  const target = bar === -1 ? inner : inner.slice(0, bar);
  const label = bar === -1 ? '' : decode(inner.slice(bar + 1));
  if (/^@[UWB]/.test(target)) {
    const id = target.slice(1);
    return h('span', { className: 'md-mention', 'data-user': id }, `@${label || names.user(id)}`);
  }
  if (/^#[CGD]/.test(target)) {
    return h('span', { className: 'md-mention' }, `#${label || names.channel(target.slice(1))}`);
  }
  if (target.startsWith('!subteam^')) {
    const id = target.slice('!subteam^'.length);
    return h('span', { className: 'md-mention' }, `@${label.replace(/^@/, '') || names.group(id)}`);
  }
  if (target === '!here' || target === '!channel' || target === '!everyone') {
    return h('span', { className: 'md-mention md-broadcast' }, `@${target.slice(1)}`);
  }
  if (target.startsWith('!date^')) return h('time', null, formatDateToken(target, label));
  if (target.startsWith('!')) return decode(label || target.slice(1));
  const href = safeUrl(decode(target));
  const text = label || decode(target);
  return href ? h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, text) : text;
}

/** `<!date^1748826000^{date_short} {time}|fallback>` in the reader's time zone, as Slack shows it. */
function formatDateToken(target, fallback) {
  const [, epoch, format = ''] = target.split('^');
  const date = new Date(Number(epoch) * 1000);
  if (Number.isNaN(date.getTime())) return fallback;
  const locale = 'en-US';
  const parts = {
    date_num: date.toLocaleDateString('sv-SE'),
    date: date.toLocaleDateString(locale, { month: 'long', day: 'numeric', year: 'numeric' }),
    date_short: date.toLocaleDateString(locale, { month: 'short', day: 'numeric', year: 'numeric' }),
    date_long: date.toLocaleDateString(locale, {
      weekday: 'long',
      month: 'long',
      day: 'numeric',
      year: 'numeric',
    }),
    time: date.toLocaleTimeString(locale, { hour: 'numeric', minute: '2-digit' }),
    time_secs: date.toLocaleTimeString(locale, { hour: 'numeric', minute: '2-digit', second: '2-digit' }),
  };
  for (const key of ['date', 'date_short', 'date_long']) parts[`${key}_pretty`] = parts[key];
  parts.ago = timeAgo(date);
  let unknown = false;
  const text = format.replace(/\{([a-z_]+)\}/g, (_whole, key) => {
    if (parts[key] === undefined) unknown = true;
    return parts[key] ?? '';
  });
  return unknown || text.trim() === '' ? fallback : text;
}

/** `{ago}` as Slack shows it: "3 minutes ago", "in 2 hours" (relative to the reader's clock when drawn). */
function timeAgo(date) {
  const seconds = Math.round((date.getTime() - Date.now()) / 1000);
  const units = [
    ['year', 31_536_000],
    ['month', 2_592_000],
    ['day', 86_400],
    ['hour', 3600],
    ['minute', 60],
  ];
  const [unit, size] = units.find(([, size]) => Math.abs(seconds) >= size) ?? ['second', 1];
  return new Intl.RelativeTimeFormat('en-US', { numeric: 'auto' }).format(Math.trunc(seconds / size), unit);
}

/** Slack escapes only these three in message text. */
export function decode(text) {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
