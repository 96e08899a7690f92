// HOST: the address the bot's HTTP server binds, so a deployment can keep it off every interface but one.
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot } from '../../src/bot/start-bot.js';
import { type BotHarness, startBotHarness } from '../support/bot-harness.js';

let harness: BotHarness;
beforeAll(async () => {
  harness = await startBotHarness({ worker: false });
});
afterAll(() => harness?.close());

const withHost = (HOST: string, env: Record<string, string> = {}) => ({
  ...harness.config,
  env: { ...harness.config.env, HOST, ...env },
});

/** This machine's first IPv4 address that is not loopback, if it has one. */
const otherAddress = () =>
  Object.values(networkInterfaces())
    .flat()
    .find((address) => address?.family === 'IPv4' && !address.internal)?.address;

/** Whether a TCP connection to `host`:`port` is accepted. */
const accepts = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

describe('the bot’s listen address', () => {
  it.each(['127.0.0.1', '0.0.0.0'])('when HOST is %s, then the bot listens there', async (host) => {
    const bot = await startBot(withHost(host), harness.services, harness.logger, 0);
    try {
      expect(bot.host).toBe(host);
      expect((await fetch(`http://127.0.0.1:${bot.port}/healthz`)).status).toBe(200);
    } finally {
      await bot.close();
    }
  });

  it('when the harness starts the bot, then it listens on loopback only', () => {
    expect(harness.bot.host).toBe('127.0.0.1');
  });

  it.skipIf(!otherAddress())(
    'when HOST is 127.0.0.1, then the bot is not reachable on the machine’s other address',
    async () => {
      const bot = await startBot(withHost('127.0.0.1'), harness.services, harness.logger, 0);
      const wide = await startBot(withHost('0.0.0.0'), harness.services, harness.logger, 0);
      try {
        expect(await accepts('127.0.0.1', bot.port)).toBe(true);
        expect(await accepts(otherAddress()!, bot.port)).toBe(false);
        // The same address reaches a bot bound to every interface: the refusal above is the binding's.
        expect(await accepts(otherAddress()!, wide.port)).toBe(true);
      } finally {
        await bot.close();
        await wide.close();
      }
    },
  );

  it('when the bot runs over Socket Mode, then its routes’ server listens on HOST too', async () => {
    const config = withHost('127.0.0.1', { SLACK_APP_TOKEN: harness.slack.appToken });
    const bot = await startBot(config, harness.services, harness.logger, 0);
    try {
      expect(bot.host).toBe('127.0.0.1');
      expect((await fetch(`http://127.0.0.1:${bot.port}/healthz`)).status).toBe(200);
    } finally {
      await bot.close();
    }
  });
});
