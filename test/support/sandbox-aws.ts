// The bot's real AWS adapters (src/aws) against an in-process sandbox, for use-case tests that need AWS
// behaviour: what starts, what a poll reads, what a stop does. The sandbox's clock stands still until moved.
import { AssumedRoleCredentials } from '../../src/aws/assumed-role-credentials.js';
import { AwsClients } from '../../src/aws/aws-clients.js';
import { OrganizationsAccountDirectory } from '../../src/aws/organizations-account-directory.js';
import { SsmAutomationGateway } from '../../src/aws/ssm-automation-gateway.js';
import { SsmChangeCalendar } from '../../src/aws/ssm-change-calendar.js';
import { SsmRunbookCatalog } from '../../src/aws/ssm-runbook-catalog.js';
import { SsmTargetReadiness } from '../../src/aws/ssm-target-readiness.js';
import type { ExecutionRecord } from '../../src/sandbox/automation/execution.js';
import type { SandboxWorld } from '../../src/sandbox/world.js';
import { type RunContextOverrides, START } from './run-context-builder.js';
import { HOME_CREDENTIALS, startTestSandbox, type TestSandbox } from './sandbox.js';

export interface SandboxAws {
  sandbox: TestSandbox;
  /** The adapters, ready to pass to `aRunContext`. */
  adapters: Required<
    Pick<RunContextOverrides, 'automation' | 'accounts' | 'catalog' | 'calendar' | 'readiness'>
  >;
  /** The sandbox's world as it stands (a reset replaces it). */
  world(): SandboxWorld;
  /** Every execution in one account and region, oldest first. */
  executions(accountId: string, region: string): ExecutionRecord[];
  /** Moves the sandbox's clock (executions step on). */
  advance(seconds: number): Promise<void>;
  /** Forgets every execution, fault and cached credential: a fresh world for the next test. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** As the sandbox fixture names them (fixtures/sandbox/organization.yml). */
const ROLES = {
  fanOutRoleName: 'SsmChatOpsExecution',
  readRoleName: 'SsmChatOpsReadOnly',
  externalId: 'ssm-chatops-sandbox',
};

export async function startSandboxAws(): Promise<SandboxAws> {
  const sandbox = await startTestSandbox({ startTime: START });
  let clients: AwsClients;
  const adapters = {} as SandboxAws['adapters'];
  // New adapters on reset too: their caches (assumed roles, organization, runbooks) belong to the old world.
  const build = () => {
    clients = new AwsClients({
      homeRegion: 'ap-northeast-1',
      endpoint: sandbox.sandbox.url,
      credentials: HOME_CREDENTIALS,
      maxAttempts: 1,
    });
    // Credentials expire by the sandbox's clock, which starts at the tests' START and moves only when told.
    const roles = new AssumedRoleCredentials(clients, {
      sessionName: 'use-case-tests',
      now: () => sandbox.sandbox.world.clock.nowMs(),
    });
    const automation = new SsmAutomationGateway(clients, roles, ROLES);
    adapters.automation = automation;
    adapters.readiness = new SsmTargetReadiness(clients, roles, () => automation.homeAccountId(), {
      ...ROLES,
      now: () => sandbox.sandbox.world.clock.nowMs(),
    });
    adapters.accounts = new OrganizationsAccountDirectory(clients);
    adapters.catalog = new SsmRunbookCatalog(clients);
    adapters.calendar = new SsmChangeCalendar(clients);
  };
  build();
  const world = () => sandbox.sandbox.world;
  return {
    sandbox,
    adapters,
    world,
    executions: (accountId, region) => world().automation.list(accountId, region).reverse(),
    advance: async (seconds) => {
      await sandbox.control.advance(seconds);
    },
    reset: async () => {
      await sandbox.control.reset({ startTime: START.toISOString() });
      clients.destroy();
      build();
    },
    close: async () => {
      clients.destroy();
      await sandbox.close();
    },
  };
}
