// What the demo prints once everything is up: where to look, how to act from a shell, how to stop.
import type { RunningDemo } from './start-demo.js';

/** The emulator workspace's requester (alice, platform group) and its #ops channel: see config/demo.yml. */
const REQUESTER = 'U0REQUEST1';
const OPS_CHANNEL = 'C0OPS00001';
const FIRST_COMMAND =
  'run AWS-RestartEC2Instance InstanceId=i-0123456789abcdef0 --accounts dev-shared,data-dev';

export function renderDemoBanner(demo: RunningDemo, options: { keepData: boolean }): string {
  const body = JSON.stringify({ userId: REQUESTER, channelId: OPS_CHANNEL, text: FIRST_COMMAND });
  const data = options.keepData ? 'Redis data is kept (--keep-data).' : 'Redis data is removed.';
  return [
    '',
    'ssm-chatops demo is running:',
    `  Playground   ${demo.slackUrl}/   the local Slack: follow its Try it panel, or act as alice in #ops and type /ssm help`,
    `  AWS sandbox  ${demo.sandboxUrl}   AWS_ACCESS_KEY_ID=sandbox AWS_SECRET_ACCESS_KEY=sandbox`,
    `  Bot          ${demo.botUrl}   and a worker, with config/demo.yml`,
    `  Redis        ${demo.redis.url}   ${demo.redis.description}`,
    '',
    'From a shell: send a slash command as alice, then read what Slack shows',
    `  curl -s -XPOST ${demo.slackUrl}/_emulator/slash-command -H 'content-type: application/json' -d '${body}'`,
    `  curl -s ${demo.slackUrl}/_emulator/state`,
    '',
    `Stop with Ctrl-C (or SIGTERM): everything above stops. ${data}`,
    '',
  ].join('\n');
}
