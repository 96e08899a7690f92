// The runtime image's files, staged as the Dockerfile stages them (scripts/stage-runtime.mjs after a build): they
// carry no sandbox, Slack emulator, playground, demo or fixtures, and a bot and a worker started from them, as
// plain node processes, run a multi-account run to its end in Slack.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BotHarness, freePort, ONE_LEAD_CONFIG, startBotHarness } from '../support/bot-harness.js';
import { untilRunEnds } from '../support/run-driving.js';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process.js';

const run = promisify(execFile);
const REPO = resolve(import.meta.dirname, '../..');
const ALICE = 'U0REQUEST1'; // platform: may run anything
const OPS = 'C0OPS00001';
const RUN_ID = /run-[a-km-np-z2-9]{8}/;

let workspace: string;
let staged: string;
let stagedSummary: { modules: number; appBytes: number };
let harness: BotHarness | undefined;
const processes: WorkerProcess[] = [];

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

beforeAll(async () => {
  // A build of its own (the repository's dist may be stale or absent), then the staging the image runs.
  workspace = mkdtempSync(join(tmpdir(), 'runtime-image-'));
  await run(process.execPath, [
    join(REPO, 'node_modules/typescript/bin/tsc'),
    '-p',
    join(REPO, 'tsconfig.build.json'),
    '--outDir',
    join(workspace, 'dist'),
    '--declaration',
    'false',
  ]);
  cpSync(join(REPO, 'package.json'), join(workspace, 'package.json'));
  symlinkSync(join(REPO, 'node_modules'), join(workspace, 'node_modules'));
  staged = join(workspace, 'runtime');
  const { stdout } = await run(
    process.execPath,
    [join(REPO, 'scripts/stage-runtime.mjs'), '--out', staged, '--node-modules', 'link'],
    { cwd: workspace },
  );
  stagedSummary = JSON.parse(stdout);
}, 180_000);

afterAll(async () => {
  await Promise.all(processes.map((child) => child.stop().catch(() => {})));
  await harness?.close();
  rmSync(workspace, { recursive: true, force: true });
});

describe('the runtime image', () => {
  it('carries the bot and the worker, and no sandbox, Slack emulator, playground, demo or fixtures', () => {
    const files = filesUnder(staged).filter((file) => !file.startsWith('node_modules'));
    expect(stagedSummary.modules).toBeGreaterThan(100);
    expect(files).toContain('dist/runtime-cli.js');
    expect(files).toContain('dist/bot/start-bot.js');
    expect(files).toContain('dist/bot/start-worker.js');
    const outsideRuntime = files.filter((file) =>
      /^(dist\/(sandbox|demo|slack-emulator)\/|fixtures\/|config\/)/.test(file),
    );
    // Slack's Block Kit limits are the one emulator file the renderers share (a table of numbers).
    expect(outsideRuntime).toEqual(['dist/slack-emulator/block-kit/block-kit-limits.js']);
    expect(files.filter((file) => /playground|\.map$|\.d\.ts$/.test(file))).toEqual([]);
  });

  it('offers the runtime commands only', async () => {
    const cli = join(staged, 'dist/runtime-cli.js');
    const { stdout } = await run(process.execPath, [cli, '--help']);
    const commands = stdout
      .split('\n')
      .filter((line) => line.startsWith('  '))
      .map((line) => line.trim().split(/\s{2,}/)[0]);
    expect(commands).toEqual([
      'bot',
      'worker',
      'start',
      'events setup',
      'events teardown',
      'doctor',
      'audit export',
    ]);
    const refused = await run(process.execPath, [cli, 'sandbox']).catch((error) => error);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('unknown command "sandbox"');
  });

  it('runs a multi-account run to its end with a bot and a worker started from its files', async () => {
    harness = await startBotHarness({ config: ONE_LEAD_CONFIG, worker: false });
    const compiledEntry = join(staged, 'dist/runtime-cli.js');
    const port = await freePort();
    processes.push(
      await startWorkerProcess(
        harness,
        ONE_LEAD_CONFIG,
        { PORT: String(port) },
        { command: 'bot', compiledEntry },
      ),
      await startWorkerProcess(harness, ONE_LEAD_CONFIG, {}, { compiledEntry }),
    );
    harness.slack.setRequestUrl(`http://127.0.0.1:${port}/slack/events`);

    await harness.slack.driver.slashCommand({
      userId: ALICE,
      channelId: OPS,
      text: 'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --accounts dev-shared,log-archive --regions ap-northeast-1',
    });
    const answer = await harness.slack.waitFor(
      (slack) => slack.ephemerals(ALICE, OPS).find((message) => RUN_ID.test(message.text ?? '')),
      { timeoutMs: 20_000, description: 'the run id in the answer' },
    );
    const runId = RUN_ID.exec(answer.text ?? '')![0];
    const ended = await untilRunEnds(harness, runId, 30_000);
    expect(ended.status).toBe('succeeded');
    expect(ended.children.map((child) => `${child.accountId}:${child.status}`).sort()).toEqual([
      '555555555501:Success',
      '666666666601:Success',
    ]);
    // The worker process posted the thread: one reply per account, under the run's message.
    await harness.slack.waitFor(
      (slack) => {
        const parent = slack.messages(OPS).find((message) => message.text?.includes(runId));
        const replies = parent ? slack.thread(OPS, parent.ts).slice(1) : [];
        return ['dev-shared', 'log-archive'].every((name) =>
          replies.some((reply) => reply.text?.includes(name)),
        );
      },
      { timeoutMs: 20_000, description: "a reply per account in the run's thread" },
    );
  }, 90_000);
});
