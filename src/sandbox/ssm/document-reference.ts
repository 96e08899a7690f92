// Turns the name-or-ARN callers pass for an SSM document into the name, for the account that asks.

const documentArn = /^arn:aws[a-z-]*:ssm:[a-z0-9-]*:(\d{12})?:document\/(.+)$/;

/**
 * The document name `nameOrArn` refers to when `accountId` asks, or undefined when it is an ARN of
 * another account's document (the sandbox shares no documents across accounts). Amazon documents have
 * ARNs without an account: `arn:aws:ssm:us-east-1::document/AWS-RestartEC2Instance`.
 */
export function documentNameFor(accountId: string, nameOrArn: string): string | undefined {
  const arn = documentArn.exec(nameOrArn);
  if (!arn) return nameOrArn;
  const [, owner, name] = arn;
  return owner === undefined || owner === accountId ? name : undefined;
}

/** The ARN of a document as AWS prints it: no account for Amazon-owned documents. */
export function documentArnOf(region: string, owner: 'Amazon' | string, name: string): string {
  return `arn:aws:ssm:${region}:${owner === 'Amazon' ? '' : owner}:document/${name}`;
}
