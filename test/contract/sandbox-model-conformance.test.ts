import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICES } from '../../src/sandbox/services/index.js';
import { checkResponse, type RawResponse } from '../support/aws-model/check-response.js';
import { serviceModel } from '../support/aws-model/service-model.js';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';
import { recordEveryOperation } from './sandbox-model-scenarios.js';

// The sandbox against the API models that ship inside the AWS SDK's own @aws-sdk/client-* packages.
let env: TestSandbox;
let responses: RawResponse[];

beforeAll(async () => {
  env = await startTestSandbox({ startTime: new Date('2026-11-28T00:30:00Z') });
  responses = await recordEveryOperation(env);
}, 60_000);
afterAll(() => env.close());

const implemented = SERVICES.flatMap((service) =>
  Object.keys(service.operations).map((operation) => ({ service: service.signingName, operation })),
);

describe('the sandbox against the AWS SDK models', () => {
  it('when a service is simulated, then the SDK models it and every operation exists in that model', () => {
    const missing = implemented.filter(
      ({ service, operation }) => !serviceModel(service)?.operation(operation),
    );
    expect(missing).toEqual([]);
  });

  it('when the sandbox implements an operation, then a scenario calls it successfully', () => {
    const answered = new Set(
      responses.filter((r) => r.status === 200).map((r) => `${r.service}.${r.operation}`),
    );
    const uncovered = implemented
      .map(({ service, operation }) => `${service}.${operation}`)
      .filter((name) => !answered.has(name));
    expect(uncovered).toEqual([]);
  });

  it('when any operation answers, then the answer fits its output shape, enums and error traits', () => {
    const violations = responses.flatMap((response) =>
      checkResponse(serviceModel(response.service)!, response),
    );
    expect([...new Set(violations)]).toEqual([]);
  });
});
