// Every refusal and every thread note of a change request as the clicker or the thread reads it: golden files,
// one entry per code, so a new code without a sentence fails to compile and a changed sentence shows in review.
import { describe, expect, it } from 'vitest';
import type { ChangeRefusal } from '../../../src/core/approval/change-event.js';
import type { ChangeNote } from '../../../src/core/approval/change-note.js';
import type { ChangeRequestRefusal } from '../../../src/core/approval/change-request-refusal.js';
import { changeNoteText, renderChangeNote } from '../../../src/slack/render/render-change-note.js';
import {
  changeRefusalText,
  changeRequestRefusalText,
  type MissingChange,
  renderChangeRefusal,
} from '../../../src/slack/render/render-change-refusal.js';
import { expectWithinBlockKitLimits } from './block-kit-assertions.js';

/** The sentences of a table, one per line, as the golden file `golden/<name>.json` holds them. */
const expectSentences = (texts: string[], name: string) =>
  expect(`${JSON.stringify(texts, null, 2)}\n`).toMatchFileSnapshot(`./golden/${name}.json`);

const EXPIRES = '2026-06-03T01:00:00.000Z';
const LEADS = { index: 0, name: 'SRE leads' };
const SECURITY = { index: 1, name: 'Security' };

const REFUSALS: Record<(ChangeRefusal | MissingChange)['code'], Array<ChangeRefusal | MissingChange>> = {
  'not-found': [{ code: 'not-found', changeId: 'chg-zzzzzzzz' }],
  expired: [
    { code: 'expired', expiresAt: EXPIRES },
    { code: 'expired', expiresAt: EXPIRES, whileHeld: true },
  ],
  'not-pending': [
    { code: 'not-pending', status: 'approved' },
    { code: 'not-pending', status: 'held' },
    { code: 'not-pending', status: 'scheduled' },
    { code: 'not-pending', status: 'started' },
    { code: 'not-pending', status: 'rejected', rejectedBy: 'U0APPROVE1' },
    { code: 'not-pending', status: 'withdrawn' },
  ],
  'self-approval': [{ code: 'self-approval', template: 'prod-change' }],
  'self-rejection': [{ code: 'self-rejection' }],
  'already-voted': [{ code: 'already-voted', level: LEADS }],
  'level-removed': [{ code: 'level-removed', template: 'prod-change', level: { index: 1 } }],
  'not-eligible': [
    { code: 'not-eligible', level: LEADS, approvers: { userGroups: ['S0SRELEADS'], users: ['U0APPROVE9'] } },
    { code: 'not-eligible', level: LEADS, approvers: { userGroups: ['S0SRELEADS'] }, laterLevel: SECURITY },
  ],
  'reason-required': [{ code: 'reason-required', template: 'prod-change' }],
  'not-requester': [{ code: 'not-requester', requester: 'U0REQUEST1' }],
  'not-withdrawable': [
    { code: 'not-withdrawable', status: 'started' },
    { code: 'not-withdrawable', status: 'rejected' },
  ],
  'not-due': [{ code: 'not-due', expiresAt: EXPIRES }],
  'nothing-to-do': [{ code: 'nothing-to-do', calendar: 'OPEN', status: 'pending' }],
  held: [{ code: 'held', calendars: ['ProductionFreeze', 'PaymentsFreeze'] }],
  'not-approved': [{ code: 'not-approved', status: 'pending' }],
  'already-started': [{ code: 'already-started', runId: 'run-7k3m9q2x' }],
  'not-started': [{ code: 'not-started', status: 'approved' }],
  'already-ended': [{ code: 'already-ended' }],
  'window-not-open': [{ code: 'window-not-open', startAt: '2026-06-02T09:00:00.000Z' }],
  'not-scheduled': [{ code: 'not-scheduled', status: 'approved' }],
};

const REQUEST_REFUSALS: Record<ChangeRequestRefusal['code'], ChangeRequestRefusal[]> = {
  'emergency-not-allowed': [
    { code: 'emergency-not-allowed', template: 'prod-change', allowed: { users: ['U0OPERATE1'] } },
    { code: 'emergency-not-allowed', template: 'prod-change' },
  ],
  'calendar-closed': [
    {
      code: 'calendar-closed',
      template: 'prod-change',
      calendars: ['ProductionFreeze'],
      mayRaiseEmergency: true,
    },
    {
      code: 'calendar-closed',
      template: 'prod-change',
      calendars: ['ProductionFreeze'],
      mayRaiseEmergency: false,
    },
  ],
  'reason-required': [{ code: 'reason-required', template: 'prod-change' }],
  'no-approvals-channel': [{ code: 'no-approvals-channel', template: 'prod-change' }],
  locked: [
    {
      code: 'locked',
      runbook: 'AWS-RestartEC2Instance',
      holder: 'chg-4f7h2k9p',
      holderRequester: 'U0REQUEST1',
    },
    { code: 'locked', runbook: 'AWS-RestartEC2Instance', holder: 'chg-4f7h2k9p' },
  ],
  'several-templates': [{ code: 'several-templates', templates: ['prod-change', 'security-change'] }],
  'emergency-not-governed': [{ code: 'emergency-not-governed' }],
  'schedule-not-governed': [{ code: 'schedule-not-governed' }],
  'window-invalid': [
    {
      code: 'window-invalid',
      problem: { code: 'in-the-past', flag: 'start-at', at: '2026-06-01T09:00:00.000Z' },
    },
    {
      code: 'window-invalid',
      problem: { code: 'in-the-past', flag: 'end-by', at: '2026-06-01T09:00:00.000Z' },
    },
    {
      code: 'window-invalid',
      problem: {
        code: 'ends-before-start',
        startAt: '2026-06-02T09:00:00.000Z',
        endBy: '2026-06-02T08:00:00.000Z',
      },
    },
  ],
  'window-too-long': [
    { code: 'window-too-long', template: 'prod-change', latest: EXPIRES, expiresAfterMs: 24 * 3_600_000 },
  ],
};

const NOTES: Record<ChangeNote['kind'], ChangeNote[]> = {
  'vote-recorded': [{ kind: 'vote-recorded', by: 'U0APPROVE1', level: LEADS, votes: 1, required: 2 }],
  'level-approved': [{ kind: 'level-approved', by: 'U0APPROVE2', satisfied: LEADS, next: SECURITY }],
  approved: [{ kind: 'approved', by: 'U0APPROVE3' }, { kind: 'approved' }],
  rejected: [
    { kind: 'rejected', by: 'U0APPROVE1', reason: 'Not during the sale <!channel>' },
    { kind: 'rejected', by: 'U0APPROVE1' },
  ],
  withdrawn: [{ kind: 'withdrawn', by: 'U0REQUEST1' }],
  expired: [{ kind: 'expired' }, { kind: 'expired', windowEnded: true }],
  scheduled: [
    { kind: 'scheduled', by: 'U0APPROVE3', startAt: '2026-06-02T09:00:00.000Z', endBy: EXPIRES },
    { kind: 'scheduled', startAt: '2026-06-02T09:00:00.000Z' },
  ],
  'window-opened': [{ kind: 'window-opened' }],
  held: [{ kind: 'held', calendars: ['ProductionFreeze'], expiresAt: EXPIRES }],
  released: [{ kind: 'released' }],
  'run-ended': [
    { kind: 'run-ended', runId: 'run-7k3m9q2x' },
    {
      kind: 'run-ended',
      runId: 'run-7k3m9q2x',
      ending: { channelId: 'C0OPS00001', status: 'completed-with-errors', succeeded: 5, total: 6 },
    },
    {
      kind: 'run-ended',
      runId: 'run-7k3m9q2x',
      ending: { channelId: 'C0OPS00001', status: 'succeeded', succeeded: 1, total: 1 },
    },
    {
      kind: 'run-ended',
      runId: 'run-7k3m9q2x',
      ending: { channelId: 'C0OPS00001', status: 'failed', succeeded: 0, total: 2 },
    },
  ],
  'waits-for-lock': [{ kind: 'waits-for-lock', holder: 'chg-4f7h2k9p', runbook: 'AWS-RestartEC2Instance' }],
  'approved-waiting-for-lock': [
    { kind: 'approved-waiting-for-lock', holder: 'chg-4f7h2k9p', runbook: 'AWS-RestartEC2Instance' },
  ],
  'run-started': [{ kind: 'run-started', runId: 'run-7k3m9q2x', channelId: 'C0OPS00001' }],
  'run-channel-unavailable': [{ kind: 'run-channel-unavailable', channelId: 'G0PRIVATE1', until: EXPIRES }],
  'start-lapsed': [{ kind: 'start-lapsed', channelId: 'G0PRIVATE1' }],
};

describe('change refusals and notes', () => {
  it('when a click is refused, then each code has its sentence', async () => {
    await expectSentences(Object.values(REFUSALS).flat().map(changeRefusalText), 'change-refusals');
  });

  it('when a request is refused, then each code has its sentence', async () => {
    await expectSentences(
      Object.values(REQUEST_REFUSALS).flat().map(changeRequestRefusalText),
      'change-request-refusals',
    );
  });

  it('when something happens to a change, then its thread note says it, escaping what people typed', async () => {
    const texts = Object.values(NOTES)
      .flat()
      .map((note) => changeNoteText(note));
    await expectSentences(texts, 'change-notes');
    expect(texts.join('\n')).not.toContain('<!channel>');
  });

  it('when the run’s message has a permalink, then the note of its end links the run to it', () => {
    const link = 'https://sandbox.slack.com/archives/C0OPS00001/p1780361200000100';
    const ending = NOTES['run-ended'][1]!;
    expect(changeNoteText(ending, link)).toContain(`*<${link}|run-7k3m9q2x>* in <#C0OPS00001> ended.`);
  });

  it('when rendered as messages, then every refusal and note is valid Block Kit', () => {
    for (const refusal of Object.values(REFUSALS).flat())
      expectWithinBlockKitLimits(renderChangeRefusal(refusal));
    for (const note of Object.values(NOTES).flat()) expectWithinBlockKitLimits(renderChangeNote(note));
  });
});
