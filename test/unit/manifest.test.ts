// The shipped Slack manifest, compose file and example config are valid and agree with the code.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SUBCOMMANDS } from '../../src/cli/main.js';
import { loadConfig } from '../../src/config/load-config.js';

const read = (path: string) => parse(readFileSync(path, 'utf8'));

describe('shipped files', () => {
  it('when the manifest is read, then it declares /ssm and interactivity (scopes: manifest-scopes.test.ts)', () => {
    const manifest = read('manifest.yml');
    expect(manifest.features.slash_commands.map((command: { command: string }) => command.command)).toEqual([
      '/ssm',
    ]);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it('when the compose file is read, then Redis persists with AOF and every service uses a real subcommand', () => {
    const compose = read('docker-compose.yml');
    expect(compose.services.redis.command).toEqual(expect.arrayContaining(['--appendonly', 'yes']));
    const names = SUBCOMMANDS.map((command) => command.name);
    for (const service of ['sandbox', 'bot', 'worker']) {
      expect(names).toContain(compose.services[service].command[0]);
    }
    expect(compose.services.bot.environment.REDIS_URL).toBe('redis://redis:6379');
    expect(compose.services.worker.environment.REDIS_URL).toBe('redis://redis:6379');
    // The image copies config/ and compose mounts it where .env's SSM_CHATOPS_CONFIG points.
    expect(compose.services.bot.volumes).toContain('./config:/app/config:ro');
    expect(readFileSync('Dockerfile', 'utf8')).toContain('COPY config ./config');
  });

  it('when the example config is loaded, then it validates', () => {
    const config = loadConfig({ SSM_CHATOPS_CONFIG: 'config/ssm-chatops.example.yml' });
    expect(config.file.runs.modeByRunbook['Platform-RollingRestartService']).toBe('fan-out');
  });
});
