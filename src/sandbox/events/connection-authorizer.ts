// Turns a connection's secret into request headers: API key, basic auth, or an OAuth client-credentials token.
import type { ConnectionHttpParameters, ConnectionRecord } from './connection-store.js';

interface CachedToken {
  value: string;
  expiresAtMs: number;
}

export class ConnectionAuthorizer {
  private readonly tokens = new Map<string, CachedToken>();

  constructor(private readonly fetchImpl: typeof fetch = fetch) {}

  /** Headers that authorize one request; fetches (and caches) an OAuth token when the connection needs one. */
  async headers(connection: ConnectionRecord, signal: AbortSignal): Promise<Record<string, string>> {
    const auth = connection.auth;
    switch (auth.type) {
      case 'API_KEY':
        return { [auth.apiKeyName]: auth.apiKeyValue };
      case 'BASIC':
        return { authorization: basic(auth.username, auth.password) };
      case 'OAUTH_CLIENT_CREDENTIALS':
        return { authorization: `Bearer ${await this.token(connection, signal)}` };
    }
  }

  /** Forgets a cached token, after the endpoint answered 401 with it. */
  forget(connection: ConnectionRecord): void {
    this.tokens.delete(connection.arn);
  }

  private async token(connection: ConnectionRecord, signal: AbortSignal): Promise<string> {
    const auth = connection.auth;
    if (auth.type !== 'OAUTH_CLIENT_CREDENTIALS') throw new Error('not an OAuth connection');
    const cached = this.tokens.get(connection.arn);
    if (cached && cached.expiresAtMs > Date.now()) return cached.value;
    const url = withQuery(auth.authorizationEndpoint, auth.oauthHttpParameters);
    const body = formBody(auth.oauthHttpParameters);
    const response = await this.fetchImpl(url, {
      method: auth.httpMethod,
      headers: {
        authorization: basic(auth.clientId, auth.clientSecret),
        ...headerParameters(auth.oauthHttpParameters),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: auth.httpMethod === 'GET' ? undefined : body,
      signal,
    });
    if (!response.ok) throw new Error(`OAuth endpoint answered ${response.status}`);
    const payload = (await response.json()) as { access_token?: unknown; expires_in?: unknown };
    if (typeof payload.access_token !== 'string') throw new Error('OAuth endpoint returned no access_token');
    const lifetimeSeconds = typeof payload.expires_in === 'number' ? payload.expires_in : 3600;
    this.tokens.set(connection.arn, {
      value: payload.access_token,
      expiresAtMs: Date.now() + lifetimeSeconds * 1000,
    });
    return payload.access_token;
  }
}

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;

export function headerParameters(parameters: ConnectionHttpParameters | undefined): Record<string, string> {
  return Object.fromEntries((parameters?.HeaderParameters ?? []).map((p) => [p.Key, p.Value]));
}

export function withQuery(
  endpoint: string,
  ...parameters: Array<ConnectionHttpParameters | undefined>
): string {
  const url = new URL(endpoint);
  for (const set of parameters)
    for (const p of set?.QueryStringParameters ?? []) url.searchParams.append(p.Key, p.Value);
  return url.toString();
}

function formBody(parameters: ConnectionHttpParameters | undefined): string | undefined {
  const fields = parameters?.BodyParameters ?? [];
  return fields.length === 0
    ? undefined
    : new URLSearchParams(fields.map((p): [string, string] => [p.Key, p.Value])).toString();
}
