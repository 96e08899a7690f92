// HOST: the address the bot's HTTP server binds, so a deployment can keep it off every interface but one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot } from '../../src/bot/start-bot.js';
import { type BotHarness, startBotHarness } from '../support/bot-harness.js';

let harness: BotHarness;
beforeAll(async () => {
  harness = await startBotHarness({ worker: false });
});
afterAll(() => harness?.close());

const withHost = (HOST: string) => ({ ...harness.config, env: { ...harness.config.env, HOST } });

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
});
