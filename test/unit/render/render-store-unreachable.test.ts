// renderStoreUnreachable: what a person reads when Redis does not answer; the modal field's short version.
import { describe, expect, it } from 'vitest';
import {
  renderStoreUnreachable,
  storeUnreachableFieldError,
} from '../../../src/slack/render/render-store-unreachable.js';
import { expectGolden } from './expect-golden.js';

describe('renderStoreUnreachable', () => {
  it('says nothing was done, that nothing will be done later, and what to do', async () => {
    await expectGolden(renderStoreUnreachable(), 'store-unreachable');
  });

  it('fits under a modal field, which Slack keeps short and shows as plain text', () => {
    expect(storeUnreachableFieldError().length).toBeLessThanOrEqual(150);
    expect(storeUnreachableFieldError()).not.toMatch(/[*`<>]/);
  });
});
