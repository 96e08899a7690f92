// rich_text blocks (what Slack's own composer sends): sections, lists, quotes and preformatted text.
import { h, safeUrl } from './dom.js';
import { emojify } from './emoji.js';

export function richText(block, names) {
  return (block.elements ?? []).map((element) => richElement(element, names));
}

function richElement(element, names) {
  const inlines = () => (element.elements ?? []).map((child) => richInline(child, names));
  switch (element.type) {
    case 'rich_text_section':
      return h('div', { className: 'rich-section' }, inlines());
    case 'rich_text_preformatted':
      return h('pre', { className: 'md-pre' }, inlines());
    case 'rich_text_quote':
      return h('blockquote', { className: 'md-quote' }, inlines());
    case 'rich_text_list':
      return h(
        element.style === 'ordered' ? 'ol' : 'ul',
        { className: 'rich-list' },
        (element.elements ?? []).map((item) => h('li', null, richElement(item, names))),
      );
    default:
      return h('em', { className: 'unsupported' }, `[${element.type}]`);
  }
}

function richInline(element, names) {
  let node;
  switch (element.type) {
    case 'text':
      node = document.createTextNode(element.text ?? '');
      break;
    case 'link': {
      const href = safeUrl(element.url ?? '');
      const text = element.text || element.url || '';
      node = href ? h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, text) : text;
      break;
    }
    case 'user':
      node = h(
        'span',
        { className: 'md-mention', 'data-user': element.user_id },
        `@${names.user(element.user_id)}`,
      );
      break;
    case 'usergroup':
      node = h('span', { className: 'md-mention' }, `@${names.group(element.usergroup_id)}`);
      break;
    case 'channel':
      node = h('span', { className: 'md-mention' }, `#${names.channel(element.channel_id)}`);
      break;
    case 'broadcast':
      node = h('span', { className: 'md-mention md-broadcast' }, `@${element.range}`);
      break;
    case 'emoji':
      node = element.unicode
        ? String.fromCodePoint(...element.unicode.split('-').map((hex) => Number.parseInt(hex, 16)))
        : emojify(`:${element.name}:`);
      break;
    case 'date':
      node = element.fallback ?? new Date(element.timestamp * 1000).toLocaleString();
      break;
    default:
      node = `[${element.type}]`;
  }
  const style = element.style ?? {};
  if (style.code) node = h('code', { className: 'md-code' }, node);
  if (style.strike) node = h('s', null, node);
  if (style.italic) node = h('em', null, node);
  if (style.bold) node = h('strong', null, node);
  return node;
}
