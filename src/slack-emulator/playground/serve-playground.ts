// Serves the playground: a Slack-like page at / and /playground, and its ES modules and styles under /playground/.
// The files live in ./assets (copied beside the compiled code by `npm run build`), plain browser JavaScript with no
// bundler: the page talks to the emulator's control API and its change feed, nothing else.
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';

const ASSETS = new URL('./assets/', import.meta.url);

const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};

const CONTENT_SECURITY_POLICY =
  "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'";

/** A file name of the assets folder, never a path: nothing outside it can be asked for. */
const ASSET_NAME = /^[a-z0-9-]+\.(html|js|css)$/;

/** The asset a GET of `path` asks for, or undefined when the path is not the playground's. */
export function playgroundAsset(path: string): string | undefined {
  if (path === '/' || path === '/playground' || path === '/playground/') return 'index.html';
  if (!path.startsWith('/playground/')) return undefined;
  const name = path.slice('/playground/'.length);
  return ASSET_NAME.test(name) ? name : undefined;
}

export async function servePlaygroundAsset(name: string, res: ServerResponse): Promise<void> {
  let content: Buffer;
  try {
    content = await readFile(new URL(name, ASSETS));
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`no playground file ${name}`);
    return;
  }
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[name.split('.').pop() ?? ''] ?? 'application/octet-stream',
    'content-length': String(content.length),
    // The page is a development tool: always the files as they are now.
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
    // Only the emulator itself: no inline script, no image or font from elsewhere (tests run with no network).
    ...(name.endsWith('.html') ? { 'content-security-policy': CONTENT_SECURITY_POLICY } : {}),
  });
  res.end(content);
}
