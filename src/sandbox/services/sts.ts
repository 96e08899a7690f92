// STUB (to be completed): AWS STS over awsQuery.
import type { ServiceDefinition } from '../service.js';

export const stsService: ServiceDefinition = {
  signingName: 'sts',
  protocol: 'query',
  errorNamespace: 'com.amazonaws.sts',
  xmlns: 'https://sts.amazonaws.com/doc/2011-06-15/',
  operations: {
    GetCallerIdentity: (_input, ctx) => ({
      UserId: ctx.principal.userId,
      Account: ctx.principal.accountId,
      Arn: ctx.principal.arn,
    }),
  },
};
