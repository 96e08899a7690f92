// The sandbox's AWS errors: a code, an HTTP status and a fault side, rendered by each protocol codec.

export type FaultSide = 'client' | 'server';

/** An error the sandbox answers with, exactly as the named AWS service would. */
export class AwsServiceError extends Error {
  override readonly name = 'AwsServiceError';
  constructor(
    readonly code: string,
    message: string,
    readonly httpStatus = 400,
    readonly side: FaultSide = 'client',
    /**
     * Members of the error's shape beyond its message, in the awsJson body (Organizations' InvalidInputException
     * Reason). No awsQuery error the sandbox sends has any.
     */
    readonly members: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

export const validationError = (message: string) => new AwsServiceError('ValidationException', message, 400);

/** Every code by which some AWS service says "slow down"; each service answers with its own (service.ts). */
export const THROTTLING_CODES: ReadonlySet<string> = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
]);
export const internalError = (message = 'Internal server error') =>
  new AwsServiceError('InternalServerError', message, 500, 'server');
