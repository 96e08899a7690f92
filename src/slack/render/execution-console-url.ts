// Deep links to an Automation execution in the AWS console.

const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

/**
 * `https://<region>.console.aws.amazon.com/systems-manager/automation/execution/<id>?region=<region>`, or
 * undefined when the region is not a region name (it goes into a host name). The console shows the execution
 * only to someone signed in to the account that ran it.
 */
export function executionConsoleUrl(executionId: string, region: string): string | undefined {
  if (!REGION.test(region)) return undefined;
  return `https://${region}.console.aws.amazon.com/systems-manager/automation/execution/${encodeURIComponent(executionId)}?region=${region}`;
}
