// Messages as Slack shows them: author, time, blocks or mrkdwn text, legacy attachments with their colour bar,
// shared files (a link to view and one to download), "(edited)", "Only visible to you" for ephemerals, and "N replies" that opens the thread.
import { renderBlocks } from './blocks.js';
import { h, safeUrl } from './dom.js';
import { mrkdwn } from './mrkdwn.js';
import { plainText, textObject } from './text-objects.js';

const NAMED_COLOURS = { good: '#2eb67d', warning: '#ecb22e', danger: '#e01e5a' };

/**
 * @param {object} message a channel message or an ephemeral one
 * @param {object} options
 * @param {import('./blocks.js').Surface} options.surface what clicks in it do
 * @param {object} options.author { name, isApp }
 * @param {number} [options.replyCount] shown as a link when the message starts a thread
 * @param {() => void} [options.openThread]
 */
export function messageItem(message, { surface, author, replyCount = 0, openThread, ephemeral = false }) {
  const body =
    Array.isArray(message.blocks) && message.blocks.length > 0
      ? renderBlocks(message.blocks, surface)
      : h('div', { className: 'message-text' }, mrkdwn(message.text, surface.names));
  return h(
    'article',
    {
      className: `message${ephemeral ? ' ephemeral' : ''}`,
      'data-testid': ephemeral ? 'ephemeral' : 'message',
      'data-ts': message.ts,
      'data-thread-ts': message.thread_ts,
    },
    h('div', { className: 'avatar', 'aria-hidden': 'true' }, author.name.slice(0, 1).toUpperCase()),
    h(
      'div',
      { className: 'message-content' },
      h(
        'div',
        { className: 'message-header' },
        h('span', { className: 'message-author' }, author.name),
        author.isApp && h('span', { className: 'badge' }, 'APP'),
        h('time', { className: 'message-time', title: message.ts }, timeOf(message.ts)),
        message.subtype === 'thread_broadcast' &&
          h('span', { className: 'message-note' }, 'replied to a thread'),
      ),
      ephemeral && h('div', { className: 'ephemeral-note' }, '👁 Only visible to you'),
      body,
      (message.attachments ?? []).map((attachment) => attachmentItem(attachment, surface)),
      Array.isArray(message.files) &&
        message.files.length > 0 &&
        h('div', { className: 'message-files' }, message.files.map(fileItem)),
      message.edited && h('span', { className: 'message-edited', 'data-testid': 'edited' }, '(edited)'),
      replyCount > 0 &&
        openThread &&
        h(
          'button',
          { type: 'button', className: 'thread-link', 'data-testid': 'thread-link', onclick: openThread },
          `${replyCount} ${replyCount === 1 ? 'reply' : 'replies'}`,
        ),
    ),
  );
}

/** A legacy attachment: a colour bar beside its text, fields and blocks (the bot's coloured parent message). */
function attachmentItem(attachment, surface) {
  const { names } = surface;
  const colour = colourOf(attachment.color);
  const bar = h('div', { className: 'attachment-bar' });
  if (colour) bar.style.backgroundColor = colour;
  const titleLink = attachment.title_link ? safeUrl(attachment.title_link) : undefined;
  return h(
    'div',
    { className: 'attachment', 'data-testid': 'attachment', 'data-color': colour ?? '' },
    bar,
    h(
      'div',
      { className: 'attachment-body' },
      attachment.pretext && h('div', { className: 'attachment-pretext' }, mrkdwn(attachment.pretext, names)),
      attachment.author_name && h('div', { className: 'attachment-author' }, attachment.author_name),
      attachment.title &&
        h(
          'div',
          { className: 'attachment-title' },
          titleLink
            ? h('a', { href: titleLink, target: '_blank', rel: 'noopener noreferrer' }, attachment.title)
            : attachment.title,
        ),
      attachment.text && h('div', { className: 'attachment-text' }, mrkdwn(attachment.text, names)),
      Array.isArray(attachment.fields) &&
        h(
          'div',
          { className: 'attachment-fields' },
          attachment.fields.map((field) =>
            h(
              'div',
              { className: `attachment-field${field.short ? ' short' : ''}` },
              h('div', { className: 'attachment-field-title' }, plainText(field.title)),
              textObject(String(field.value ?? ''), names),
            ),
          ),
        ),
      Array.isArray(attachment.blocks) && renderBlocks(attachment.blocks, surface),
      attachment.footer && h('div', { className: 'attachment-footer' }, mrkdwn(attachment.footer, names)),
    ),
  );
}

/** A shared file: its name (opens its bytes in a new tab), type and size, and a download link. */
function fileItem(file) {
  const view = safeUrl(file.url_private);
  const download = safeUrl(file.url_private_download);
  const name = String(file.name ?? file.title ?? 'file');
  return h(
    'div',
    { className: 'file', 'data-testid': 'file', 'data-file-id': file.id },
    h('div', { className: 'file-icon', 'aria-hidden': 'true' }, String(file.filetype ?? '').toUpperCase()),
    h(
      'div',
      { className: 'file-body' },
      view
        ? h('a', { className: 'file-name', href: view, target: '_blank', rel: 'noopener noreferrer' }, name)
        : h('span', { className: 'file-name' }, name),
      h('div', { className: 'file-meta' }, `${file.pretty_type ?? 'File'} · ${sizeOf(file.size)}`),
    ),
    download &&
      h(
        'a',
        { className: 'file-download', href: download, download: name, 'data-testid': 'file-download' },
        'Download',
      ),
  );
}

function sizeOf(bytes) {
  const size = Number(bytes) || 0;
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}

function colourOf(color) {
  if (typeof color !== 'string') return undefined;
  if (NAMED_COLOURS[color]) return NAMED_COLOURS[color];
  const hex = color.startsWith('#') ? color : `#${color}`;
  return /^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/.test(hex) ? hex : undefined;
}

function timeOf(ts) {
  const date = new Date(Number(ts.split('.')[0]) * 1000);
  return date.toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit' });
}

/**
 * Renders a list of messages into `container`, reusing the node of every message that did not change, so a
 * select someone is using, or the scroll position, survives other messages arriving.
 */
export class MessageList {
  #nodes = new Map();

  constructor(container) {
    this.container = container;
  }

  /** @param {Array<{ key: string, version: unknown[], render: () => Node }>} items oldest first */
  #toBottom = true;

  /** The next show scrolls to the newest message (after the person sent something, or a new list). */
  scrollToEnd() {
    this.#toBottom = true;
  }

  show(items) {
    const atBottom =
      this.#toBottom ||
      this.container.scrollHeight - this.container.scrollTop - this.container.clientHeight < 40;
    this.#toBottom = false;
    const next = new Map();
    const nodes = items.map((item) => {
      const cached = this.#nodes.get(item.key);
      const node = cached && sameVersion(cached.version, item.version) ? cached.node : item.render();
      next.set(item.key, { version: item.version, node });
      return node;
    });
    this.#nodes = next;
    const current = [...this.container.children];
    if (current.length !== nodes.length || current.some((node, index) => node !== nodes[index])) {
      this.container.replaceChildren(...nodes);
    }
    if (atBottom) this.container.scrollTop = this.container.scrollHeight;
  }

  clear() {
    this.#toBottom = true;
    this.#nodes.clear();
    this.container.replaceChildren();
  }
}

function sameVersion(a, b) {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}
