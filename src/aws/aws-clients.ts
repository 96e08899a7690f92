// The one AWS client factory: endpoint, retries with backoff, and credentials decided in one place.
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { SSMClient } from '@aws-sdk/client-ssm';
import { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

export interface AwsClientSettings {
  /** Region of the operations account's home (where runs start and Organizations is called). */
  homeRegion: string;
  /** `AWS_ENDPOINT_URL`, e.g. the sandbox; undefined for real AWS. */
  endpoint?: string;
  /** The bot's own credentials; undefined = the SDK's default chain (env, profile, instance role). */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Attempts per call, first included. Throttling and 5xx are retried with exponential backoff. */
  maxAttempts?: number;
}

type Destroyable = { destroy(): void };

/**
 * Builds each client once per (service, region, identity) and keeps it: SDK clients hold connection pools
 * and retry state, and the adaptive retry mode only learns a rate when the same client is reused.
 */
export class AwsClients {
  private readonly clients = new Map<string, Destroyable>();

  constructor(private readonly settings: AwsClientSettings) {}

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

  sts(region = this.settings.homeRegion): STSClient {
    return this.cached(`sts|${region}`, () => new STSClient(this.config(region)));
  }

  organizations(): OrganizationsClient {
    return this.cached('organizations', () => new OrganizationsClient(this.config(this.settings.homeRegion)));
  }

  /** Drops the clients of an assumed identity, whose SDK clients would otherwise keep stale credentials. */
  discard(identityKey: string): void {
    for (const [key, client] of this.clients) {
      if (key.endsWith(`|${identityKey}`)) {
        client.destroy();
        this.clients.delete(key);
      }
    }
  }

  destroy(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }

  private config(region: string, as?: AssumedIdentity) {
    return {
      region,
      endpoint: this.settings.endpoint,
      credentials: as?.credentials ?? this.settings.credentials,
      maxAttempts: this.settings.maxAttempts ?? 8,
      // Adaptive = standard exponential backoff with jitter, plus client-side rate limiting after throttling.
      retryMode: 'adaptive',
    };
  }

  private cached<T extends Destroyable>(key: string, build: () => T): T {
    let client = this.clients.get(key) as T | undefined;
    if (!client) {
      client = build();
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
