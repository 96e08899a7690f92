// EventBridge connections: Create/Describe/List/DeleteConnection. Secrets stay server-side.
import { validationError } from '../aws-error.js';
import type { OperationHandler } from '../service.js';
import { callerScope } from './caller-bus.js';
import type { ConnectionAuth, ConnectionHttpParameters, ConnectionRecord } from './connection-store.js';
import { connectionArn, RESOURCE_NAME } from './events-arn.js';
import { alreadyExists, notFound, OperationInput, page } from './operation-input.js';

const AUTHORIZATION_TYPES = ['API_KEY', 'BASIC', 'OAUTH_CLIENT_CREDENTIALS'] as const;
/** Every state AWS's ListConnections filter accepts, including those the sandbox never enters. */
const CONNECTION_STATES = [
  'CREATING',
  'UPDATING',
  'DELETING',
  'AUTHORIZED',
  'DEAUTHORIZED',
  'AUTHORIZING',
  'DEAUTHORIZING',
  'ACTIVE',
  'FAILED_CONNECTIVITY',
] as const;
const OAUTH_METHODS = ['GET', 'POST', 'PUT'] as const;

export const connectionOperations: Record<string, OperationHandler> = {
  CreateConnection: (raw, ctx) => {
    const input = new OperationInput(raw);
    const name = input.string('Name', { pattern: RESOURCE_NAME, max: 64 });
    const type = input.optionalEnum('AuthorizationType', AUTHORIZATION_TYPES);
    if (type === undefined) throw validationError('Parameter(s) AuthorizationType must be specified.');
    const params = (input.raw('AuthParameters') ?? {}) as Record<string, unknown>;
    const scope = callerScope(ctx);
    const store = ctx.world.events.connections;
    if (store.connection(scope, name)) throw alreadyExists(`Connection ${name} already exists.`);
    const uuid = ctx.world.ids.uuid();
    const now = ctx.world.clock.now();
    const connection: ConnectionRecord = {
      name,
      arn: connectionArn(scope, name, uuid),
      scope,
      description: input.optionalString('Description', { max: 512 }),
      auth: readAuth(type, params),
      invocationHttpParameters: params.InvocationHttpParameters as ConnectionHttpParameters | undefined,
      // API key and basic auth need no handshake; OAuth tokens are fetched on the first invocation.
      state: 'AUTHORIZED',
      secretArn: `arn:aws:secretsmanager:${scope.region}:${scope.accountId}:secret:events!connection/${name}/${uuid}-${ctx.world.ids.base64(6).replace(/[+/]/g, 'x')}`,
      creationTime: now,
      lastModifiedTime: now,
      lastAuthorizedTime: now,
    };
    store.addConnection(connection);
    return {
      ConnectionArn: connection.arn,
      ConnectionState: connection.state,
      CreationTime: connection.creationTime,
      LastModifiedTime: connection.lastModifiedTime,
    };
  },

  DescribeConnection: (raw, ctx) => {
    const connection = findConnection(new OperationInput(raw), ctx);
    return {
      ConnectionArn: connection.arn,
      Name: connection.name,
      Description: connection.description,
      ConnectionState: connection.state,
      AuthorizationType: connection.auth.type,
      SecretArn: connection.secretArn,
      AuthParameters: {
        ...publicAuth(connection.auth),
        InvocationHttpParameters: withoutSecrets(connection.invocationHttpParameters),
      },
      CreationTime: connection.creationTime,
      LastModifiedTime: connection.lastModifiedTime,
      LastAuthorizedTime: connection.lastAuthorizedTime,
    };
  },

  ListConnections: (raw, ctx) => {
    const input = new OperationInput(raw);
    const prefix = input.optionalString('NamePrefix', { pattern: RESOURCE_NAME, max: 64 });
    const state = input.optionalEnum('ConnectionState', CONNECTION_STATES);
    const limit = input.optionalNumber('Limit', { min: 1, max: 100 }) ?? 100;
    const connections = ctx.world.events.connections
      .connectionsIn(callerScope(ctx))
      .filter((connection) => prefix === undefined || connection.name.startsWith(prefix))
      .filter((connection) => state === undefined || connection.state === state);
    const result = page(connections, input.optionalString('NextToken', { max: 2048 }), limit);
    // The summary shape: no AuthParameters and no SecretArn, as at AWS.
    return {
      Connections: result.items.map((connection) => ({
        ConnectionArn: connection.arn,
        Name: connection.name,
        ConnectionState: connection.state,
        AuthorizationType: connection.auth.type,
        CreationTime: connection.creationTime,
        LastModifiedTime: connection.lastModifiedTime,
        LastAuthorizedTime: connection.lastAuthorizedTime,
      })),
      NextToken: result.nextToken,
    };
  },

  DeleteConnection: (raw, ctx) => {
    const connection = findConnection(new OperationInput(raw), ctx);
    ctx.world.events.connections.deleteConnection(connection.scope, connection.name);
    return {
      ConnectionArn: connection.arn,
      ConnectionState: 'DELETING',
      CreationTime: connection.creationTime,
      LastModifiedTime: ctx.world.clock.now(),
      LastAuthorizedTime: connection.lastAuthorizedTime,
    };
  },
};

function findConnection(input: OperationInput, ctx: Parameters<OperationHandler>[1]): ConnectionRecord {
  const name = input.string('Name', { pattern: RESOURCE_NAME, max: 64 });
  const connection = ctx.world.events.connections.connection(callerScope(ctx), name);
  if (!connection) throw notFound(`Connection '${name}' does not exist.`);
  return connection;
}

function readAuth(type: ConnectionAuth['type'], params: Record<string, unknown>): ConnectionAuth {
  const section = (name: string) => {
    const value = params[name];
    if (typeof value !== 'object' || value === null) {
      throw validationError(`Parameter(s) ${name} must be specified for authorization type ${type}.`);
    }
    return new OperationInput(value as Record<string, unknown>);
  };
  switch (type) {
    case 'API_KEY': {
      const api = section('ApiKeyAuthParameters');
      return {
        type,
        apiKeyName: api.string('ApiKeyName', { max: 512 }),
        apiKeyValue: api.string('ApiKeyValue', { max: 512 }),
      };
    }
    case 'BASIC': {
      const basic = section('BasicAuthParameters');
      return {
        type,
        username: basic.string('Username', { max: 512 }),
        password: basic.string('Password', { max: 512 }),
      };
    }
    case 'OAUTH_CLIENT_CREDENTIALS': {
      const oauth = section('OAuthParameters');
      const client = new OperationInput((oauth.raw('ClientParameters') ?? {}) as Record<string, unknown>);
      const endpoint = oauth.string('AuthorizationEndpoint', { max: 2048 });
      if (!/^https?:\/\//.test(endpoint))
        throw validationError('AuthorizationEndpoint must be an HTTP(S) URL.');
      const method = oauth.optionalEnum('HttpMethod', OAUTH_METHODS);
      if (method === undefined) throw validationError('Parameter(s) HttpMethod must be specified.');
      return {
        type,
        clientId: client.string('ClientID', { max: 512 }),
        clientSecret: client.string('ClientSecret', { max: 512 }),
        authorizationEndpoint: endpoint,
        httpMethod: method,
        oauthHttpParameters: oauth.raw('OAuthHttpParameters') as ConnectionHttpParameters | undefined,
      };
    }
  }
}

/** The parts of the auth parameters DescribeConnection shows: names, never keys, passwords or secrets. */
function publicAuth(auth: ConnectionAuth) {
  switch (auth.type) {
    case 'API_KEY':
      return { ApiKeyAuthParameters: { ApiKeyName: auth.apiKeyName } };
    case 'BASIC':
      return { BasicAuthParameters: { Username: auth.username } };
    case 'OAUTH_CLIENT_CREDENTIALS':
      return {
        OAuthParameters: {
          ClientParameters: { ClientID: auth.clientId },
          AuthorizationEndpoint: auth.authorizationEndpoint,
          HttpMethod: auth.httpMethod,
          OAuthHttpParameters: withoutSecrets(auth.oauthHttpParameters),
        },
      };
  }
}

function withoutSecrets(parameters: ConnectionHttpParameters | undefined) {
  if (!parameters) return undefined;
  const hide = (list: ConnectionHttpParameters['HeaderParameters']) =>
    list?.map((p) => (p.IsValueSecret ? { Key: p.Key, IsValueSecret: true } : p));
  return {
    HeaderParameters: hide(parameters.HeaderParameters),
    QueryStringParameters: hide(parameters.QueryStringParameters),
    BodyParameters: hide(parameters.BodyParameters),
  };
}
