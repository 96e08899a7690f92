// What an e2e test of change requests does as a person: ask in #ops, read the change id from the answer, find
// the request message in the approvals channel. Shared by the approval and scheduling tests.
import type { BotHarness } from './bot-harness.js';

export const CHANGE_ID = /chg-[a-km-np-z2-9]{8}/;

export interface ChangeRequestChannels {
  /** Where people ask (`/ssm run …`). */
  ops: string;
  /** The template's approvals channel, where request messages go. */
  approvals: string;
  timeoutMs: number;
}

export function changeRequestSteps(harness: () => BotHarness, channels: ChangeRequestChannels) {
  const waitForSlack = <T>(find: (slack: BotHarness['slack']) => T | undefined) =>
    harness().slack.waitFor(find, { timeoutMs: channels.timeoutMs });

  /** Sends `/ssm <text>` as `userId` in #ops and returns the bot's ephemeral answer. */
  async function ask(userId: string, text: string) {
    const before = harness().slack.ephemerals(userId, channels.ops).length;
    await harness().slack.driver.slashCommand({ userId, channelId: channels.ops, text });
    return waitForSlack((slack) => slack.ephemerals(userId, channels.ops)[before]);
  }

  /** Sends the command and returns the id of the change request it opened (from the requester's reply). */
  async function request(userId: string, text: string): Promise<string> {
    const reply = await ask(userId, text);
    const id = CHANGE_ID.exec(reply.text ?? '')?.[0];
    if (!id) throw new Error(`no change request in the reply: ${reply.text}`);
    return id;
  }

  /** The request message in the approvals channel, once the outbox has posted it. */
  const requestMessage = (changeId: string) =>
    waitForSlack((slack) =>
      slack.messages(channels.approvals).find((message) => message.text?.includes(changeId)),
    );

  return { waitForSlack, ask, request, requestMessage };
}
