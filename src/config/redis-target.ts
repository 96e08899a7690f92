// Which Redis the bot talks to: one server (redis:// or rediss://) or a cluster (redis+cluster://, or seed nodes).

/** One node of a cluster, as given: the client learns the others from it (CLUSTER SLOTS). */
export interface RedisNode {
  host: string;
  port: number;
}

export type RedisTarget =
  /** A single Redis, or a primary with replicas: the URL as ioredis takes it. */
  | { kind: 'standalone'; url: string }
  /** A Redis Cluster (ElastiCache cluster mode or Serverless, a Valkey cluster): seeds, TLS and credentials. */
  | { kind: 'cluster'; nodes: RedisNode[]; tls: boolean; username?: string; password?: string };

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

const DEFAULT_PORT = 6379;
const SCHEMES =
  'must start with redis:// or rediss:// (TLS), or for a cluster with redis+cluster:// or rediss+cluster:// ' +
  '(TLS) followed by host:port[,host:port…]';

/**
 * `redis://…` and `rediss://…` name one server; `redis+cluster://[user:password@]host:port[,host:port…]` and
 * `rediss+cluster://…` (TLS, as ElastiCache Serverless requires) name a cluster by one or more seed nodes. A
 * problem never repeats the password.
 */
export function parseRedisUrl(text: string): Parsed<RedisTarget> {
  const match = /^(rediss?)(\+cluster)?:\/\/(.*)$/s.exec(text);
  if (!match) return { ok: false, problem: SCHEMES };
  const [, scheme, cluster, rest = ''] = match;
  if (!cluster) {
    return URL.canParse(text)
      ? { ok: true, value: { kind: 'standalone', url: text } }
      : { ok: false, problem: `is not a URL (${SCHEMES})` };
  }
  const at = rest.lastIndexOf('@');
  const userInfo = at === -1 ? undefined : rest.slice(0, at);
  const afterUser = rest.slice(at + 1);
  const end = afterUser.search(/[/?#]/);
  const hostList = end === -1 ? afterUser : afterUser.slice(0, end);
  const tail = end === -1 ? '' : afterUser.slice(end);
  if (tail !== '' && tail !== '/') {
    return {
      ok: false,
      problem: 'a cluster URL ends after its nodes: a cluster has only database 0 and takes no options here',
    };
  }
  const nodes = parseNodeList(hostList);
  if (!nodes.ok) return nodes;
  const credentials = userInfo === undefined ? {} : parseUserInfo(userInfo);
  if ('problem' in credentials) return { ok: false, problem: credentials.problem };
  return {
    ok: true,
    value: { kind: 'cluster', nodes: nodes.value, tls: scheme === 'rediss', ...credentials },
  };
}

/** `host:port[,host:port…]` (REDIS_CLUSTER_NODES): seed nodes of a cluster without TLS or a password. */
export function parseClusterNodes(text: string): Parsed<RedisTarget> {
  const nodes = parseNodeList(text);
  return nodes.ok ? { ok: true, value: { kind: 'cluster', nodes: nodes.value, tls: false } } : nodes;
}

/** The URL with its password replaced, for messages: `rediss+cluster://app:***@host:6379`. */
export function redactRedisUrl(text: string): string {
  return text.replace(/^([a-z+]+:\/\/[^:@/]*:)[^@/]*@/i, '$1***@');
}

function parseNodeList(text: string): Parsed<RedisNode[]> {
  const entries = text.split(',').map((entry) => entry.trim());
  if (entries.every((entry) => entry === '')) {
    return { ok: false, problem: 'names no node: give host:port[,host:port…]' };
  }
  const nodes: RedisNode[] = [];
  for (const [index, entry] of entries.entries()) {
    const node = parseNode(entry, `node ${index + 1} of ${entries.length}`);
    if (!node.ok) return node;
    nodes.push(node.value);
  }
  return { ok: true, value: nodes };
}

/** `which` names the node by its place, not its text: in a URL a mistyped password could be in its place. */
function parseNode(entry: string, which: string): Parsed<RedisNode> {
  // host, host:port, [v6], [v6]:port
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?))(?::(\d{1,5}))?$/.exec(
    entry,
  );
  const host = match?.[1] ?? match?.[2];
  if (!match || host === undefined) {
    return { ok: false, problem: `${which} is not host:port (such as 10.0.0.1:6379 or [::1]:6379)` };
  }
  const port = match[3] === undefined ? DEFAULT_PORT : Number(match[3]);
  if (port < 1 || port > 65535) return { ok: false, problem: `${which} has a port outside 1-65535` };
  return { ok: true, value: { host, port } };
}

function parseUserInfo(userInfo: string): { username?: string; password?: string } | { problem: string } {
  const colon = userInfo.indexOf(':');
  const [user, password] =
    colon === -1 ? [userInfo, undefined] : [userInfo.slice(0, colon), userInfo.slice(colon + 1)];
  try {
    return {
      ...(user && { username: decodeURIComponent(user) }),
      ...(password && { password: decodeURIComponent(password) }),
    };
  } catch {
    return { problem: 'has a user or password that is not percent-encoded correctly' };
  }
}
