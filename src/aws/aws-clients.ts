// The one AWS client factory: endpoint, retries with backoff, and credentials decided in one place.

import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { SSMClient } from '@aws-sdk/client-ssm';
import { STSClient } from '@aws-sdk/client-sts';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, Pluggable } from '@smithy/types';
import { LRUCache } from 'lru-cache';

export interface AwsClientSettings {
  /** Region of the operations account's home (where runs start and Organizations is called). */
  homeRegion: string;
  /** `AWS_ENDPOINT_URL`, e.g. the sandbox; undefined for real AWS. */
  endpoint?: string;
  /** The bot's own credentials; undefined = the SDK's default chain (env, profile, instance role). */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Attempts per call, first included. Throttling and 5xx are retried with exponential backoff. */
  maxAttempts?: number;
  /** How many clients are kept (least recently used go first); each account × region × role needs one. */
  maxClients?: number;
  /** Connections kept open per AWS endpoint, shared by every client of that endpoint. */
  maxSocketsPerEndpoint?: number;
  /** Middleware every client gets (the call metrics), whatever its service, region or identity. */
  plugins?: Array<Pluggable<object, object>>;
}

/** SDK clients; destroyed only through the shared pool, when the factory is. */
type SdkClient = object;

/**
 * Builds each client once per (service, region, identity) and keeps it while it is used: SDK clients hold
 * connection pools and retry state, and the adaptive retry mode only learns a rate when the same client is reused.
 * An organization of hundreds of accounts × regions × roles would keep thousands (about 40 KB each once used), so
 * the least recently used are let go beyond `maxClients`; requests still under way keep theirs until they end.
 * 64 by default: across 3,000 places a worker comes back to a place long after any cache of a few hundred has let
 * it go (bench:scale), so more kept clients only hold memory; a small organization still keeps all of its own.
 */
export class AwsClients {
  /** By service, region and identity; one let go is not destroyed (it shares the pool), only collected. */
  private readonly clients: LRUCache<string, SdkClient>;
  /**
   * One connection pool for every client: a client per account × region × role, each with its own pool, kept
   * thousands of idle sockets open across a large organization (hundreds of MB). Endpoints are per service and
   * region, not per account, so a shared pool bounds the sockets by endpoints.
   */
  private readonly requestHandler: NodeHttpHandler;

  constructor(private readonly settings: AwsClientSettings) {
    this.clients = new LRUCache({ max: settings.maxClients ?? 64 });
    const agentOptions = { keepAlive: true, maxSockets: settings.maxSocketsPerEndpoint ?? 50 };
    this.requestHandler = new NodeHttpHandler({
      httpAgent: new HttpAgent(agentOptions),
      httpsAgent: new HttpsAgent(agentOptions),
    });
  }

  get homeRegion(): string {
    return this.settings.homeRegion;
  }

  /** SSM as the bot itself, or as an assumed role when `as` names it (key + its provider). */
  ssm(region: string, as?: AssumedIdentity): SSMClient {
    return this.cached(`ssm|${region}|${as?.key ?? 'home'}`, () => new SSMClient(this.config(region, as)));
  }

  /** EventBridge as the bot itself, or as an assumed role (events setup in member accounts). */
  eventBridge(region: string, as?: AssumedIdentity): EventBridgeClient {
    return this.cached(
      `events|${region}|${as?.key ?? 'home'}`,
      () => new EventBridgeClient(this.config(region, as)),
    );
  }

  /** STS as the bot itself, or as an assumed role when `as` names it (role chaining, as SSM chains roles). */
  sts(region = this.settings.homeRegion, as?: AssumedIdentity): STSClient {
    const key = as ? `sts|${region}|${as.key}` : `sts|${region}`;
    return this.cached(key, () => new STSClient(this.config(region, as)));
  }

  organizations(): OrganizationsClient {
    return this.cached('organizations', () => new OrganizationsClient(this.config(this.settings.homeRegion)));
  }

  /** Drops the clients of an assumed identity, whose SDK clients would otherwise keep stale credentials. */
  discard(identityKey: string): void {
    for (const key of [...this.clients.keys()]) {
      // Not client.destroy(): that would destroy the connection pool every client shares.
      if (key.endsWith(`|${identityKey}`)) this.clients.delete(key);
    }
  }

  destroy(): void {
    this.clients.clear();
    this.requestHandler.destroy();
  }

  private config(region: string, as?: AssumedIdentity) {
    return {
      region,
      endpoint: this.settings.endpoint,
      credentials: as?.credentials ?? this.settings.credentials,
      maxAttempts: this.settings.maxAttempts ?? 8,
      // Adaptive = standard exponential backoff with jitter, plus client-side rate limiting after throttling.
      retryMode: 'adaptive',
      requestHandler: this.requestHandler,
    };
  }

  private cached<T extends SdkClient>(key: string, build: () => T): T {
    let client = this.clients.get(key) as T | undefined;
    if (!client) {
      client = build();
      // Each SDK types its stack by its own shapes; our middleware reads none of them.
      const stack = (client as { middlewareStack?: { use(plugin: Pluggable<object, object>): void } })
        .middlewareStack;
      for (const plugin of this.settings.plugins ?? []) stack?.use(plugin);
      this.clients.set(key, client);
    }
    return client;
  }
}

/** An identity other than the bot's own: a stable key and a provider that refreshes before expiry. */
export interface AssumedIdentity {
  key: string;
  credentials: AwsCredentialIdentityProvider;
}
