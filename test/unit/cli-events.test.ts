// `ssm-chatops events setup|teardown`: help, usage errors (exit 2) and missing settings (exit 78), in-process.
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { fakeCliIo as fakeIo } from '../support/fake-cli-io.js';

describe('ssm-chatops events', () => {
  it('when the top-level help is asked, then both events actions are listed', async () => {
    const run = fakeIo();
    expect(await main(['--help'], run.io)).toBe(0);
    expect(run.out()).toMatch(/events setup\s+create what delivers Automation status events/);
    expect(run.out()).toMatch(/events teardown\s+remove what `events setup` created/);
  });

  it('when `events --help` is asked, then the actions of the group are listed', async () => {
    const run = fakeIo();
    expect(await main(['events', '--help'], run.io)).toBe(0);
    expect(run.out()).toMatch(/Usage: ssm-chatops events <action>[\s\S]*events setup[\s\S]*events teardown/);
  });

  it.each([
    ['setup', /Usage: ssm-chatops events setup \[flags\][\s\S]*--dry-run[\s\S]*SsmChatOpsEventsSetup/],
    ['teardown', /Usage: ssm-chatops events teardown \[flags\][\s\S]*--dry-run/],
  ])(
    'when `events %s --help` is asked, then its flags, settings and roles are explained',
    async (action, text) => {
      const run = fakeIo();
      expect(await main(['events', action, '--help'], run.io)).toBe(0);
      expect(run.out()).toMatch(text);
    },
  );

  it.each([
    [['events'], /"events" needs one of: setup, teardown/],
    [['events', '--dry-run'], /"events" needs one of: setup, teardown/],
    [['events', 'deploy'], /"events" has no action "deploy"; it needs one of: setup, teardown/],
    [['events', 'setup', '--force'], /unknown flag --force for "ssm-chatops events setup"/],
    [['events', 'setup', 'now'], /unexpected argument now/],
    [['events', 'teardown', '--dry-run=yes'], /--dry-run/],
  ])('when run as %j, then it explains the mistake and exits 2', async (argv, message) => {
    const run = fakeIo();
    expect(await main(argv, run.io)).toBe(2);
    expect(run.err()).toMatch(message);
    expect(run.err()).toContain('--help');
  });

  it('when setup runs without its settings, then every missing key is named and it exits 78', async () => {
    const run = fakeIo({});
    expect(await main(['events', 'setup'], run.io)).toBe(78);
    for (const key of ['AWS_REGION', 'SSM_CHATOPS_EVENTS_SECRET', 'events.endpointUrl']) {
      expect(run.err()).toContain(key);
    }
  });

  it('when teardown runs without a region, then only AWS_REGION is asked for', async () => {
    const run = fakeIo({});
    expect(await main(['events', 'teardown', '--dry-run'], run.io)).toBe(78);
    expect(run.err()).toContain('AWS_REGION');
    expect(run.err()).not.toContain('SSM_CHATOPS_EVENTS_SECRET');
  });

  it('when the events secret is too short, then it exits 78 without printing it', async () => {
    const run = fakeIo({ AWS_REGION: 'ap-northeast-1', SSM_CHATOPS_EVENTS_SECRET: 'tiny-secret' });
    expect(await main(['events', 'setup'], run.io)).toBe(78);
    expect(run.err()).toContain('SSM_CHATOPS_EVENTS_SECRET');
    expect(run.err()).not.toContain('tiny-secret');
  });
});
