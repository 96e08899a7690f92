// The sandbox's HTTP front: one port, AWS wire protocols for the services and /_sandbox for control.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AwsServiceError, THROTTLING_CODES } from './aws-error.js';
import { handleControlRequest } from './control-api.js';
import { DEFAULT_FIXTURE_PATH, type LoadedFixture, loadFixture } from './fixture.js';
import { parseTarget, writeJsonError, writeJsonResult } from './protocol/json-codec.js';
import { parseQueryForm, writeQueryError, writeQueryResult } from './protocol/query-codec.js';
import { computeSignature, parseAmzDate, parseAuthorization } from './protocol/sigv4.js';
import type { CallContext, ServiceDefinition } from './service.js';
import { SERVICES } from './services/index.js';
import { SandboxWorld, type WorldOptions } from './world.js';

const MAX_BODY_BYTES = 8 * 1024 * 1024;
const MAX_SKEW_MS = 15 * 60 * 1000;

export interface SandboxOptions extends WorldOptions {
  port?: number;
  host?: string;
  fixturePath?: string;
  /** Called for faults inside the sandbox (not AWS errors it answers with). */
  onInternalError?: (error: unknown) => void;
}

export interface RunningSandbox {
  /** `http://127.0.0.1:PORT`, the value for AWS_ENDPOINT_URL. */
  url: string;
  port: number;
  /** The current world; replaced by reset. */
  readonly world: SandboxWorld;
  reset(options?: WorldOptions): SandboxWorld;
  close(): Promise<void>;
}

/** Starts the sandbox on `port` (0 = a free port) and resolves once it listens. */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const loaded = loadFixture(options.fixturePath ?? DEFAULT_FIXTURE_PATH);
  const worldOptions: WorldOptions = {
    timeScale: options.timeScale,
    startTime: options.startTime,
    throttling: options.throttling,
    allowHttpApiDestinations: options.allowHttpApiDestinations,
    automationQuota: options.automationQuota,
  };
  const state = { world: new SandboxWorld(loaded, worldOptions) };
  const reset = (overrides: WorldOptions = {}) => {
    state.world.dispose();
    state.world = new SandboxWorld(loaded, { ...worldOptions, ...overrides });
    return state.world;
  };
  const server = createServer((req, res) => {
    handleRequest(req, res, state, loaded, reset).catch((error) => {
      options.onInternalError?.(error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('sandbox internal error');
    });
  });
  server.keepAliveTimeout = 65_000;
  await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  const port = (server.address() as AddressInfo).port;
  const host = options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1';
  return {
    url: `http://${host}:${port}`,
    port,
    get world() {
      return state.world;
    },
    reset,
    close: () =>
      new Promise<void>((resolve, reject) => {
        state.world.dispose();
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

const JSON_SERVICES = new Map<string, ServiceDefinition>(
  SERVICES.filter((service) => service.targetPrefix).map((service) => [service.targetPrefix!, service]),
);
const QUERY_SERVICES = new Map<string, ServiceDefinition>(
  SERVICES.filter((service) => service.protocol === 'query').map((service) => [service.signingName, service]),
);

interface Routed {
  service: ServiceDefinition;
  operation: string;
  input: Record<string, unknown>;
}

async function handleRequest(
  req: IncomingMessage,
  res: ServerResponse,
  state: { world: SandboxWorld },
  loaded: LoadedFixture,
  reset: (options?: WorldOptions) => SandboxWorld,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sandbox');
  const body = await readBody(req);
  if (body === undefined) {
    res.writeHead(413).end('request body too large');
    return;
  }
  if (url.pathname.startsWith('/_sandbox/')) {
    await handleControlRequest(req, res, url, body, { world: state.world, fixture: loaded, reset });
    return;
  }
  const requestId = randomUUID();
  const target = req.headers['x-amz-target'];
  const auth = parseAuthorization(req.headers.authorization);

  // Work out the service first, so every later error is rendered in that service's protocol.
  let routed: Routed | AwsServiceError;
  let service: ServiceDefinition | undefined;
  if (typeof target === 'string') {
    const parsed = parseTarget(target);
    service = parsed ? JSON_SERVICES.get(parsed.prefix) : undefined;
    if (!service || !parsed) {
      res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify({ __type: 'UnknownOperationException', message: `Unknown target ${target}` }));
      return;
    }
    routed = routeJson(service, parsed.operation, body);
  } else {
    service = QUERY_SERVICES.get(auth?.service ?? 'sts');
    if (!service) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('unrecognised request');
      return;
    }
    routed = routeQuery(service, body);
  }
  const reply = replier(res, requestId, service);
  if (routed instanceof AwsServiceError) return reply.error(routed);

  const world = state.world;
  const caller = authenticate(req, url, body, auth, world, service);
  if (caller instanceof AwsServiceError) return reply.error(caller);

  const ctx: CallContext = {
    world,
    principal: caller.principal,
    region: caller.region,
    service: service.signingName,
    operation: routed.operation,
    requestId,
  };
  const scope = {
    service: ctx.service,
    operation: ctx.operation,
    accountId: ctx.principal.accountId,
    region: ctx.region,
  };
  const delay = world.latencyMs + world.faults.latencyFor(scope);
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));

  const injected = world.faults.errorFor(scope, (code) => service.errorStatuses?.[code]);
  if (injected) {
    world.calls.record(scope.service, scope.operation, scope.accountId, scope.region, 'error');
    // An injected throttle is said the way this service says it, whichever throttling code the rule named.
    return reply.error(
      THROTTLING_CODES.has(injected.code) ? throttlingError(service, injected.message) : injected,
    );
  }
  if (!world.throttle.tryTake(scope.service, scope.operation, scope.accountId, scope.region)) {
    world.calls.record(scope.service, scope.operation, scope.accountId, scope.region, 'throttled');
    return reply.error(throttlingError(service, 'Rate exceeded'));
  }
  try {
    const result = await routed.service.operations[routed.operation]!(routed.input, ctx);
    world.calls.record(scope.service, scope.operation, scope.accountId, scope.region, 'ok');
    reply.result(routed.operation, result);
  } catch (error) {
    world.calls.record(scope.service, scope.operation, scope.accountId, scope.region, 'error');
    if (error instanceof AwsServiceError) return reply.error(error);
    throw error;
  }
}

const throttlingError = (service: ServiceDefinition, message: string) =>
  new AwsServiceError(service.throttling.code, message, service.throttling.httpStatus);

function routeJson(service: ServiceDefinition, operation: string, body: Buffer): Routed | AwsServiceError {
  if (!Object.hasOwn(service.operations, operation)) {
    return new AwsServiceError(
      'UnknownOperationException',
      `The operation ${operation} is not supported by the sandbox`,
    );
  }
  let input: unknown;
  try {
    input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
  } catch {
    return new AwsServiceError('SerializationException', 'Request body is not valid JSON');
  }
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    return new AwsServiceError('SerializationException', 'Request body must be a JSON object');
  }
  return { service, operation, input: input as Record<string, unknown> };
}

function routeQuery(service: ServiceDefinition, body: Buffer): Routed | AwsServiceError {
  const { action, input } = parseQueryForm(body.toString('utf8'));
  if (!action || !Object.hasOwn(service.operations, action)) {
    return new AwsServiceError('InvalidAction', `Could not find operation ${action || '(none)'}`, 400);
  }
  return { service, operation: action, input };
}

interface AuthenticatedCaller {
  principal: CallContext['principal'];
  region: string;
}

/** Checks credentials, session token, expiry, clock skew and the SigV4 signature, as AWS does. */
function authenticate(
  req: IncomingMessage,
  url: URL,
  body: Buffer,
  auth: ReturnType<typeof parseAuthorization>,
  world: SandboxWorld,
  service: ServiceDefinition,
): AuthenticatedCaller | AwsServiceError {
  const query = service.protocol === 'query';
  if (!auth) {
    return query
      ? new AwsServiceError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403)
      : new AwsServiceError('MissingAuthenticationTokenException', 'Missing Authentication Token', 400);
  }
  const invalidToken = () =>
    query
      ? new AwsServiceError(
          'InvalidClientTokenId',
          'The security token included in the request is invalid.',
          403,
        )
      : new AwsServiceError(
          'UnrecognizedClientException',
          'The security token included in the request is invalid.',
        );
  const record = world.identities.credentials(auth.accessKeyId);
  if (!record) return invalidToken();
  if (record.sessionToken !== undefined && req.headers['x-amz-security-token'] !== record.sessionToken) {
    return invalidToken();
  }
  if (record.expiresAtMs !== undefined && world.clock.nowMs() >= record.expiresAtMs) {
    return query
      ? new AwsServiceError('ExpiredToken', 'The security token included in the request is expired', 400)
      : new AwsServiceError('ExpiredTokenException', 'The security token included in the request is expired');
  }
  const signatureError = (message: string) =>
    query
      ? new AwsServiceError('SignatureDoesNotMatch', message, 403)
      : new AwsServiceError('InvalidSignatureException', message);
  const signedAt = parseAmzDate(req.headers['x-amz-date'] as string | undefined);
  if (!signedAt) return signatureError('Missing or malformed X-Amz-Date header');
  if (Math.abs(Date.now() - signedAt.getTime()) > MAX_SKEW_MS) {
    return signatureError(`Signature expired: ${req.headers['x-amz-date']} is more than 15 minutes from now`);
  }
  const expected = computeSignature(
    {
      method: req.method ?? 'POST',
      rawPath: url.pathname,
      rawQuery: url.search.slice(1),
      headers: req.headers,
      body,
    },
    auth,
    record.secretAccessKey,
  );
  if (expected !== auth.signature) {
    return signatureError(
      'The request signature we calculated does not match the signature you provided. ' +
        'Check your AWS Secret Access Key and signing method.',
    );
  }
  if (regionNotEnabled(world, record.principal.accountId, auth.region)) return invalidToken();
  return { principal: record.principal, region: auth.region };
}

/**
 * Whether `region` is one of the organization's that the caller's account has not enabled. AWS answers any call
 * into an opt-in region the account has not enabled as if its credentials were unknown ("The security token
 * included in the request is invalid."; AWS Account Management, "Enable or disable AWS Regions in your
 * account"). Regions the fixture's organization does not list, and callers outside it, are left alone.
 */
function regionNotEnabled(world: SandboxWorld, accountId: string, region: string): boolean {
  const account = world.org.account(accountId);
  return account !== undefined && world.org.regions.includes(region) && !account.regions.includes(region);
}

function replier(res: ServerResponse, requestId: string, service: ServiceDefinition) {
  return {
    result(operation: string, result: unknown) {
      if (service.protocol === 'query')
        writeQueryResult(res, requestId, service.xmlns ?? '', operation, result);
      else writeJsonResult(res, requestId, result);
    },
    error(error: AwsServiceError) {
      if (service.protocol === 'query') writeQueryError(res, requestId, service.xmlns ?? '', error);
      else writeJsonError(res, requestId, service.errorNamespace, error);
    },
  };
}
