// ARNs from their parts, and the one pattern of an SSM document ARN (runbooks and change calendars).

/** `arn:<partition>:<service>:<region>:<account>:<resource>`; IAM ARNs have no region. */
export function arn(parts: {
  partition?: string;
  service: string;
  region?: string;
  accountId: string;
  resource: string;
}): string {
  return [
    'arn',
    parts.partition ?? 'aws',
    parts.service,
    parts.region ?? '',
    parts.accountId,
    parts.resource,
  ].join(':');
}

/** An IAM role in an account of the `aws` partition. */
export const roleArn = (accountId: string, roleName: string): string =>
  arn({ service: 'iam', accountId, resource: `role/${roleName}` });

/** A document name as SSM accepts it. */
const DOCUMENT_NAME = '[A-Za-z0-9_.-]{3,128}';

/**
 * A document name, or the ARN of one shared from another account, in any partition (aws, aws-cn, aws-us-gov)
 * and region.
 */
export const SSM_DOCUMENT_REFERENCE = new RegExp(
  `^(${['arn', 'aws[a-z-]*', 'ssm', '[a-z0-9-]+', '\\d{12}', 'document'].join(':')}\\/)?${DOCUMENT_NAME}$`,
);
