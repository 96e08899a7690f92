// The poller the bot is compared with: GetAutomationExecution for every started execution every interval until
// it ends, after finding each multi-account child once by its parent's id. What the bot's tracking avoids.
import {
  DescribeAutomationExecutionsCommand,
  GetAutomationExecutionCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { Run } from '../../src/core/run/run.js';

const FINAL = new Set([
  'Success',
  'Failed',
  'TimedOut',
  'Cancelled',
  'CompletedWithSuccess',
  'CompletedWithFailure',
]);

export interface NaivePoller {
  /** Resolves with the GetAutomationExecution calls made, once every child has ended. */
  finished: Promise<number>;
  /** DescribeAutomationExecutions calls made to find multi-account children. */
  discoveryCalls(): number;
  /** AssumeRole calls its clients made (one per account), before or during the run. */
  assumeRoleCalls(): number;
}

/** SSM clients in member accounts, one role session per account; `prepare` assumes the roles before a run. */
export function naiveClients(sandboxUrl: string) {
  const sts = new STSClient({
    endpoint: sandboxUrl,
    region: 'ap-northeast-1',
    credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
  });
  const sessions = new Map<string, ReturnType<typeof assumeRole>>();
  const clients = new Map<string, Promise<SSMClient>>();
  // One account's STS answers every AssumeRole here: with quotas on, thousands at once are throttled, and the
  // SDK's retry quota (per client) runs out long before they are through. Wait and try again, as the bot does.
  async function assumeRole(accountId: string) {
    for (let attempt = 1; ; attempt++) {
      try {
        const { Credentials } = await sts.send(
          new AssumeRoleCommand({
            RoleArn: `arn:aws:iam::${accountId}:role/SsmChatOpsReadOnly`,
            RoleSessionName: 'naive',
          }),
        );
        return {
          accessKeyId: Credentials!.AccessKeyId!,
          secretAccessKey: Credentials!.SecretAccessKey!,
          sessionToken: Credentials!.SessionToken!,
        };
      } catch (error) {
        if ((error as Error).name !== 'Throttling' || attempt >= 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * Math.min(attempt, 20)));
      }
    }
  }
  const session = (accountId: string) => {
    let made = sessions.get(accountId);
    if (!made) {
      made = assumeRole(accountId);
      sessions.set(accountId, made);
    }
    return made;
  };
  const client = (accountId: string, region: string) => {
    const key = `${accountId}:${region}`;
    let made = clients.get(key);
    if (!made) {
      made = session(accountId).then(
        (credentials) => new SSMClient({ endpoint: sandboxUrl, region, credentials }),
      );
      clients.set(key, made);
    }
    return made;
  };
  return {
    client,
    /** Assumes the role in every account now, so the AssumeRole calls are not counted in (or slow) a run. */
    prepare: async (accountIds: readonly string[]) => {
      await Promise.all(accountIds.map(session));
    },
    /** AssumeRole calls made so far: one per account. */
    assumeRoleCalls: () => sessions.size,
  };
}

/** Follows the run `readRun` returns (read again every round) against the sandbox at `sandboxUrl`. */
export function naivePoller(
  sandboxUrl: string,
  readRun: () => Promise<Run>,
  intervalMs: number,
  clients = naiveClients(sandboxUrl),
): NaivePoller {
  const client = clients.client;
  const done = new Set<string>();
  /** Child ids as the naive poller finds them: a multi-account child is looked up once by its parent's id. */
  const ids = new Map<string, string>();
  let reads = 0;
  let discovery = 0;
  const finished = (async () => {
    for (;;) {
      const run = await readRun();
      await Promise.all(
        run.children.map(async (child) => {
          const key = `${child.accountId}:${child.region}`;
          let id = ids.get(key) ?? child.executionId;
          const ssm = await client(child.accountId, child.region);
          if (!id && run.parentExecutionId) {
            discovery++;
            const { AutomationExecutionMetadataList = [] } = await ssm.send(
              new DescribeAutomationExecutionsCommand({
                Filters: [{ Key: 'ParentExecutionId', Values: [run.parentExecutionId] }],
              }),
            );
            id = AutomationExecutionMetadataList[0]?.AutomationExecutionId;
          }
          if (!id || done.has(id)) return;
          ids.set(key, id);
          reads++;
          const { AutomationExecution } = await ssm.send(
            new GetAutomationExecutionCommand({ AutomationExecutionId: id }),
          );
          if (FINAL.has(AutomationExecution?.AutomationExecutionStatus ?? '')) done.add(id);
        }),
      );
      if (done.size === run.children.length) return reads;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  return { finished, discoveryCalls: () => discovery, assumeRoleCalls: clients.assumeRoleCalls };
}
