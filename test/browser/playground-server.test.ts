// What the emulator serves the playground, over plain HTTP: the page and its files (and nothing beside them), the
// snapshot's seq, and the sandbox routes — absent without a sandbox, forwarded to its control API with one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';
import { startTestSlackEmulator, type TestSlackEmulator } from '../support/slack-emulator.js';

let slack: TestSlackEmulator;
let sandbox: TestSandbox;

beforeAll(async () => {
  [slack, sandbox] = await Promise.all([startTestSlackEmulator(), startTestSandbox()]);
});
afterAll(async () => {
  await Promise.all([slack?.close(), sandbox?.close()]);
});

const get = (path: string) => fetch(`${slack.emulator.url}${path}`);
const json = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${slack.emulator.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe('the playground page', () => {
  it.each(['/', '/playground', '/playground/'])(
    'when %s is asked, then the page comes with a strict content policy',
    async (path) => {
      const response = await get(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(await response.text()).toContain('<script type="module" src="/playground/main.js">');
    },
  );

  it('when the page loads its modules, then every module it imports is served as JavaScript', async () => {
    const seen = new Set<string>();
    const pending = ['main.js'];
    while (pending.length > 0) {
      const name = pending.pop()!;
      if (seen.has(name)) continue;
      seen.add(name);
      const response = await get(`/playground/${name}`);
      expect(response.status, name).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      for (const [, imported] of (await response.text()).matchAll(/from '\.\/([a-z-]+\.js)'/g)) {
        pending.push(imported!);
      }
    }
    expect(seen.size).toBeGreaterThan(10);
    expect((await get('/playground/playground.css')).headers.get('content-type')).toBe(
      'text/css; charset=utf-8',
    );
  });

  it.each([
    '/playground/missing.js',
    '/playground/%2e%2e%2fserve-playground.ts',
    '/playground/..%2F..%2Fserver.ts',
    '/playground/serve-playground.ts',
  ])('when %s is asked, then nothing outside the page’s files is served', async (path) => {
    expect((await get(path)).status).toBe(404);
  });

  it('when no tour was given (the emulator alone), then /playground/tour.json says none and why', async () => {
    const { status, body } = await json('GET', '/playground/tour.json');
    expect(status).toBe(200);
    expect(body).toEqual({ tour: null, reason: expect.stringContaining('npm run demo') });
  });

  it('when the state is read, then it carries the seq of the last change it includes', async () => {
    await slack.client().chat.postMessage({ channel: 'C0OPS00001', text: 'hello' });
    const { body } = await json('GET', '/_emulator/state');
    expect(body.seq).toBe(slack.emulator.recentEvents().at(-1)?.seq);
  });
});

describe('the sandbox routes', () => {
  it('when the emulator has no sandbox, then the page is told so and the other routes say how to give one', async () => {
    expect(await json('GET', '/_emulator/sandbox')).toEqual({ status: 200, body: { url: null } });
    const faults = await json('GET', '/_emulator/sandbox/faults');
    expect(faults.status).toBe(404);
    expect(faults.body.error).toMatch(/--sandbox-url/);
  });

  it('when a sandbox URL is set, then the organization and runbooks are read from it and faults and the clock are forwarded', async () => {
    expect(await json('PUT', '/_emulator/sandbox-url', { url: `${sandbox.sandbox.url}/` })).toMatchObject({
      status: 200,
    });
    expect(slack.emulator.sandboxUrl).toBe(sandbox.sandbox.url);
    expect((await json('GET', '/_emulator/sandbox')).body).toEqual({ url: sandbox.sandbox.url });

    const organization = (await json('GET', '/_emulator/sandbox/organization')).body as {
      rootId: string;
      units: Array<{ id: string; name: string; parentId: string }>;
      accounts: Array<{ id: string; name: string; parentId: string }>;
    };
    expect(organization.rootId).toBe('r-sbx1');
    expect(organization.units).toContainEqual({
      id: 'ou-sbx1-dev00001',
      name: 'Development',
      parentId: 'ou-sbx1-workload',
    });
    expect(organization.accounts.find((account) => account.name === 'dev-shared')).toMatchObject({
      id: '555555555501',
      parentId: 'ou-sbx1-dev00001',
    });

    // The failure form's choices: each Automation document with its steps, in order.
    const { runbooks } = (await json('GET', '/_emulator/sandbox/runbooks')).body as {
      runbooks: Array<{ name: string; steps: string[] }>;
    };
    expect(runbooks).toContainEqual({
      name: 'AWS-RestartEC2Instance',
      steps: ['stopInstances', 'startInstances'],
    });
    expect(runbooks.find((runbook) => runbook.name === 'Platform-RollingRestartService')?.steps[0]).toBe(
      'DescribeCluster',
    );

    const added = await json('POST', '/_emulator/sandbox/faults', {
      kind: 'step-failure',
      accountId: '555555555501',
    });
    expect(added.status).toBe(200);
    expect((await sandbox.control.faults()).faults).toEqual([expect.objectContaining({ id: added.body.id })]);
    const refused = await json('POST', '/_emulator/sandbox/faults', { kind: 'step-failure', region: 'mars' });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatch(/region/);
    expect(await json('DELETE', `/_emulator/sandbox/faults/${added.body.id}`)).toMatchObject({ status: 200 });
    expect((await sandbox.control.faults()).faults).toEqual([]);
    expect((await json('POST', '/_emulator/sandbox/clock/settle', {})).body).toHaveProperty(
      'pendingTimers',
      0,
    );
  });

  it('when the page asks for anything else of the sandbox, then it is refused', async () => {
    await json('PUT', '/_emulator/sandbox-url', { url: sandbox.sandbox.url });
    expect((await json('POST', '/_emulator/sandbox/reset', {})).status).toBe(404);
    expect((await json('PUT', '/_emulator/sandbox/latency', { ms: 5000 })).status).toBe(404);
    expect((await json('PUT', '/_emulator/sandbox-url', { url: 'not a url' })).status).toBe(400);
  });

  it('when the sandbox does not answer, then the page gets a 502 that says where it looked', async () => {
    await json('PUT', '/_emulator/sandbox-url', { url: 'http://127.0.0.1:9' });
    const answer = await json('GET', '/_emulator/sandbox/faults');
    expect(answer.status).toBe(502);
    expect(answer.body.error).toMatch(/127\.0\.0\.1:9/);
    await json('PUT', '/_emulator/sandbox-url', { url: sandbox.sandbox.url });
  });
});
