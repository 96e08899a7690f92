// loadConfig: defaults, the YAML file, and errors that name the key without printing secrets.

import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import type { ConfigError } from '../../src/errors.js';
import { configProblemsOf } from '../support/config-problems.js';

const files = (content: Record<string, string>) => (path: string) => {
  if (!(path in content)) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
  return content[path]!;
};

const problemsOf = configProblemsOf;

describe('loadConfig', () => {
  it('when nothing is set, then the defaults from the seed article apply', () => {
    const config = loadConfig({});
    expect(config.file.aws.administrationRoleName).toBe('AWS-SystemsManager-AutomationAdministrationRole');
    expect(config.file.aws.executionRoleName).toBe('AWS-SystemsManager-AutomationExecutionRole');
    expect(config.file.runs.defaultMode).toBe('multi-account');
    expect(config.env.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.env.SANDBOX_PORT).toBe(4566);
  });

  it('when a YAML file is named, then its settings are read and typed', () => {
    const config = loadConfig(
      { SSM_CHATOPS_CONFIG: '/etc/bot.yml' },
      {
        readFile: files({
          '/etc/bot.yml':
            'aws:\n  regions: [ap-northeast-1, us-east-1]\n  externalId: ext-123\nruns:\n  defaultMode: fan-out\n',
        }),
      },
    );
    expect(config.file.aws.regions).toEqual(['ap-northeast-1', 'us-east-1']);
    expect(config.file.runs.defaultMode).toBe('fan-out');
  });

  it('when values are wrong, then every problem names its key and reason', () => {
    const problems = problemsOf(() =>
      loadConfig(
        { SSM_CHATOPS_CONFIG: 'bot.yml', PORT: 'eighty', REDIS_URL: 'localhost:6379' },
        { readFile: files({ 'bot.yml': 'aws:\n  regions: [ap-northeast-1, us-east-9x]\n  colour: blue\n' }) },
      ),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^PORT: /),
        expect.stringMatching(/^REDIS_URL: "localhost:6379" must start with redis:\/\//),
        expect.stringMatching(/^aws\.regions\[1\]: "us-east-9x" is not a region/),
        expect.stringMatching(/^aws: unknown key\(s\) colour/),
      ]),
    );
  });

  it('when a secret is malformed, then the error names the key but never shows the value', () => {
    const secret = 'not-a-token-but-very-secret-value';
    const error = (() => {
      try {
        loadConfig({ SLACK_BOT_TOKEN: secret, SLACK_SIGNING_SECRET: 'short' });
      } catch (caught) {
        return caught as ConfigError;
      }
    })();
    expect(error?.message).toContain('SLACK_BOT_TOKEN');
    expect(error?.message).toContain('SLACK_SIGNING_SECRET');
    expect(error?.message).not.toContain(secret);
    expect(error?.message).not.toContain('"short"');
  });

  it('when the bot requires Slack settings, then missing ones are reported', () => {
    expect(problemsOf(() => loadConfig({}, { require: ['slack'] }))).toEqual([
      'SLACK_SIGNING_SECRET: is required',
      'SLACK_BOT_TOKEN: is required',
    ]);
  });

  it('when the file is missing or not YAML, then SSM_CHATOPS_CONFIG is named', () => {
    expect(problemsOf(() => loadConfig({ SSM_CHATOPS_CONFIG: 'nope.yml' }, { readFile: files({}) }))).toEqual(
      ['SSM_CHATOPS_CONFIG: cannot read nope.yml: ENOENT'],
    );
    expect(
      problemsOf(() =>
        loadConfig({ SSM_CHATOPS_CONFIG: 'bad.yml' }, { readFile: files({ 'bad.yml': 'a: [1' }) }),
      )[0],
    ).toMatch(/^SSM_CHATOPS_CONFIG: bad.yml is not valid YAML/);
  });
});

describe('loadConfig: which Redis', () => {
  it('when neither REDIS_URL nor REDIS_CLUSTER_NODES is set, then it is one Redis on localhost', () => {
    expect(loadConfig({}).env.redis).toEqual({ kind: 'standalone', url: 'redis://127.0.0.1:6379' });
  });

  it('when REDIS_URL names one Redis, then that URL is used as it is', () => {
    const url = 'rediss://:secret@redis.internal:6380/2';
    expect(loadConfig({ REDIS_URL: url }).env.redis).toEqual({ kind: 'standalone', url });
  });

  it('when REDIS_URL is a rediss+cluster:// URL, then it is a cluster with TLS, its seeds and its user', () => {
    const env = loadConfig({
      REDIS_URL: 'rediss+cluster://ssm-chatops:p%40ss@cache-abc.serverless.use1.cache.amazonaws.com:6379',
    }).env;
    expect(env.redis).toEqual({
      kind: 'cluster',
      nodes: [{ host: 'cache-abc.serverless.use1.cache.amazonaws.com', port: 6379 }],
      tls: true,
      username: 'ssm-chatops',
      password: 'p@ss',
    });
  });

  it('when a redis+cluster:// URL lists several seeds, some without a port, then each is a node (6379 by default)', () => {
    expect(loadConfig({ REDIS_URL: 'redis+cluster://10.0.0.1:7000,10.0.0.2,[::1]:7002/' }).env.redis).toEqual(
      {
        kind: 'cluster',
        nodes: [
          { host: '10.0.0.1', port: 7000 },
          { host: '10.0.0.2', port: 6379 },
          { host: '::1', port: 7002 },
        ],
        tls: false,
      },
    );
  });

  it('when REDIS_CLUSTER_NODES lists seeds, then it is a cluster without TLS', () => {
    expect(loadConfig({ REDIS_CLUSTER_NODES: 'valkey-0:6379, valkey-1:6379' }).env.redis).toEqual({
      kind: 'cluster',
      nodes: [
        { host: 'valkey-0', port: 6379 },
        { host: 'valkey-1', port: 6379 },
      ],
      tls: false,
    });
  });

  it.each([
    [{ REDIS_URL: 'redis+cluster://' }, /^REDIS_URL: "redis\+cluster:\/\/" names no node/],
    [
      { REDIS_URL: 'redis+cluster://10.0.0.1:70000' },
      /^REDIS_URL: .* node 1 of 1 has a port outside 1-65535/,
    ],
    [{ REDIS_URL: 'redis+cluster://10.0.0.1:7000,' }, /^REDIS_URL: .* node 2 of 2 is not host:port/],
    [{ REDIS_URL: 'redis+cluster://10.0.0.1:7000/2' }, /^REDIS_URL: .* a cluster has only database 0/],
    [{ REDIS_URL: 'memcached://10.0.0.1' }, /^REDIS_URL: .* must start with redis:\/\/ or rediss:\/\//],
    [
      { REDIS_CLUSTER_NODES: '10.0.0.1:7000:1' },
      /^REDIS_CLUSTER_NODES: "10.0.0.1:7000:1" node 1 of 1 is not host:port/,
    ],
    [{ REDIS_CLUSTER_NODES: ' , ' }, /^REDIS_CLUSTER_NODES: .* names no node/],
    [
      { REDIS_CLUSTER_NODES: '10.0.0.1:7000', REDIS_URL: 'redis://10.0.0.9:6379' },
      /^REDIS_CLUSTER_NODES: .* is set together with REDIS_URL/,
    ],
  ])(
    'when the Redis settings are %j, then the problem names the key and says what is wrong',
    (env, problem) => {
      expect(problemsOf(() => loadConfig(env))).toEqual([expect.stringMatching(problem)]);
    },
  );

  it('when a malformed cluster URL carries a password, then the problem masks it', () => {
    const [problem] = problemsOf(() => loadConfig({ REDIS_URL: 'rediss+cluster://app:s3cret@cache:6379/0' }));
    expect(problem).toMatch(/^REDIS_URL: "rediss\+cluster:\/\/app:\*\*\*@cache:6379\/0" a cluster URL ends/);
    expect(problem).not.toContain('s3cret');
  });
});

describe('loadConfig: retention', () => {
  it('when RETENTION_DAYS is not set, then finished runs are kept 30 days', () => {
    expect(loadConfig({}).env.RETENTION_DAYS).toBe(30);
    expect(loadConfig({ RETENTION_DAYS: '7' }).env.RETENTION_DAYS).toBe(7);
  });

  it.each([
    ['0', /^RETENTION_DAYS: .*at least 1/],
    ['1.5', /^RETENTION_DAYS: .*whole number of days/],
  ])('when RETENTION_DAYS is %s, then the problem names the key and says why', (days, problem) => {
    expect(problemsOf(() => loadConfig({ RETENTION_DAYS: days }))).toEqual([expect.stringMatching(problem)]);
  });
});

describe('loadConfig: audit trail trim', () => {
  it('when AUDIT_MAX_ENTRIES is not set, then the audit trail is never trimmed', () => {
    expect(loadConfig({}).env.AUDIT_MAX_ENTRIES).toBeUndefined();
    expect(loadConfig({ AUDIT_MAX_ENTRIES: '500000' }).env.AUDIT_MAX_ENTRIES).toBe(500_000);
  });

  it('when AUDIT_MAX_ENTRIES is too small, then the problem names the key', () => {
    expect(problemsOf(() => loadConfig({ AUDIT_MAX_ENTRIES: '10' }))).toEqual([
      expect.stringMatching(/^AUDIT_MAX_ENTRIES: .*at least 1000/),
    ]);
  });
});
