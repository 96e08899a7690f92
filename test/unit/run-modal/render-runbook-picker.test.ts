// renderRunbookPicker and renderLoadingModal: the views before the form (golden files).
import { describe, expect, it } from 'vitest';
import type { RunbookSummary } from '../../../src/ports.js';
import { renderLoadingModal } from '../../../src/slack/run-modal/render-loading-modal.js';
import { renderRunbookPicker } from '../../../src/slack/run-modal/render-runbook-picker.js';
import { expectGoldenView } from './expect-golden-view.js';
import { CHANNEL } from './run-form-fixtures.js';
import { expectWithinSlackLimits } from './slack-view-limits.js';

const THREE: RunbookSummary[] = [
  {
    name: 'Platform-RollingRestartService',
    description:
      '### Platform-RollingRestartService\nForces a new deployment of each ECS service in **Services**, one batch at a time.',
    owner: '123456789012',
  },
  { name: 'AWS-RestartEC2Instance', description: 'Restart EC2 instances(s)', owner: 'Amazon' },
  { name: 'AWS-EnableS3BucketEncryption', owner: 'Amazon' },
];

const MANY: RunbookSummary[] = Array.from({ length: 150 }, (_, index) => ({
  name: `Team-Runbook${String(index).padStart(3, '0')}`,
  description: `Runbook number ${index}`,
}));

describe('renderRunbookPicker', () => {
  it('when a few runbooks may be run, then they are a static select sorted by name (golden)', async () => {
    const view = renderRunbookPicker({ runbooks: THREE, channelId: CHANNEL });
    expectWithinSlackLimits(view);
    await expectGoldenView(view, 'picker-3-runbooks');
  });

  it('when more runbooks may be run than a select holds, then they are searched as the person types (golden)', async () => {
    const view = renderRunbookPicker({ runbooks: MANY, channelId: CHANNEL });
    expectWithinSlackLimits(view);
    expect(JSON.stringify(view)).toContain('"min_query_length":0');
    await expectGoldenView(view, 'picker-150-runbooks');
  });

  it('when exactly 100 runbooks may be run, then they still fit a static select', () => {
    const view = renderRunbookPicker({ runbooks: MANY.slice(0, 100), channelId: CHANNEL });
    expectWithinSlackLimits(view);
    expect(JSON.stringify(view)).toContain('"type":"static_select"');
  });

  it('when no runbook may be run, then the modal explains why and offers no select (golden)', async () => {
    const view = renderRunbookPicker({ runbooks: [], channelId: CHANNEL });
    expectWithinSlackLimits(view);
    expect(JSON.stringify(view)).not.toContain('select');
    await expectGoldenView(view, 'picker-none');
  });

  it('when the rules that apply to the person allow nothing, then the modal names them (golden)', async () => {
    const view = renderRunbookPicker({
      runbooks: [],
      channelId: CHANNEL,
      rulesThatApply: ['no-contractors'],
    });
    expectWithinSlackLimits(view);
    await expectGoldenView(view, 'picker-none-denied');
  });

  it('when the command named a runbook the person may not run, then the picker says so first (golden)', async () => {
    const view = renderRunbookPicker({
      runbooks: THREE,
      channelId: CHANNEL,
      unknown: { name: 'AWS-RestartEC2Instanse', suggestions: ['AWS-RestartEC2Instance'] },
    });
    expectWithinSlackLimits(view);
    await expectGoldenView(view, 'picker-unknown-runbook');
  });

  it('when the picker is rendered, then it has no submit button and carries the channel', () => {
    const view = renderRunbookPicker({ runbooks: THREE, channelId: CHANNEL });
    expect(view.submit).toBeUndefined();
    expect(view.callback_id).toBe('run-modal.pick');
    expect(JSON.parse(view.private_metadata ?? '')).toEqual({ channelId: CHANNEL });
  });

  it('when names and descriptions are long, then options keep within 75 characters', () => {
    const view = renderRunbookPicker({
      runbooks: [{ name: `Team-${'x'.repeat(120)}`, description: 'd'.repeat(500) }],
      channelId: CHANNEL,
    });
    expectWithinSlackLimits(view);
  });
});

describe('renderLoadingModal', () => {
  it('when the modal opens, then it says it is loading (golden)', async () => {
    const view = renderLoadingModal();
    expectWithinSlackLimits(view);
    await expectGoldenView(view, 'loading');
  });

  it('when the title is too long for a modal, then it is cut to 24 characters', () => {
    const view = renderLoadingModal('Run Platform-RollingRestartService');
    expectWithinSlackLimits(view);
    expect(view.title.text).toBe('Run Platform-RollingRes…');
  });
});
