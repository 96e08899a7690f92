// The `events` settings and SSM_CHATOPS_EVENTS_SECRET: defaults, validation, and a secret never echoed.

import { describe, expect, it } from 'vitest';
import { SECRET_KEYS } from '../../src/config/config-schema.js';
import { loadConfig } from '../../src/config/load-config.js';
import { configProblemsOf } from '../support/config-problems.js';

const withFile = (yaml: string, env: Record<string, string> = {}) =>
  loadConfig({ SSM_CHATOPS_CONFIG: 'bot.yml', ...env }, { readFile: () => yaml });

const problemsOf = configProblemsOf;

describe('events settings', () => {
  it('when nothing is set, then the bus, header and role names have their defaults and regions follow aws.regions', () => {
    const config = loadConfig({});
    expect(config.file.events).toEqual({
      busName: 'ssm-chatops',
      headerName: 'x-ssm-chatops-secret',
      regions: [],
      setupRoleName: 'SsmChatOpsEventsSetup',
      forwardRoleName: 'SsmChatOpsEventsForward',
      invokeRoleName: 'SsmChatOpsEventsInvokeRole',
    });
    expect(config.file.events.endpointUrl).toBeUndefined();
    expect(config.env.SSM_CHATOPS_EVENTS_SECRET).toBeUndefined();
  });

  it('when the file sets them, then they are read and typed', () => {
    const config = withFile(
      'events:\n  endpointUrl: https://chatops.example.com/aws/events\n  busName: ops-events\n' +
        '  headerName: X-Chatops-Key\n  regions: [us-east-1, eu-west-1]\n  setupRoleName: EventsSetup\n',
      { SSM_CHATOPS_EVENTS_SECRET: 'a-long-enough-secret-123' },
    );
    expect(config.file.events).toMatchObject({
      endpointUrl: 'https://chatops.example.com/aws/events',
      busName: 'ops-events',
      headerName: 'X-Chatops-Key',
      regions: ['us-east-1', 'eu-west-1'],
      setupRoleName: 'EventsSetup',
      invokeRoleName: 'SsmChatOpsEventsInvokeRole',
    });
    expect(config.env.SSM_CHATOPS_EVENTS_SECRET).toBe('a-long-enough-secret-123');
  });

  it('when the values are wrong, then each problem names its key', () => {
    const problems = problemsOf(() =>
      withFile(
        'events:\n  endpointUrl: ftp://chatops.example.com/\n  busName: "has space"\n  headerName: "x-bad header:"\n' +
          '  regions: [mars-1]\n  invokeRoleName: "no/slashes"\n  colour: blue\n',
      ),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^events\.endpointUrl: /),
        expect.stringMatching(/^events\.busName: "has space" is not an event bus name/),
        expect.stringMatching(/^events\.headerName: .*is not an HTTP header name/),
        expect.stringMatching(/^events\.regions\[0\]: "mars-1" is not a region/),
        expect.stringMatching(/^events\.invokeRoleName: .*is not an IAM role name/),
        expect.stringMatching(/^events: unknown key\(s\) colour/),
      ]),
    );
  });

  it.each([
    'https://chatops.example.com/aws/events',
    'https://chatops.example.com:8443/aws/events',
    'http://127.0.0.1:3000/aws/events',
    'http://[::1]:3000/aws/events',
    'http://localhost:3000/aws/events',
  ])('when events.endpointUrl is %s, then it is taken', (endpointUrl) => {
    expect(withFile(`events:\n  endpointUrl: "${endpointUrl}"\n`).file.events.endpointUrl).toBe(endpointUrl);
  });

  it.each([
    // AWS's API destinations invoke only HTTPS; http:// is for a local sandbox on a loopback host.
    'http://example.com/aws/events',
    'http://10.0.0.5:3000/aws/events',
    'http://localhost.example.com/aws/events',
    'ftp://chatops.example.com/aws/events',
    'chatops.example.com/aws/events',
  ])('when events.endpointUrl is %s, then the key is named and HTTPS is asked for', (endpointUrl) => {
    const problems = problemsOf(() => withFile(`events:\n  endpointUrl: "${endpointUrl}"\n`));
    expect(problems).toEqual([
      `events.endpointUrl: "${endpointUrl}" must be an https:// URL: AWS API destinations require HTTPS ` +
        '(plain http:// only for a loopback host, 127.0.0.1, ::1 or localhost, which only a local ' +
        '`ssm-chatops sandbox --allow-http-api-destinations` calls)',
    ]);
  });

  it.each([
    ['shorter than 16 characters', 'short-secret', /at least 16 characters/],
    ['with a space', 'a secret with spaces inside', /printable ASCII without spaces/],
    ['with a newline', 'a-secret-with-a\nnewline-in-it', /printable ASCII without spaces/],
    ['longer than 512 characters', 'x'.repeat(513), /at most 512 characters/],
  ])('when the events secret is %s, then it is refused without being printed', (_name, secret, reason) => {
    const problems = problemsOf(() => loadConfig({ SSM_CHATOPS_EVENTS_SECRET: secret }));
    expect(problems).toEqual([expect.stringMatching(reason)]);
    expect(problems[0]).toMatch(/^SSM_CHATOPS_EVENTS_SECRET: /);
    expect(problems.join('\n')).not.toContain(secret);
  });

  it('when the secret key is listed, then it is among the keys never printed', () => {
    expect(SECRET_KEYS.has('SSM_CHATOPS_EVENTS_SECRET')).toBe(true);
  });
});
