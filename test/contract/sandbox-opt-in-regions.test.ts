// The sandbox answers calls (SSM, EventBridge, any service) into a region the caller's account has not enabled as AWS does: the
// credentials are "invalid" there (UnrecognizedClientException), while its enabled regions answer.
import { ListRulesCommand } from '@aws-sdk/client-eventbridge';
import { DescribeAutomationExecutionsCommand } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS_ACCOUNT, startTestSandbox, type TestSandbox } from '../support/sandbox.js';

/** fixtures/sandbox/organization.yml: data-dev enables only ap-northeast-1. */
const DATA_DEV = '555555555502';
let aws: TestSandbox;
beforeAll(async () => {
  aws = await startTestSandbox();
});
afterAll(() => aws.close());

const describeOne = new DescribeAutomationExecutionsCommand({ MaxResults: 1 });

describe('sandbox: regions an account has not enabled', () => {
  it('when data-dev calls SSM in a region it has not enabled, then the token is refused as AWS refuses it', async () => {
    const credentials = await aws.assumeRole(`arn:aws:iam::${DATA_DEV}:role/SsmChatOpsReadOnly`, 'probe');
    await expect(aws.ssm({ region: 'us-east-1', credentials }).send(describeOne)).rejects.toMatchObject({
      name: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
    });
    await expect(aws.ssm({ region: 'ap-northeast-1', credentials }).send(describeOne)).resolves.toBeDefined();
  });

  it('when data-dev calls EventBridge in a region it has not enabled, then it is refused the same way', async () => {
    const credentials = await aws.assumeRole(`arn:aws:iam::${DATA_DEV}:role/SsmChatOpsReadOnly`, 'probe');
    await expect(
      aws.events({ region: 'eu-west-1', credentials }).send(new ListRulesCommand({})),
    ).rejects.toMatchObject({ name: 'UnrecognizedClientException' });
  });

  it('when the operations account calls SSM in any region of the organization, then it answers', async () => {
    expect(OPERATIONS_ACCOUNT).toBe('222222222222');
    await expect(aws.ssm({ region: 'eu-west-1' }).send(describeOne)).resolves.toBeDefined();
  });
});
