// Block Kit text objects: plain_text (with emoji) and mrkdwn, as nodes.
import { h } from './dom.js';
import { emojify } from './emoji.js';
import { decode, mrkdwn } from './mrkdwn.js';

/** A text object as nodes inside a span; a bare string is taken as mrkdwn (as attachment fields are). */
export function textObject(text, names, className = 'text') {
  if (text === undefined || text === null) return null;
  if (typeof text === 'string') return h('span', { className }, mrkdwn(text, names));
  if (text.type === 'mrkdwn') return h('span', { className }, mrkdwn(text.text, names));
  return h('span', { className }, plainText(text));
}

/** plain_text as a string (emoji shortcodes turned into emoji unless `emoji: false`). */
export function plainText(text) {
  if (text === undefined || text === null) return '';
  if (typeof text === 'string') return text;
  const value = String(text.text ?? '');
  if (text.type === 'mrkdwn') return decode(value);
  return text.emoji === false ? value : emojify(value);
}
