// The playground's window on the AWS sandbox, same origin: its organization, runbooks, faults and clock, under
// /_emulator/sandbox, forwarded to the sandbox's own control API (/_sandbox) at the URL the emulator was given.
import type { ServerResponse } from 'node:http';
import { sendJson } from '../http-io.js';
import { readSandboxOrganization, type SandboxOrganization } from './read-sandbox-organization.js';
import { readSandboxRunbooks } from './read-sandbox-runbooks.js';

/** What the playground may do to the sandbox: read and change faults, read and run the clock. Nothing else. */
const FORWARDED: Array<[method: string, path: RegExp]> = [
  ['GET', /^faults$/],
  ['POST', /^faults$/],
  ['DELETE', /^faults$/],
  ['DELETE', /^faults\/[^/]+$/],
  ['GET', /^clock$/],
  ['POST', /^clock\/settle$/],
  ['POST', /^clock\/advance$/],
];

const SANDBOX_TIMEOUT_MS = 30_000;

export class SandboxProxy {
  private organization: { url: string; read: Promise<SandboxOrganization> } | undefined;

  constructor(private readonly sandboxUrl: () => string | undefined) {}

  /** Answers `/_emulator/sandbox[/…]`; `path` is what follows `/_emulator/`. */
  async handle(method: string, path: string, body: Buffer, res: ServerResponse): Promise<void> {
    const url = this.sandboxUrl();
    const rest = path.replace(/^sandbox\/?/, '');
    // The playground asks first: a sandbox or none (null) is an answer, not an error.
    if (rest === '' && method === 'GET') return sendJson(res, 200, { url: url ?? null });
    if (!url) {
      return sendJson(res, 404, {
        error: 'no sandbox: start the emulator with --sandbox-url (sandboxUrl) to see and change it',
      });
    }
    if (rest === 'organization' && method === 'GET') return this.sendOrganization(url, res);
    if (rest === 'runbooks' && method === 'GET') return sendRunbooks(url, res);
    if (!FORWARDED.some(([allowed, pattern]) => allowed === method && pattern.test(rest))) {
      return sendJson(res, 404, { error: `no sandbox route: ${method} /_emulator/${path}` });
    }
    try {
      const answer = await fetch(`${url}/_sandbox/${rest}`, {
        method,
        headers: body.length > 0 ? { 'content-type': 'application/json' } : {},
        body: body.length > 0 ? new Uint8Array(body) : undefined,
        signal: AbortSignal.timeout(SANDBOX_TIMEOUT_MS),
      });
      sendJson(res, answer.status, await answer.json());
    } catch (error) {
      sendJson(res, 502, { error: `the sandbox at ${url} did not answer: ${messageOf(error)}` });
    }
  }

  /** The organization does not change while the sandbox runs: read once per sandbox URL. */
  private async sendOrganization(url: string, res: ServerResponse): Promise<void> {
    if (this.organization?.url !== url) {
      this.organization = { url, read: readSandboxOrganization(url) };
    }
    const cached = this.organization;
    try {
      sendJson(res, 200, await cached.read);
    } catch (error) {
      if (this.organization === cached) this.organization = undefined;
      sendJson(res, 502, { error: `could not read the sandbox organization at ${url}: ${messageOf(error)}` });
    }
  }
}

/** Read each time: documents can be created while the sandbox runs, and the panel asks once as it opens. */
async function sendRunbooks(url: string, res: ServerResponse): Promise<void> {
  try {
    sendJson(res, 200, { runbooks: await readSandboxRunbooks(url) });
  } catch (error) {
    sendJson(res, 502, { error: `could not read the sandbox runbooks at ${url}: ${messageOf(error)}` });
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
