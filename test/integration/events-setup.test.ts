// `ssm-chatops events setup|teardown` against the sandbox, and Automation events reaching a real /aws/events.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeApiDestinationCommand,
  DescribeConnectionCommand,
  DescribeEventBusCommand,
  DescribeRuleCommand,
  ListApiDestinationsCommand,
  ListConnectionsCommand,
  ListTargetsByRuleCommand,
  PutPermissionCommand,
} from '@aws-sdk/client-eventbridge';
import { StartAutomationExecutionCommand } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/subcommand.js';
import { type AcceptedAutomationEvent, awsEventsRoute } from '../../src/http/aws-events-route.js';
import { createLogger } from '../../src/logging/logger.js';
import { OPERATIONS_ACCOUNT, startTestSandbox, type TestSandbox } from '../support/sandbox.js';

const HOME = 'ap-northeast-1';
const REGIONS = ['ap-northeast-1', 'us-east-1'];
const MEMBER = '333333333301';
const SECRET = 'integration-events-secret-0123';
/** The members setup covers: ACTIVE, neither management (111…) nor operations (222…) nor suspended (777…). */
const MEMBERS = [
  '333333333301',
  '333333333302',
  '333333333303',
  '444444444401',
  '444444444402',
  '555555555501',
  '555555555502',
  '666666666601',
  '666666666602',
];
const MEMBER_RULE = 'ssm-chatops-forward-automation-status';
/** data-dev enables only ap-northeast-1 (fixtures/sandbox/organization.yml): AWS refuses its credentials elsewhere. */
const NOT_ENABLED = '555555555502 us-east-1';
const enabled = (accountId: string, region: string) => `${accountId} ${region}` !== NOT_ENABLED;
const CENTRAL_RULE = 'ssm-chatops-automation-status';

let env: TestSandbox;
let bot: Server;
let endpointUrl = '';
let configDir = '';
const received: AcceptedAutomationEvent[] = [];
const answered: number[] = [];

beforeAll(async () => {
  // The receiver is plain HTTP; AWS (and the sandbox by default) want HTTPS.
  env = await startTestSandbox({ allowHttpApiDestinations: true });
  const route = awsEventsRoute({
    secret: SECRET,
    logger: createLogger({ level: 'silent' }),
    onEvent: async (event) => {
      received.push(event);
    },
  });
  bot = createServer((request, response) => {
    if (request.url !== route.path || request.method !== route.method) {
      response.writeHead(404).end();
      return;
    }
    response.on('finish', () => answered.push(response.statusCode));
    route.handler(request, response);
  });
  await new Promise<void>((resolve) => bot.listen(0, '127.0.0.1', resolve));
  endpointUrl = `http://127.0.0.1:${(bot.address() as AddressInfo).port}/aws/events`;
  configDir = mkdtempSync(join(tmpdir(), 'events-setup-'));
});

afterAll(async () => {
  vi.unstubAllEnvs();
  bot.closeAllConnections();
  await new Promise((resolve) => bot.close(resolve));
  await env.close();
  rmSync(configDir, { recursive: true, force: true });
});

beforeEach(async () => {
  await env.control.reset();
  env.sandbox.world.events.configureDelivery({ initialBackoffMs: 5, maxBackoffMs: 20 });
  received.length = 0;
  answered.length = 0;
  // The SDK's default credential chain reads these: the bot's identity in the operations account.
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'sandbox');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'sandbox');
  vi.stubEnv('AWS_SESSION_TOKEN', undefined);
  vi.stubEnv('AWS_PROFILE', undefined);
});

/** Runs the CLI in-process with a config file of `yaml` and the environment the command reads. */
async function cli(argv: string[], options: { secret?: string; yaml?: string } = {}) {
  const path = join(configDir, `config-${Math.random().toString(36).slice(2)}.yml`);
  writeFileSync(
    path,
    options.yaml ??
      `aws:\n  homeRegion: ${HOME}\n  regions: [${REGIONS.join(', ')}]\nevents:\n  endpointUrl: ${endpointUrl}\n`,
  );
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    env: {
      AWS_REGION: HOME,
      AWS_ENDPOINT_URL: env.sandbox.url,
      SSM_CHATOPS_CONFIG: path,
      SSM_CHATOPS_EVENTS_SECRET: options.secret ?? SECRET,
      LOG_LEVEL: 'silent',
    },
    isTty: false,
    shutdownSignal: () => new Promise(() => {}),
  };
  const code = await main(argv, io);
  return { code, out: out.join(''), err: err.join('') };
}

const operations = () => env.events({ region: HOME });

async function memberEvents(accountId: string, region: string) {
  const credentials = await env.assumeRole(`arn:aws:iam::${accountId}:role/SsmChatOpsReadOnly`, 'check');
  return env.events({ region, credentials });
}

/** Starts AWS-RestartEC2Instance in the member account, as someone working there would (not the bot). */
async function startExecutionInMember(): Promise<string> {
  const credentials = await env.assumeRole(`arn:aws:iam::${MEMBER}:role/SsmChatOpsExecution`, 'operator', {
    externalId: 'ssm-chatops-sandbox',
  });
  const { AutomationExecutionId } = await env.ssm({ region: HOME, credentials }).send(
    new StartAutomationExecutionCommand({
      DocumentName: 'AWS-RestartEC2Instance',
      Parameters: { InstanceId: ['i-0123456789abcdef0'] },
    }),
  );
  return AutomationExecutionId!;
}

async function failingExecutionDelivered(): Promise<string> {
  await env.control.addFault({
    kind: 'step-failure',
    documentName: 'AWS-RestartEC2Instance',
    stepName: 'startInstances',
    accountId: MEMBER,
  });
  const executionId = await startExecutionInMember();
  await env.control.settle();
  await env.control.eventsIdle();
  return executionId;
}

describe('events setup', () => {
  it('when setup runs on a fresh organization, then the central resources and every member rule exist, and a second run has nothing to do', async () => {
    const first = await cli(['events', 'setup']);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toContain('create event bus ssm-chatops in 222222222222 ap-northeast-1');
    expect(first.out).toMatch(/Made (\d+) of \1 change\(s\)/);

    const bus = await operations().send(new DescribeEventBusCommand({ Name: 'ssm-chatops' }));
    expect(JSON.parse(bus.Policy!).Statement).toEqual([
      expect.objectContaining({
        Sid: 'ssm-chatops-organization',
        Principal: '*',
        Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-sbx7k2m9q4' } },
      }),
    ]);
    const [connection] = (await operations().send(new ListConnectionsCommand({ NamePrefix: 'ssm-chatops-' })))
      .Connections!;
    const described = await operations().send(new DescribeConnectionCommand({ Name: connection!.Name }));
    expect(described.AuthParameters?.ApiKeyAuthParameters).toEqual({ ApiKeyName: 'x-ssm-chatops-secret' });
    expect(JSON.stringify(described)).not.toContain(SECRET);
    const [destination] = (await operations().send(new ListApiDestinationsCommand({}))).ApiDestinations!;
    expect(destination).toMatchObject({
      InvocationEndpoint: endpointUrl,
      HttpMethod: 'POST',
      ConnectionArn: connection!.ConnectionArn,
    });
    const central = await operations().send(
      new ListTargetsByRuleCommand({ Rule: CENTRAL_RULE, EventBusName: 'ssm-chatops' }),
    );
    expect(central.Targets).toEqual([
      expect.objectContaining({
        Arn: destination!.ApiDestinationArn,
        RoleArn: `arn:aws:iam::${OPERATIONS_ACCOUNT}:role/SsmChatOpsEventsInvokeRole`,
      }),
    ]);
    expect(first.out).toContain(
      `· ${NOT_ENABLED}: the account has not enabled the region, nothing to do there`,
    );
    for (const accountId of MEMBERS) {
      for (const region of REGIONS.filter((candidate) => enabled(accountId, candidate))) {
        const member = await memberEvents(accountId, region);
        const rule = await member.send(new DescribeRuleCommand({ Name: MEMBER_RULE }));
        expect(JSON.parse(rule.EventPattern!)).toEqual({
          source: ['aws.ssm'],
          'detail-type': [
            'EC2 Automation Execution Status-change Notification',
            'EC2 Automation Step Status-change Notification',
          ],
        });
        const { Targets } = await member.send(new ListTargetsByRuleCommand({ Rule: MEMBER_RULE }));
        expect(Targets).toEqual([
          expect.objectContaining({
            Arn: `arn:aws:events:${HOME}:${OPERATIONS_ACCOUNT}:event-bus/ssm-chatops`,
            RoleArn: `arn:aws:iam::${accountId}:role/SsmChatOpsEventsForward`,
          }),
        ]);
      }
    }
    await expect(
      (await memberEvents('111111111111', HOME)).send(new DescribeRuleCommand({ Name: MEMBER_RULE })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });

    await env.control.resetCalls();
    const second = await cli(['events', 'setup']);
    expect(second.code).toBe(0);
    expect(second.out).toContain('nothing to do');
    const writes = (await env.control.calls()).rows.filter((row) =>
      /^(Put|Create|Delete|Remove)/.test(row.operation),
    );
    expect(writes).toEqual([]);
  });

  it('when the organization permission comes back in any principal form AWS stores, then another setup changes nothing', async () => {
    expect((await cli(['events', 'setup'])).code).toBe(0);
    const bus = await operations().send(new DescribeEventBusCommand({ Name: 'ssm-chatops' }));
    const policy = JSON.parse(bus.Policy!);
    for (const principal of ['*', { AWS: '*' }, { AWS: 'arn:aws:iam::*:root' }, { AWS: ['*'] }]) {
      policy.Statement[0].Principal = principal;
      await operations().send(
        new PutPermissionCommand({ EventBusName: 'ssm-chatops', Policy: JSON.stringify(policy) }),
      );
      await env.control.resetCalls();

      const again = await cli(['events', 'setup']);

      expect(again.code, JSON.stringify(principal)).toBe(0);
      expect(again.out, JSON.stringify(principal)).toContain('nothing to do');
      const writes = (await env.control.calls()).rows.filter((row) =>
        /^(Put|Create|Delete|Remove|Update)/.test(row.operation),
      );
      expect(writes, JSON.stringify(principal)).toEqual([]);
    }
  });

  it('when setup runs with --dry-run, then it prints the plan and creates nothing', async () => {
    const run = await cli(['events', 'setup', '--dry-run']);

    expect(run.code).toBe(0);
    expect(run.out).toMatch(/Would make \d+ change\(s\) \(dry run: nothing was changed\)/);
    expect(run.out).toContain(`+ create rule ${MEMBER_RULE} in 555555555501 us-east-1`);
    expect(run.out).not.toContain(`+ create rule ${MEMBER_RULE} in ${NOT_ENABLED}`);
    await expect(
      operations().send(new DescribeEventBusCommand({ Name: 'ssm-chatops' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('when an Automation execution fails in a member account, then its events reach the bot with the secret and are passed on', async () => {
    expect((await cli(['events', 'setup'])).code).toBe(0);

    const executionId = await failingExecutionDelivered();

    const ours = received.filter((event) => event.executionId === executionId);
    expect(ours).toContainEqual(
      expect.objectContaining({
        kind: 'execution',
        status: 'Failed',
        accountId: MEMBER,
        region: HOME,
        definition: 'AWS-RestartEC2Instance',
      }),
    );
    expect(ours).toContainEqual(
      expect.objectContaining({ kind: 'step', stepName: 'startInstances', status: 'Failed' }),
    );
    expect(answered.length).toBeGreaterThan(0);
    expect(answered.every((status) => status === 202)).toBe(true);
  });

  it('when the secret changes, then setup replaces the connection and API destination, and with the old secret at the bot every delivery gets 401 and nothing is passed on', async () => {
    expect((await cli(['events', 'setup'])).code).toBe(0);
    const before = (await operations().send(new ListConnectionsCommand({}))).Connections!.map((c) => c.Name);

    const rotated = await cli(['events', 'setup'], { secret: 'a-different-secret-9876543210' });

    expect(rotated.code).toBe(0);
    expect(rotated.out).toMatch(/\+ create connection ssm-chatops-events-[0-9a-f]{10}/);
    expect(rotated.out).toMatch(/~ send the events of rule ssm-chatops-automation-status to API destination/);
    expect(rotated.out).toContain(`- delete connection ${before[0]}`);
    const after = (await operations().send(new ListConnectionsCommand({}))).Connections!.map((c) => c.Name);
    expect(after).toHaveLength(1);
    expect(after).not.toEqual(before);
    expect((await operations().send(new ListApiDestinationsCommand({}))).ApiDestinations).toHaveLength(1);

    await failingExecutionDelivered();

    expect(received).toEqual([]);
    expect(answered.length).toBeGreaterThan(0);
    expect(new Set(answered)).toEqual(new Set([401]));
    const deliveries = env.sandbox.world.events.deliveries
      .list()
      .filter((d) => d.targetId === 'ssm-chatops-bot');
    expect(deliveries.length).toBeGreaterThan(0);
    expect(deliveries.every((d) => d.outcome === 'failed' && d.status === 401)).toBe(true);
  });

  it('when the setup role cannot be assumed in one account, then that account is reported, the others are set up, and the exit code is 1', async () => {
    // SsmChatOpsExecution exists in every member but identity-staging (444444444402).
    const yaml =
      `aws:\n  homeRegion: ${HOME}\n  externalId: ssm-chatops-sandbox\n` +
      `events:\n  endpointUrl: ${endpointUrl}\n  setupRoleName: SsmChatOpsExecution\n`;

    const run = await cli(['events', 'setup'], { yaml });

    expect(run.code).toBe(1);
    expect(run.err).toMatch(
      /444444444402 ap-northeast-1: could not be read, nothing done there: AccessDenied/,
    );
    expect(run.err).toContain('1 account(s)/region(s) failed');
    const member = await memberEvents('444444444401', HOME);
    await expect(member.send(new DescribeRuleCommand({ Name: MEMBER_RULE }))).resolves.toMatchObject({
      State: 'ENABLED',
    });
  });
});

describe('events teardown', () => {
  it('when teardown runs after setup, then everything setup created is gone and a second teardown has nothing to do', async () => {
    expect((await cli(['events', 'setup'])).code).toBe(0);

    const dry = await cli(['events', 'teardown', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain(
      `- delete rule ${CENTRAL_RULE} on bus ssm-chatops in 222222222222 ap-northeast-1`,
    );
    await expect(
      operations().send(new DescribeEventBusCommand({ Name: 'ssm-chatops' })),
    ).resolves.toBeDefined();

    const run = await cli(['events', 'teardown']);

    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    await expect(
      operations().send(new DescribeEventBusCommand({ Name: 'ssm-chatops' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    expect((await operations().send(new ListConnectionsCommand({}))).Connections).toEqual([]);
    expect((await operations().send(new ListApiDestinationsCommand({}))).ApiDestinations).toEqual([]);
    await expect(
      operations().send(new DescribeApiDestinationCommand({ Name: 'ssm-chatops-events-0000000000' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    for (const accountId of MEMBERS) {
      for (const region of REGIONS.filter((candidate) => enabled(accountId, candidate))) {
        await expect(
          (await memberEvents(accountId, region)).send(new DescribeRuleCommand({ Name: MEMBER_RULE })),
        ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
      }
    }
    const again = await cli(['events', 'teardown']);
    expect(again.code).toBe(0);
    expect(again.out).toContain('nothing to do');
  });
});
