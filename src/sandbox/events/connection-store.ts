// Connections (how to authorize against an HTTP endpoint, secrets kept server-side) and the API
// destinations that use them, per account and region.
import type { EventsScope } from './events-arn.js';

export interface HttpParameter {
  Key: string;
  Value: string;
  IsValueSecret?: boolean;
}

/** Extra headers, query strings and body fields sent with every invocation or token request. */
export interface ConnectionHttpParameters {
  HeaderParameters?: HttpParameter[];
  QueryStringParameters?: HttpParameter[];
  BodyParameters?: HttpParameter[];
}

/** The secret part of a connection; never returned by any operation. */
export type ConnectionAuth =
  | { type: 'API_KEY'; apiKeyName: string; apiKeyValue: string }
  | { type: 'BASIC'; username: string; password: string }
  | {
      type: 'OAUTH_CLIENT_CREDENTIALS';
      clientId: string;
      clientSecret: string;
      authorizationEndpoint: string;
      httpMethod: 'GET' | 'POST' | 'PUT';
      oauthHttpParameters?: ConnectionHttpParameters;
    };

export type ConnectionState = 'AUTHORIZED' | 'AUTHORIZING' | 'DEAUTHORIZED' | 'DELETING';

export interface ConnectionRecord {
  name: string;
  arn: string;
  scope: EventsScope;
  description?: string;
  auth: ConnectionAuth;
  invocationHttpParameters?: ConnectionHttpParameters;
  state: ConnectionState;
  /** Where AWS would keep the secret: a Secrets Manager secret owned by EventBridge. */
  secretArn: string;
  creationTime: Date;
  lastModifiedTime: Date;
  lastAuthorizedTime: Date;
}

export type ApiDestinationHttpMethod = 'POST' | 'GET' | 'HEAD' | 'OPTIONS' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiDestinationRecord {
  name: string;
  arn: string;
  scope: EventsScope;
  description?: string;
  connectionArn: string;
  invocationEndpoint: string;
  httpMethod: ApiDestinationHttpMethod;
  invocationRateLimitPerSecond: number;
  state: 'ACTIVE' | 'INACTIVE';
  creationTime: Date;
  lastModifiedTime: Date;
}

export class ConnectionStore {
  private readonly connections = new Map<string, ConnectionRecord>();
  private readonly destinations = new Map<string, ApiDestinationRecord>();

  connection(scope: EventsScope, name: string): ConnectionRecord | undefined {
    return this.connections.get(key(scope, name));
  }

  connectionByArn(arn: string): ConnectionRecord | undefined {
    for (const connection of this.connections.values()) if (connection.arn === arn) return connection;
    return undefined;
  }

  /** The connections of one account and region, by name (ListConnections' order). */
  connectionsIn(scope: EventsScope): ConnectionRecord[] {
    return inScope(this.connections, scope);
  }

  addConnection(connection: ConnectionRecord): void {
    this.connections.set(key(connection.scope, connection.name), connection);
  }

  deleteConnection(scope: EventsScope, name: string): boolean {
    return this.connections.delete(key(scope, name));
  }

  apiDestination(scope: EventsScope, name: string): ApiDestinationRecord | undefined {
    return this.destinations.get(key(scope, name));
  }

  /** The API destinations of one account and region, by name (ListApiDestinations' order). */
  apiDestinationsIn(scope: EventsScope): ApiDestinationRecord[] {
    return inScope(this.destinations, scope);
  }

  addApiDestination(destination: ApiDestinationRecord): void {
    this.destinations.set(key(destination.scope, destination.name), destination);
  }

  deleteApiDestination(scope: EventsScope, name: string): boolean {
    return this.destinations.delete(key(scope, name));
  }
}

const key = (scope: EventsScope, name: string) => `${scope.accountId}/${scope.region}/${name}`;

function inScope<T extends { name: string; scope: EventsScope }>(
  records: Map<string, T>,
  scope: EventsScope,
): T[] {
  return [...records.values()]
    .filter((record) => record.scope.accountId === scope.accountId && record.scope.region === scope.region)
    .sort((a, b) => a.name.localeCompare(b.name));
}
