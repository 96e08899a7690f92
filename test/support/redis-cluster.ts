// A throwaway Redis Cluster for tests: three masters on free ports (redis-server --cluster-enabled yes), joined
// by `redis-cli --cluster create`, so a script or transaction over two slots fails as it would on ElastiCache.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Cluster, Redis } from 'ioredis';
import { freePort, type RunningRedisServer, startRedisServer } from '../../src/demo/start-redis-server.js';
import { closeRedis } from '../../src/store/redis-connection.js';
import { explainMissingRedis, type TestRedis } from './redis.js';

const MASTERS = 3;
const NODE_ATTEMPTS = 3;
const READY_TIMEOUT_MS = 20_000;

/**
 * Starts a 3-master cluster for one test file (`beforeAll`; `stop` it in `afterAll`): loopback only, nothing
 * persisted, every port (client and cluster bus) probed free. `url` is its `redis+cluster://` URL. A cluster
 * cannot be crashed, resumed, frozen or thawed as a whole: those reject.
 */
export async function startTestRedisCluster(): Promise<TestRedis<Cluster>> {
  const dir = await mkdtemp(join(tmpdir(), 'ssm-chatops-redis-cluster-'));
  const servers: RunningRedisServer[] = [];
  const clients: Cluster[] = [];
  const stopServers = async () => {
    await Promise.all(servers.splice(0).map((server) => server.stop()));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    for (let index = 0; index < MASTERS; index++) servers.push(await startNode(join(dir, `node-${index}`)));
    const seeds = servers.map((server) => `127.0.0.1:${server.port}`);
    await promisify(execFile)(
      'redis-cli',
      ['--cluster', 'create', ...seeds, '--cluster-replicas', '0', '--cluster-yes'],
      { timeout: READY_TIMEOUT_MS },
    );
    await untilClusterOk(servers);
    const nodes = servers.map((server) => ({ host: '127.0.0.1', port: server.port }));
    const open = () => {
      const client = new Cluster(nodes);
      clients.push(client);
      return client;
    };
    let admin: Cluster | undefined;
    const unsupported = (what: string) => () =>
      Promise.reject(new Error(`the test Redis Cluster cannot be ${what} as a whole`));
    return {
      url: `redis+cluster://${seeds.join(',')}`,
      port: servers[0]!.port,
      client: open,
      flush: async () => {
        admin ??= open();
        await Promise.all(admin.nodes('master').map((node) => node.flushall()));
      },
      stop: async () => {
        await Promise.all(clients.splice(0).map((client) => closeRedis(client)));
        await stopServers();
      },
      crash: unsupported('crashed'),
      resume: unsupported('resumed'),
      freeze: () => {
        throw new Error('the test Redis Cluster cannot be frozen as a whole');
      },
      thaw: () => {
        throw new Error('the test Redis Cluster cannot be thawed as a whole');
      },
    };
  } catch (error) {
    await stopServers();
    throw error;
  }
}

/** One cluster-enabled node in its own directory (its nodes.conf), with a probed bus port (Redis 7's --cluster-port). */
async function startNode(dir: string): Promise<RunningRedisServer> {
  await mkdir(dir, { recursive: true });
  let lastError: unknown;
  // The bus port is probed apart from the client port, so another process may take it first: try again.
  for (let attempt = 1; attempt <= NODE_ATTEMPTS; attempt++) {
    const busPort = await freePort();
    try {
      return await startRedisServer({
        dir,
        extraArgs: [
          ...['--cluster-enabled', 'yes', '--cluster-config-file', join(dir, 'nodes.conf')],
          ...['--cluster-port', String(busPort), '--cluster-node-timeout', '5000'],
        ],
      }).catch(explainMissingRedis);
    } catch (error) {
      if (!/in use/i.test(String(error))) throw error;
      lastError = error;
    }
  }
  throw new Error(`no cluster node started in ${NODE_ATTEMPTS} attempts`, { cause: lastError });
}

/** Every node says `cluster_state:ok`: all slots are served and each node knows the others. */
async function untilClusterOk(servers: RunningRedisServer[]): Promise<void> {
  const probes = servers.map((server) => new Redis(server.port, '127.0.0.1', { maxRetriesPerRequest: 1 }));
  const deadline = Date.now() + READY_TIMEOUT_MS;
  try {
    for (;;) {
      const infos = await Promise.all(probes.map((probe) => probe.cluster('INFO') as Promise<string>));
      if (
        infos.every(
          (info) => /cluster_state:ok/.test(info) && info.includes(`cluster_known_nodes:${MASTERS}\r`),
        )
      )
        return;
      if (Date.now() > deadline) throw new Error(`the test Redis Cluster is not ok: ${infos.join(' | ')}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    for (const probe of probes) probe.disconnect();
  }
}
