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
  ) {
    super(message);
  }
}

export const accessDenied = (message: string) => new AwsServiceError('AccessDeniedException', message, 400);
export const validationError = (message: string) => new AwsServiceError('ValidationException', message, 400);
export const throttled = (message = 'Rate exceeded') =>
  new AwsServiceError('ThrottlingException', message, 400);
export const internalError = (message = 'Internal server error') =>
  new AwsServiceError('InternalServerError', message, 500, 'server');
