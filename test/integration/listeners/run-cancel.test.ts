// The run message's Cancel button, through the real Bolt app with AWS faked: who may stop a run, what is stopped,
// and that only the clicker sees the answer.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AutomationGateway, ExecutionRef } from '../../../src/ports.js';
import { ActionId } from '../../../src/slack/ids.js';
import { PEOPLE } from '../../support/approval-builders.js';
import { aRun } from '../../support/builders.js';
import { type ListenerHarness, OPS, startListenerHarness } from '../../support/listener-harness.js';
import { HOME_ACCOUNT_ID } from '../../support/organization-builder.js';
import { homeOnlyAutomation } from '../../support/run-context-builder.js';

const RUN_ID = 'run-7k3m9q2x';
const PARENT = '8f9c4b2a-1d3e-4f5a-9b6c-7d8e9f0a1b2c';
let harness: ListenerHarness;
let stopped: ExecutionRef[];

beforeEach(async () => {
  stopped = [];
  const automation: AutomationGateway = {
    ...homeOnlyAutomation,
    stop: async (execution) => {
      stopped.push(execution);
      return { ok: true, value: undefined };
    },
  };
  harness = await startListenerHarness(undefined, { automation });
  // Alice's multi-account run, its parent execution under way in the operations account.
  await harness.context.runs.create(aRun({ id: RUN_ID, status: 'running', parentExecutionId: PARENT }));
});
afterEach(() => harness?.close());

const cancel = (userId: string) =>
  harness.click({ userId, channelId: OPS, actionId: ActionId.cancelRun, value: RUN_ID });

describe("the run message's Cancel button", () => {
  it('when the requester clicks it, then the parent execution is stopped where it runs, and she alone is told', async () => {
    const { ack, ephemerals } = await cancel(PEOPLE.requester);

    expect(ack).toBeUndefined();
    expect(stopped).toEqual([{ executionId: PARENT, region: 'ap-northeast-1' }]);
    expect(await harness.context.runs.get(RUN_ID)).toMatchObject({
      status: 'cancelling',
      cancelledBy: PEOPLE.requester,
    });
    expect(ephemerals).toHaveLength(1);
    expect(ephemerals[0]).toMatchObject({ channel: OPS, user: PEOPLE.requester });
    expect(ephemerals[0]?.text).toMatch(/^Stopping/);
    expect(harness.scheduler.polledPlaces()).toContain(`${HOME_ACCOUNT_ID}:ap-northeast-1`);
  });

  it('when someone who neither started it nor operates clicks it, then nothing is stopped and they are told who may', async () => {
    const { ephemerals } = await cancel(PEOPLE.bob);

    expect(stopped).toEqual([]);
    expect((await harness.context.runs.get(RUN_ID))?.status).toBe('running');
    expect(ephemerals.map((message) => message.text)).toEqual([
      expect.stringMatching(new RegExp(`only <@${PEOPLE.requester}>, who started it, or an operator can`)),
    ]);
    expect(harness.errorsLogged()).toEqual([]);
  });
});
