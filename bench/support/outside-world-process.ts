// Everything outside the bot, in one process for benchmarks: the AWS sandbox, Redis, the Slack emulator (its
// rate limits off: the bot is measured, not Slack) and a sink for response_url posts. Prints one JSON line.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSandbox } from '../../src/sandbox/server.js';
import { startSlackEmulator } from '../../src/slack-emulator/index.js';
import { startTestRedis } from '../../test/support/redis.js';

// BENCH_FIXTURE, BENCH_TIME_SCALE: a larger organization, real time (1) or a frozen clock (0).
const [sandbox, redis, slack] = await Promise.all([
  startSandbox({
    port: 0,
    timeScale: Number(process.env.BENCH_TIME_SCALE ?? 60),
    throttling: false,
    fixturePath: process.env.BENCH_FIXTURE || undefined,
  }),
  startTestRedis(),
  startSlackEmulator({ now: Date.now, rateLimits: 'off' }),
]);
const sink = createServer((request, response) => {
  request.resume();
  request.on('end', () => response.end('ok'));
});
await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));

process.stdout.write(
  `${JSON.stringify({
    sandboxUrl: sandbox.url,
    redisUrl: redis.url,
    slackUrl: slack.url,
    slackApiUrl: slack.apiUrl,
    signingSecret: slack.signingSecret,
    botToken: slack.botToken,
    sinkUrl: `http://127.0.0.1:${(sink.address() as AddressInfo).port}/response`,
  })}\n`,
);

const stop = () => {
  sink.close();
  Promise.all([slack.close(), sandbox.close(), redis.stop()]).finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
