// Images in blocks: shown when they come from the emulator itself, else a link with their alt text.
import { h, safeUrl } from './dom.js';

/**
 * Images from the emulator itself (or data: URLs) are shown; others as a link with their alt text, so the page
 * never reaches out to the network on its own (the page's content security policy forbids it too).
 */
export function image(url, altText, className) {
  const alt = String(altText ?? 'image');
  const source = String(url ?? '');
  const href = source ? safeUrl(source) : undefined;
  if (source.startsWith('data:image/') || href?.startsWith(`${window.location.origin}/`)) {
    return h('img', { className, src: source, alt, title: alt });
  }
  return h(
    href ? 'a' : 'span',
    {
      className: `${className} image-placeholder`,
      href,
      target: '_blank',
      rel: 'noopener noreferrer',
      title: url,
    },
    `🖼 ${alt}`,
  );
}
