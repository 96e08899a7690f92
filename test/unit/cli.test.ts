// The CLI: help, usage errors with exit code 2, a real `ssm-chatops sandbox` process the SDK can talk to, and its flags.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import {
  CreateApiDestinationCommand,
  CreateConnectionCommand,
  EventBridgeClient,
} from '@aws-sdk/client-eventbridge';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { fakeCliIo as fakeIo } from '../support/fake-cli-io.js';

describe('ssm-chatops CLI', () => {
  it('when asked for help, then it lists the commands and exits 0', async () => {
    const run = fakeIo();
    expect(await main(['--help'], run.io)).toBe(0);
    expect(run.out()).toContain('sandbox');
  });

  it('when a subcommand is asked for help, then its flags are listed', async () => {
    const run = fakeIo();
    expect(await main(['sandbox', '--help'], run.io)).toBe(0);
    expect(run.out()).toMatch(/--time-scale X/);
  });

  it.each([
    [['deploy'], /unknown command "deploy"/],
    [['sandbox', '--prot', '1'], /unknown flag --prot for "ssm-chatops sandbox"/],
    [['sandbox', '--port'], /--port needs a value/],
    [['sandbox', '--port', 'eighty'], /--port must be an integer from 0 to 65535, got "eighty"/],
    [['sandbox', '--port', '70000'], /--port must be an integer/],
    [['sandbox', '--time-scale=-1'], /--time-scale must be a number of 0 or more/],
    [['sandbox', 'extra'], /unexpected argument extra/],
  ])('when run as %j, then it explains the mistake and exits 2', async (argv, message) => {
    const run = fakeIo();
    expect(await main(argv, run.io)).toBe(2);
    expect(run.err()).toMatch(message);
    expect(run.err()).toContain('--help');
  });

  it.each([
    ['bot', /SLACK_SIGNING_SECRET/],
    ['worker', /SLACK_BOT_TOKEN/],
    ['start', /Takes the settings/],
    ['slack-emulator', /--request-url URL/],
  ])('when `%s --help` is asked, then it explains its settings', async (command, expected) => {
    const run = fakeIo();
    expect(await main([command, '--help'], run.io)).toBe(0);
    expect(run.out()).toMatch(expected);
  });

  it.each([
    [['bot'], ['SLACK_SIGNING_SECRET: is required', 'SLACK_BOT_TOKEN: is required']],
    [['worker'], ['SLACK_BOT_TOKEN: is required']],
    [['start'], ['SLACK_SIGNING_SECRET: is required', 'SLACK_BOT_TOKEN: is required']],
  ])(
    'when `%j` runs without Slack credentials, then it names each missing key and exits 78',
    async (argv, keys) => {
      const run = fakeIo({ AWS_REGION: 'ap-northeast-1' });
      expect(await main(argv, run.io)).toBe(78);
      for (const key of keys) expect(run.err()).toContain(key);
    },
  );

  it('when the worker runs without a region, then AWS_REGION is named', async () => {
    const run = fakeIo({ SLACK_BOT_TOKEN: 'xoxb-1-2-3' });
    expect(await main(['worker'], run.io)).toBe(78);
    expect(run.err()).toContain('AWS_REGION');
  });

  it.each([
    [['bot', '--port', '1'], /unknown flag --port for "ssm-chatops bot"/],
    [['slack-emulator', '--port', 'x'], /--port must be an integer/],
  ])('when run as %j, then it is a usage error', async (argv, message) => {
    const run = fakeIo();
    expect(await main(argv, run.io)).toBe(2);
    expect(run.err()).toMatch(message);
  });

  it('when no command is given, then it prints the usage and exits 2', async () => {
    const run = fakeIo();
    expect(await main([], run.io)).toBe(2);
    expect(run.out()).toContain('Usage: ssm-chatops');
  });

  it('when the environment is invalid, then the key is named and the exit code says configuration', async () => {
    const run = fakeIo({ SANDBOX_PORT: 'abc' });
    expect(await main(['sandbox'], run.io)).toBe(78);
    expect(run.err()).toContain('SANDBOX_PORT');
  });

  it('when `ssm-chatops sandbox` runs as a process, then the SDK can call it and SIGTERM stops it cleanly', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli.ts', 'sandbox', '--port', '0', '--time-scale', '0'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, LOG_LEVEL: 'warn' },
      },
    );
    try {
      const lines = createInterface({ input: child.stdout! });
      let url: string | undefined;
      for await (const line of lines) {
        url = /^AWS_ENDPOINT_URL=(\S+)/.exec(line)?.[1];
        if (url) break;
      }
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const sts = new STSClient({
        endpoint: url,
        region: 'us-east-1',
        credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
      });
      const identity = await sts.send(new GetCallerIdentityCommand({}));
      sts.destroy();
      expect(identity.Account).toBe('222222222222');
      child.kill('SIGTERM');
      const [code] = await once(child, 'exit');
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it.each([
    [['--allow-http-api-destinations'], 'takes'],
    [[], 'refuses'],
  ])(
    'when `ssm-chatops sandbox %j` runs, then CreateApiDestination %s an http:// endpoint',
    async (flags, verdict) => {
      const run = fakeIo({ LOG_LEVEL: 'warn' });
      let stop: (signal: string) => void = () => {};
      run.io.shutdownSignal = () => new Promise((resolve) => (stop = resolve));
      const exit = main(['sandbox', '--port', '0', '--time-scale', '0', ...flags], run.io);
      await vi.waitFor(() => expect(run.out()).toMatch(/AWS_ENDPOINT_URL=/), { timeout: 10_000 });
      const events = new EventBridgeClient({
        endpoint: /AWS_ENDPOINT_URL=(\S+)/.exec(run.out())![1],
        region: 'us-east-1',
        credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
        maxAttempts: 1,
      });
      try {
        const { ConnectionArn } = await events.send(
          new CreateConnectionCommand({
            Name: 'local',
            AuthorizationType: 'API_KEY',
            AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-key', ApiKeyValue: 'k' } },
          }),
        );
        const created = events.send(
          new CreateApiDestinationCommand({
            Name: 'local',
            ConnectionArn,
            InvocationEndpoint: 'http://127.0.0.1:3000/aws/events',
            HttpMethod: 'POST',
          }),
        );
        if (verdict === 'takes')
          await expect(created).resolves.toMatchObject({ ApiDestinationState: 'ACTIVE' });
        else await expect(created).rejects.toMatchObject({ name: 'ValidationException' });
      } finally {
        events.destroy();
        stop('SIGTERM');
      }
      expect(await exit).toBe(0);
    },
  );
});
