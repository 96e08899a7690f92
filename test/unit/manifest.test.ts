// The shipped Slack manifest, compose file and example config are valid and agree with the code.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SUBCOMMANDS } from '../../src/cli/main.js';
import { RUNTIME_SUBCOMMANDS } from '../../src/cli/runtime-subcommands.js';
import { loadConfig } from '../../src/config/load-config.js';

// `merge`: the compose file shares the runtime services' settings through a YAML merge key, as Compose reads it.
const read = (path: string) => parse(readFileSync(path, 'utf8'), { merge: true });

describe('shipped files', () => {
  it('when the manifest is read, then it declares /ssm and interactivity (scopes: manifest-scopes.test.ts)', () => {
    const manifest = read('manifest.yml');
    expect(manifest.features.slash_commands.map((command: { command: string }) => command.command)).toEqual([
      '/ssm',
    ]);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it('when the compose file is read, then Redis persists with AOF and every service uses a real subcommand of its image', () => {
    const compose = read('docker-compose.yml');
    expect(compose.services.redis.command).toEqual(expect.arrayContaining(['--appendonly', 'yes']));
    const names = (commands: typeof SUBCOMMANDS) => commands.map((command) => command.name);
    for (const service of ['bot', 'worker']) {
      expect(compose.services[service].build.target).toBe('runtime');
      expect(names(RUNTIME_SUBCOMMANDS)).toContain(compose.services[service].command[0]);
      expect(compose.services[service].environment.REDIS_URL).toBe('redis://redis:6379');
      // The runtime as production runs it: read-only root filesystem, no capabilities; the image's user is node.
      expect(compose.services[service].read_only).toBe(true);
      expect(compose.services[service].cap_drop).toEqual(['ALL']);
      // The image leaves config/ out and compose mounts it where .env's SSM_CHATOPS_CONFIG points.
      expect(compose.services[service].volumes).toContain('./config:/app/config:ro');
    }
    for (const service of ['sandbox', 'demo']) {
      expect(compose.services[service].build.target).toBe('demo');
      expect(names(SUBCOMMANDS)).toContain(compose.services[service].command[0]);
    }
    const dockerfile = readFileSync('Dockerfile', 'utf8');
    const stages = [...dockerfile.matchAll(/^FROM (\S+) AS (\S+)$/gm)].map(
      (match) => `${match[2]} from ${match[1]}`,
    );
    // The runtime is the last stage: a plain `docker build .` gives it. Both images run on the jemalloc base.
    expect(stages).toEqual([
      'base from node:24-bookworm-slim',
      'build from node:24-bookworm-slim',
      'demo from base',
      'runtime from base',
    ]);
    const runtimeStage = dockerfile.slice(dockerfile.lastIndexOf('FROM '));
    expect(runtimeStage).toContain('COPY --from=build /runtime ./');
    expect(runtimeStage).toContain('USER node');
    expect(runtimeStage).toContain('ENTRYPOINT ["node", "dist/runtime-cli.js"]');
    expect(runtimeStage).not.toMatch(/fixtures|config|sandbox/);
    // The worker preloads the jemalloc the image carries, tuned as the benchmarks run their workers.
    expect(dockerfile).toContain('/usr/local/lib/libjemalloc.so.2');
    expect(compose.services.worker.environment.LD_PRELOAD).toBe('/usr/local/lib/libjemalloc.so.2');
    expect(compose.services.bot.environment.LD_PRELOAD).toBeUndefined();
    const benchConf = /MALLOC_CONF: '([^']+)'/.exec(readFileSync('bench/support/spawn-bot.ts', 'utf8'))?.[1];
    expect(benchConf).toBeDefined();
    expect(compose.services.worker.environment.MALLOC_CONF).toBe(benchConf);
  });

  it('when the example config is loaded, then it validates', () => {
    const config = loadConfig({ SSM_CHATOPS_CONFIG: 'config/ssm-chatops.example.yml' });
    expect(config.file.runs.modeByRunbook['Platform-RollingRestartService']).toBe('fan-out');
  });
});
