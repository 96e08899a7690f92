// AWS STS over awsQuery: GetCallerIdentity and AssumeRole with trust, ExternalId and duration rules.
import { AwsServiceError } from '../aws-error.js';
import { parseRoleArn } from '../identity.js';
import type { OperationHandler, ServiceDefinition } from '../service.js';

const validation = (message: string) => new AwsServiceError('ValidationError', message, 400);
const constraint = (value: unknown, member: string, rule: string) =>
  validation(
    `1 validation error detected: Value '${String(value)}' at '${member}' failed to satisfy constraint: ${rule}`,
  );

const ROLE_CHAINING_LIMIT_SECONDS = 3600;
const MIN_DURATION_SECONDS = 900;

const assumeRole: OperationHandler = (input, ctx) => {
  const { RoleArn, RoleSessionName, ExternalId } = input as Record<string, string | undefined>;
  if (typeof RoleArn !== 'string' || RoleArn.length < 20 || RoleArn.length > 2048) {
    throw constraint(RoleArn, 'roleArn', 'Member must have length greater than or equal to 20');
  }
  if (typeof RoleSessionName !== 'string' || !/^[\w+=,.@-]{2,64}$/.test(RoleSessionName)) {
    throw constraint(
      RoleSessionName,
      'roleSessionName',
      'Member must satisfy regular expression pattern: [\\w+=,.@-]* and have length between 2 and 64',
    );
  }
  if (ExternalId !== undefined && !/^[\w+=,.@:/-]{2,1224}$/.test(ExternalId)) {
    throw constraint(
      ExternalId,
      'externalId',
      'Member must satisfy regular expression pattern: [\\w+=,.@:\\/-]*',
    );
  }
  const duration = input.DurationSeconds === undefined ? 3600 : Number(input.DurationSeconds);
  if (!Number.isInteger(duration) || duration < MIN_DURATION_SECONDS || duration > 43_200) {
    throw constraint(
      input.DurationSeconds,
      'durationSeconds',
      duration < MIN_DURATION_SECONDS
        ? `Member must have value greater than or equal to ${MIN_DURATION_SECONDS}`
        : 'Member must have value less than or equal to 43200',
    );
  }
  if (!parseRoleArn(RoleArn)) throw validation(`${RoleArn} is invalid`);

  const caller = ctx.principal;
  const decision = ctx.world.identities.evaluateTrust(
    { kind: 'principal', principal: caller },
    RoleArn,
    ExternalId,
  );
  if (!decision.allowed) {
    throw new AwsServiceError(
      'AccessDenied',
      `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${RoleArn}`,
      403,
    );
  }
  const chained = caller.kind === 'assumed-role';
  if (chained && duration > ROLE_CHAINING_LIMIT_SECONDS) {
    throw validation(
      'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    );
  }
  if (duration > decision.role.maxSessionDurationSeconds) {
    throw validation('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  }
  const session = ctx.world.identities.issueRoleSession(decision.role, RoleSessionName, duration, chained);
  return {
    Credentials: {
      AccessKeyId: session.accessKeyId,
      SecretAccessKey: session.secretAccessKey,
      SessionToken: session.sessionToken,
      Expiration: new Date(session.expiresAtMs!),
    },
    AssumedRoleUser: { AssumedRoleId: session.principal.userId, Arn: session.principal.arn },
  };
};

export const stsService: ServiceDefinition = {
  signingName: 'sts',
  protocol: 'query',
  errorNamespace: 'com.amazonaws.sts',
  throttling: { code: 'Throttling', httpStatus: 400 },
  xmlns: 'https://sts.amazonaws.com/doc/2011-06-15/',
  operations: {
    GetCallerIdentity: (_input, ctx) => ({
      UserId: ctx.principal.userId,
      Account: ctx.principal.accountId,
      Arn: ctx.principal.arn,
    }),
    AssumeRole: assumeRole,
  },
};
