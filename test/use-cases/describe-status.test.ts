// describeStatus: a change with its template and timeline, a run with its timeline, or not found.
import { beforeEach, describe, expect, it } from 'vitest';
import { describeStatus } from '../../src/use-cases/describe-status.js';
import { aChangeTemplate } from '../support/approval-builders.js';
import { anAuditEntry } from '../support/audit-entry-builder.js';
import { aRun } from '../support/builders.js';
import { aRunContext, type TestRunContext } from '../support/run-context-builder.js';
import { aStoredChange } from '../support/stored-change-builder.js';

const CHANGE = aStoredChange({ request: { id: 'chg-4f7h2k9p' } });
const RUN = aRun({ id: 'run-7k3m9q2x' });

let context: TestRunContext;
beforeEach(async () => {
  context = aRunContext({ templates: [aChangeTemplate()] });
  await context.approvals.changes.create(CHANGE);
  await context.runs.create(RUN);
  await context.audit.append(anAuditEntry({ subject: { changeId: CHANGE.request.id } }));
  await context.audit.append(anAuditEntry({ subject: { runId: RUN.id } }));
  await context.audit.append(anAuditEntry({ subject: { changeId: 'chg-other001' } }));
});

describe('describeStatus', () => {
  it('when the id is a change’s, then the change, its template and its own timeline come back', async () => {
    const status = await describeStatus(context, CHANGE.request.id);

    expect(status.kind).toBe('change');
    if (status.kind !== 'change') return;
    expect(status.change).toEqual(CHANGE);
    expect(status.template.name).toBe('prod-change');
    expect(status.timeline.map((entry) => entry.subject)).toEqual([{ changeId: CHANGE.request.id }]);
  });

  it('when the id is a run’s, then the run and its own timeline come back', async () => {
    const status = await describeStatus(context, RUN.id);

    expect(status.kind).toBe('run');
    if (status.kind !== 'run') return;
    expect(status.run).toEqual(RUN);
    expect(status.timeline.map((entry) => entry.subject)).toEqual([{ runId: RUN.id }]);
  });

  it.each(['run-unknown1', 'chg-unknown1', 'hello'])(
    'when nothing has the id %s, then it is not found',
    async (id) => {
      expect(await describeStatus(context, id)).toEqual({ kind: 'not-found', id });
    },
  );

  it('when the change’s template is no longer configured, then it is not found', async () => {
    const withoutTemplate = aRunContext({ templates: [] });
    await withoutTemplate.approvals.changes.create(CHANGE);

    expect(await describeStatus(withoutTemplate, CHANGE.request.id)).toEqual({
      kind: 'not-found',
      id: CHANGE.request.id,
    });
  });
});
