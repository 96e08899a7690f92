// Starts bench/support/bare-bolt-process.ts, the bare Bolt app bench:ack compares the bot with, as the image
// runs Node, against the same Slack emulator and with the same signing secret as the bot.
import { IMAGE_RUNTIME_ENV, type OutsideWorld } from './spawn-bot.js';
import { type SpawnedProcess, spawnProcess } from './spawn-process.js';

export interface BareBoltProcess extends Omit<SpawnedProcess<{ url: string }>, 'ready'> {
  url: string;
}

/** `ack`: acks and does nothing else. `respond`: acks, then a static `respond()` to the response_url. */
export async function spawnBareBolt(
  world: OutsideWorld,
  answer: 'ack' | 'respond',
): Promise<BareBoltProcess> {
  // Type stripping is on by default from Node 23.6; Node 22 asks for it.
  const major = Number(process.versions.node.split('.')[0]);
  const spawned = await spawnProcess<{ url: string }>(
    new URL('./bare-bolt-process.ts', import.meta.url),
    {
      ...IMAGE_RUNTIME_ENV,
      SLACK_SIGNING_SECRET: world.signingSecret,
      SLACK_BOT_TOKEN: world.botToken,
      SLACK_API_URL: world.slackApiUrl.endsWith('/') ? world.slackApiUrl : `${world.slackApiUrl}/`,
      BARE_BOLT_ANSWER: answer,
    },
    major < 23 ? ['--experimental-strip-types', '--no-warnings'] : [],
  );
  return { ...spawned, url: spawned.ready.url };
}
