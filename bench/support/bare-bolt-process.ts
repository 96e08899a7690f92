// A bare Bolt app, the yardstick of bench:ack: Bolt's HTTP receiver with the bot's signing secret, acking
// `/ssm` and the run buttons and nothing else (BARE_BOLT_ANSWER=respond: then a static `respond()`, the
// cheapest visible answer). It imports only Bolt, so Node runs it as it is (type stripping), with no loader
// hooks: as close as a .ts file gets to the bot's compiled dist/. Prints one JSON line, { url }, when listening.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';

const signingSecret = required('SLACK_SIGNING_SECRET');
const answer = process.env.BARE_BOLT_ANSWER === 'respond' ? 'respond' : 'ack';

// The bot's own Bolt settings (src/slack/create-slack-app.ts): the same receiver, ack before the listener
// finishes, no conversation store; the same token, checked once against the same Slack emulator.
const receiver = new HTTPReceiver({ signingSecret, processBeforeResponse: false, logLevel: LogLevel.WARN });
const app = new App({
  token: required('SLACK_BOT_TOKEN'),
  receiver,
  clientOptions: { slackApiUrl: required('SLACK_API_URL') },
  logLevel: LogLevel.WARN,
  processBeforeResponse: false,
  convoStore: false,
});

app.command('/ssm', async ({ ack, respond }) => {
  await ack();
  if (answer === 'respond') await respond({ response_type: 'ephemeral', text: 'Dry run: nothing starts.' });
});
app.action(/^run\./, async ({ ack }) => {
  await ack();
});

const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
process.stdout.write(
  `${JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })}\n`,
);
const stop = () => app.stop().finally(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}
