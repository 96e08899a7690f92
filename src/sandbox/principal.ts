// Who is calling: the identity a request's credentials stand for.

/** The caller of one request, as STS GetCallerIdentity would describe it. */
export interface Principal {
  accountId: string;
  /** The caller ARN: `arn:aws:iam::A:user/N` or `arn:aws:sts::A:assumed-role/R/S`. */
  arn: string;
  /** GetCallerIdentity's UserId: `AIDA…` for users, `AROA…:session` for roles. */
  userId: string;
  kind: 'user' | 'assumed-role';
  /** For assumed roles: `arn:aws:iam::A:role/R`, the ARN trust policies name. */
  roleArn?: string;
  roleName?: string;
  sessionName?: string;
  /** True when these credentials came from AssumeRole called with role credentials. */
  chained?: boolean;
}

/** Credentials the sandbox knows, keyed by access key id. */
export interface CredentialRecord {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** Simulated-clock expiry, for temporary credentials. */
  expiresAtMs?: number;
  principal: Principal;
}
