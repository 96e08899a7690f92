// Tells AWS's answers (an error code for one call) from faults (no answer at all), and names them.
import type { ChildFailure } from '../core/run/run.js';

/** An error AWS answered with: it has a service error name and HTTP metadata. */
export function isAwsServiceError(error: unknown): error is Error & { $fault: 'client' | 'server' } {
  return (
    error instanceof Error &&
    '$fault' in error &&
    '$metadata' in error &&
    typeof (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 'number'
  );
}

const THROTTLING = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'TooManyUpdates',
]);

/** AWS kept saying "slow down" past the SDK's retries. */
export const isThrottling = (error: unknown): error is Error =>
  isAwsServiceError(error) && THROTTLING.has(error.name);

/** Transient: still failing after the SDK's retries, but worth another try later rather than a verdict. */
export const isTransient = (error: unknown): boolean =>
  !isAwsServiceError(error) || error.$fault === 'server' || THROTTLING.has(error.name);

/**
 * `AccessDenied: User … is not authorized …` as a child failure: AWS's verdict on this target. Transient
 * errors (throttling, 5xx, no answer) are rethrown, so the caller retries instead of failing the target.
 */
export function toChildFailure(error: unknown, during: string): ChildFailure {
  if (isTransient(error)) throw error;
  return { reason: (error as Error).name, message: `${during}: ${(error as Error).message}` };
}

/**
 * AWS answers a call into an opt-in region the account has not enabled as if the credentials were unknown:
 * `UnrecognizedClientException` (JSON services such as SSM and EventBridge) or `InvalidClientTokenId` (query
 * services such as STS), "The security token included in the request is invalid." — see AWS Account
 * Management, "Enable or disable AWS Regions in your account"
 * (https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-regions.html) and e.g.
 * https://remotion.dev/docs/lambda/troubleshooting/security-token ("it means the region is not enabled in your
 * AWS account"). Credentials just issued by STS cannot be unknown otherwise, so right after an AssumeRole (or
 * with the bot's own working credentials) it means the region.
 */
const REGION_REFUSED = new Set(['UnrecognizedClientException', 'InvalidClientTokenId']);

export const isRegionRefused = (error: unknown): boolean =>
  isAwsServiceError(error) && REGION_REFUSED.has(error.name);

const EXPIRED_TOKEN = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired']);

export const isExpiredToken = (error: unknown): boolean =>
  isAwsServiceError(error) && EXPIRED_TOKEN.has(error.name);
