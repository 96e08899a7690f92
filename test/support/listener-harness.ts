// The bot's Bolt app as createSlackApp builds it, driven through a fake receiver: real payloads in, the memory
// stores behind the use cases, and Slack's side (Web API and response_urls) recorded by a local fake.
import type { App } from '@slack/bolt';
import { createLogger } from '../../src/logging/logger.js';
import { createSlackApp } from '../../src/slack/create-slack-app.js';
import { type AckBody, FakeReceiver } from './fake-receiver.js';
import { FakeSlackApi, type ResponseUrlPost } from './fake-slack-api.js';
import {
  type MemoryRunContext,
  type MemoryRunContextOptions,
  memoryRunContext,
} from './memory-run-context.js';
import { aButtonClick, aSlashCommand, aViewSubmission } from './slack-payloads.js';

export const OPS = 'C0OPS00001';
export const APPROVALS = 'C0APPROVE1';

/** Policies and a change template over the sandbox organization and the workspace's groups, as YAML writes them. */
export const LISTENER_CONFIG = {
  aws: { homeRegion: 'ap-northeast-1', regions: ['ap-northeast-1', 'us-east-1'] },
  runs: { defaultMode: 'multi-account', defaultRegions: ['ap-northeast-1'] },
  slack: { operators: { users: ['U0OPERATE1'] }, channels: { approvals: APPROVALS } },
  policies: [{ name: 'platform-anything', when: { userGroups: ['S0PLATFORM'] }, runbooks: ['*'] }],
  approvalTemplates: [
    {
      name: 'prod-change',
      governs: { runbooks: ['Platform-CleanupUnusedAmis'], organizationalUnits: ['ou-sbx1-prod0001'] },
      levels: [
        { name: 'SRE leads', approvers: { userGroups: ['S0SRELEADS'] } },
        { name: 'Security', approvers: { userGroups: ['S0SECURITY'] } },
      ],
      reasonRequired: { onRequest: false, onReject: true },
    },
  ],
};

/** The flows' clock: stands still, so what is rendered from it is the same on every path. */
export const NOW = new Date('2025-06-02T01:30:00.000Z');

export interface ListenerHarness extends MemoryRunContext {
  app: App;
  receiver: FakeReceiver;
  slack: FakeSlackApi;
  /** Every log line (JSON) of the bot's logger, warnings and errors included. */
  logLines: string[];
  /** `/ssm <text>`: what it acked with, and what it then posted to the command's response_url. */
  command(
    userId: string,
    text: string,
    channelId?: string,
  ): Promise<{ ack: AckBody; replies: ResponseUrlPost[] }>;
  /** A button click on a bot message in `channelId`: what it acked with, and the ephemerals it posted. */
  click(input: {
    userId: string;
    channelId: string;
    actionId: string;
    value: string;
  }): Promise<{ ack: AckBody; ephemerals: Array<Record<string, unknown>> }>;
  /** A modal's submission: what the listener acked with (a view submission answers in its ack). */
  submitView(input: Parameters<typeof aViewSubmission>[0]): Promise<{ ack: AckBody; acks: AckBody[] }>;
  /** Log lines at error level or above (a listener that threw reaches Bolt's error handler and is logged). */
  errorsLogged(): string[];
  close(): Promise<void>;
}

/** `fakes` stand in for AWS (only the home account is known otherwise) and the flows' log. */
export async function startListenerHarness(
  fileConfig: Record<string, unknown> = LISTENER_CONFIG,
  fakes: Pick<MemoryRunContextOptions, 'automation' | 'calendar' | 'log' | 'channelMembers'> = {},
  /** Whether the store answers (default: no gate, as when the bot has no Redis to check). */
  storeAnswers?: () => Promise<boolean>,
): Promise<ListenerHarness> {
  const slack = await FakeSlackApi.start();
  const logLines: string[] = [];
  const logger = createLogger({ level: 'info', destination: { write: (line) => void logLines.push(line) } });
  const clientOptions = { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } };
  const memory = memoryRunContext({
    ...fakes,
    fileConfig,
    logger,
    now: () => new Date(NOW),
  });
  const receiver = new FakeReceiver();
  const app = createSlackApp(
    {
      signingSecret: 'unused',
      botToken: 'xoxb-listener-tests',
      clientOptions,
      routes: [],
      receiver,
      ...(storeAnswers && { storeAnswers }),
    },
    { run: memory.context, logger },
  );
  const ephemeralsSince = (before: number) =>
    slack.calls.slice(before).flatMap((call) => (call.method === 'chat.postEphemeral' ? [call.args] : []));
  return {
    ...memory,
    app,
    receiver,
    slack,
    logLines,
    command: async (userId, text, channelId = OPS) => {
      const responseUrl = slack.responseUrl();
      const { ack } = await receiver.send(aSlashCommand({ userId, channelId, text, responseUrl }));
      return { ack, replies: slack.responses.filter((post) => responseUrl.endsWith(`/${post.id}`)) };
    },
    click: async (input) => {
      const before = slack.calls.length;
      const { ack } = await receiver.send(aButtonClick({ ...input, responseUrl: slack.responseUrl() }));
      return { ack, ephemerals: ephemeralsSince(before) };
    },
    submitView: (input) => receiver.send(aViewSubmission(input)),
    errorsLogged: () => logLines.filter((line) => (JSON.parse(line) as { level: number }).level >= 50),
    close: () => slack.close(),
  };
}
