// The contract between the HTTP front of the sandbox and each simulated AWS service.
import type { Principal } from './principal.js';
import type { SandboxWorld } from './world.js';

/** Everything an operation handler may use: the world, who calls, and where. */
export interface CallContext {
  world: SandboxWorld;
  principal: Principal;
  /** Region from the request's SigV4 credential scope. */
  region: string;
  service: string;
  operation: string;
  requestId: string;
}

/**
 * One AWS operation. `input` is the decoded request (JSON body, or the nested form of a query request).
 * Return the output shape (Dates allowed); throw AwsServiceError for AWS errors.
 */
export type OperationHandler = (
  input: Record<string, unknown>,
  ctx: CallContext,
) => unknown | Promise<unknown>;

export interface ServiceDefinition {
  /** The SigV4 signing name, used for routing query requests and for throttle keys: ssm, sts, organizations, events. */
  signingName: string;
  protocol: 'json' | 'query';
  /** awsJson1_1: the X-Amz-Target prefix, e.g. `AmazonSSM`. */
  targetPrefix?: string;
  /** Namespace of `__type` in awsJson error bodies. */
  errorNamespace: string;
  /** awsQuery: the XML namespace of responses. */
  xmlns?: string;
  /** HTTP statuses the service's model gives error codes that are not 400 (injected faults use them too). */
  errorStatuses?: Readonly<Record<string, number>>;
  /** How this service says "slow down" (its model's throttling error): code and HTTP status. */
  throttling: { code: string; httpStatus: number };
  operations: Record<string, OperationHandler>;
}
