// Starts a sandbox for one test file and builds real AWS SDK v3 clients pointed at it.
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { SSMClient } from '@aws-sdk/client-ssm';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { SandboxControlClient } from '../../src/sandbox/control-client.js';
import { type RunningSandbox, type SandboxOptions, startSandbox } from '../../src/sandbox/server.js';

export interface SandboxCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** The home principal of the default fixture: the bot's identity in the operations account. */
export const HOME_CREDENTIALS: SandboxCredentials = { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' };
export const OPERATIONS_ACCOUNT = '222222222222';

export interface ClientOptions {
  region?: string;
  credentials?: SandboxCredentials;
  maxAttempts?: number;
}

export interface TestSandbox {
  sandbox: RunningSandbox;
  control: SandboxControlClient;
  ssm(options?: ClientOptions): SSMClient;
  sts(options?: ClientOptions): STSClient;
  organizations(options?: ClientOptions): OrganizationsClient;
  events(options?: ClientOptions): EventBridgeClient;
  /** STS AssumeRole as `as` (default: the home principal), returning the session's credentials. */
  assumeRole(
    roleArn: string,
    sessionName: string,
    options?: { externalId?: string; as?: SandboxCredentials; durationSeconds?: number },
  ): Promise<SandboxCredentials>;
  close(): Promise<void>;
}

/** Manual clock and no throttling unless asked: tests drive time and throttling explicitly. */
export async function startTestSandbox(options: SandboxOptions = {}): Promise<TestSandbox> {
  const sandbox = await startSandbox({ timeScale: 0, throttling: false, ...options });
  const clients: Array<{ destroy(): void }> = [];
  const config = (options: ClientOptions = {}) => ({
    endpoint: sandbox.url,
    region: options.region ?? 'ap-northeast-1',
    credentials: options.credentials ?? HOME_CREDENTIALS,
    maxAttempts: options.maxAttempts ?? 3,
  });
  const track = <T extends { destroy(): void }>(client: T) => {
    clients.push(client);
    return client;
  };
  const sts = (o?: ClientOptions) => track(new STSClient(config(o)));
  return {
    sandbox,
    control: new SandboxControlClient(sandbox.url),
    ssm: (o) => track(new SSMClient(config(o))),
    sts,
    organizations: (o) => track(new OrganizationsClient(config(o))),
    events: (o) => track(new EventBridgeClient(config(o))),
    assumeRole: async (roleArn, sessionName, options = {}) => {
      const { Credentials } = await sts({ credentials: options.as }).send(
        new AssumeRoleCommand({
          RoleArn: roleArn,
          RoleSessionName: sessionName,
          ExternalId: options.externalId,
          DurationSeconds: options.durationSeconds,
        }),
      );
      return {
        accessKeyId: Credentials!.AccessKeyId!,
        secretAccessKey: Credentials!.SecretAccessKey!,
        sessionToken: Credentials!.SessionToken!,
      };
    },
    close: async () => {
      for (const client of clients) client.destroy();
      await sandbox.close();
    },
  };
}
