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
