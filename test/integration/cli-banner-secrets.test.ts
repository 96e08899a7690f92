// The emulators print their own development credentials (that is what their banners are for), never a secret of
// the environment they were started in: `ssm-chatops sandbox` and `slack-emulator` as processes, logging at trace
// (the demo, which takes nothing secret from its environment, is checked in test/e2e/demo.test.ts).
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { ENVIRONMENT_SECRETS, secretsIn } from '../support/find-leaked-secrets.js';

const started: ChildProcess[] = [];
afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/**
 * Starts the command with the secrets in its environment and stops it once it printed every `ready` line (the
 * banner and the log line may come in either order); resolves with all it printed.
 */
async function printedBy(args: string[], ready: RegExp[]): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      LOG_LEVEL: 'trace',
      AWS_ACCESS_KEY_ID: 'AKIAFROMTHEENVIRONMENT',
      ...Object.fromEntries(ENVIRONMENT_SECRETS.map((secret) => [secret.name, secret.value])),
    },
  });
  started.push(child);
  let printed = '';
  // 'close', not 'exit': the output is complete only once its pipes are.
  const closed = once(child, 'close');
  await new Promise<void>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      printed += chunk.toString('utf8');
      if (ready.every((line) => line.test(printed))) resolve();
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) =>
      reject(new Error(`${args[0]} exited (${code}) before its banner:\n${printed}`)),
    );
  });
  child.kill('SIGTERM');
  await closed;
  return printed;
}

describe('emulator banners and logs', () => {
  it('when the Slack emulator starts with Slack secrets in its environment, then it prints its workspace token and signing secret, never those', async () => {
    const printed = await printedBy(
      ['slack-emulator', '--port', '0'],
      [/SLACK_SIGNING_SECRET=.*\n/, /Slack emulator listening/],
    );
    expect(printed).toContain('SLACK_BOT_TOKEN=xoxb-sandbox-bot-token');
    expect(printed).toContain('SLACK_SIGNING_SECRET=sandbox-signing-secret');
    expect(printed).toContain('Slack emulator listening');
    expect(secretsIn(printed, ENVIRONMENT_SECRETS)).toEqual([]);
  });

  it('when the AWS sandbox starts with AWS credentials in its environment, then it prints its own, never those', async () => {
    const printed = await printedBy(
      ['sandbox', '--port', '0'],
      [/AWS_SECRET_ACCESS_KEY=.*\n/, /AWS sandbox listening/],
    );
    expect(printed).toContain('AWS_ACCESS_KEY_ID=sandbox AWS_SECRET_ACCESS_KEY=sandbox');
    expect(printed).toContain('AWS sandbox listening');
    expect(secretsIn(printed, ENVIRONMENT_SECRETS)).toEqual([]);
  });
});
