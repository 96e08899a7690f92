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
  /** AssumeRole calls made: one per account and region. */
  assumeRoleCalls(): number;
}

/** Follows the run `readRun` returns (read again every round) against the sandbox at `sandboxUrl`. */
export function naivePoller(
  sandboxUrl: string,
  readRun: () => Promise<Run>,
  intervalMs: number,
): NaivePoller {
  const clients = new Map<string, Promise<SSMClient>>();
  const sts = new STSClient({
    endpoint: sandboxUrl,
    region: 'ap-northeast-1',
    credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
  });
  const client = (accountId: string, region: string) => {
    const key = `${accountId}:${region}`;
    let made = clients.get(key);
    if (!made) {
      made = sts
        .send(
          new AssumeRoleCommand({
            RoleArn: `arn:aws:iam::${accountId}:role/SsmChatOpsReadOnly`,
            RoleSessionName: 'naive',
          }),
        )
        .then(
          ({ Credentials }) =>
            new SSMClient({
              endpoint: sandboxUrl,
              region,
              credentials: {
                accessKeyId: Credentials!.AccessKeyId!,
                secretAccessKey: Credentials!.SecretAccessKey!,
                sessionToken: Credentials!.SessionToken!,
              },
            }),
        );
      clients.set(key, made);
    }
    return made;
  };
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
  return { finished, discoveryCalls: () => discovery, assumeRoleCalls: () => clients.size };
}
