// The AWS sandbox beside the workspace: its organization, the failures injected into its accounts, and its clock.
// It talks to the sandbox's control API through the emulator (/_emulator/sandbox); hidden when there is none.
import { append, h } from './dom.js';

/**
 * @param {HTMLElement} root
 * @param {import('./control-api.js').ControlApi} api
 * @param {(error: Error) => void} report
 * @returns what the Try-it panel does through this panel's own controls; undefined when there is no sandbox
 */
export async function mountSandboxPanel(root, api, report) {
  const { url } = await api.get('sandbox');
  root.hidden = !url;
  if (!url) return undefined;
  const [organization, { runbooks }] = await Promise.all([
    api.get('sandbox/organization').catch((error) => {
      report(error);
      return { units: [], accounts: [], rootId: '' };
    }),
    api.get('sandbox/runbooks').catch((error) => {
      report(error);
      return { runbooks: [] };
    }),
  ]);
  const accountName = (id) => organization.accounts.find((account) => account.id === id)?.name ?? id;
  const faultList = h('ul', { className: 'fault-list', 'data-testid': 'fault-list' });
  const clock = h('div', { className: 'sandbox-clock', 'data-testid': 'sandbox-clock' });

  const refresh = async () => {
    try {
      const [{ faults }, time] = await Promise.all([api.get('sandbox/faults'), api.get('sandbox/clock')]);
      faultList.replaceChildren(
        ...(faults.length === 0
          ? [h('li', { className: 'muted' }, 'No failures injected')]
          : faults.map((fault) =>
              faultItem(fault, accountName, () =>
                change('DELETE', `sandbox/faults/${encodeURIComponent(fault.id)}`),
              ),
            )),
      );
      clock.replaceChildren();
      append(clock, [
        `Sandbox time ${time.now.slice(11, 19)} UTC`,
        h('span', { className: 'muted' }, time.scale === 0 ? ' (stopped)' : ` (×${time.scale})`),
        time.pendingTimers > 0 &&
          h(
            'button',
            {
              type: 'button',
              className: 'btn btn-small',
              'data-testid': 'sandbox-settle',
              title: 'Run the sandbox clock until every execution has ended',
              onclick: () => change('POST', 'sandbox/clock/settle', {}),
            },
            'Run to the end',
          ),
      ]);
    } catch (error) {
      report(error);
    }
  };
  /** Resolves with the sandbox's error, or undefined when it did what was asked. */
  const change = async (method, path, body) => {
    let failure;
    try {
      await api.call(method, path, body);
    } catch (error) {
      failure = error;
      report(error);
    }
    await refresh();
    return failure;
  };

  const form = faultForm(organization, runbooks, (rule) => change('POST', 'sandbox/faults', rule));
  root.replaceChildren(
    h(
      'details',
      { open: true },
      h('summary', null, 'AWS sandbox'),
      h(
        'div',
        { className: 'org-tree', 'data-testid': 'sandbox-organization' },
        orgTree(organization, form.pickAccount),
      ),
      h('h4', null, 'Inject a failure'),
      form.node,
      h('h4', null, 'Injected failures'),
      faultList,
      clock,
    ),
  );
  await refresh();
  // The clock moves and faults with `remaining` wear out on their own: look again now and then.
  setInterval(refresh, 5000);
  return {
    /** Fills the form with `rule` and submits it, as a person would; says what it injected. */
    injectFailure: async (rule) => {
      form.fill(rule);
      form.node.requestSubmit();
      const failure = await form.submitted();
      if (failure) throw failure;
      return [
        accountName(rule.accountId),
        rule.documentName ?? 'any runbook',
        rule.region ?? 'any region',
        rule.remaining === 1 ? 'next matching step only' : 'every matching step',
      ].join(' · ');
    },
    /** What "Run to the end" does: the sandbox clock runs until every execution has ended. */
    settle: async () => {
      const failure = await change('POST', 'sandbox/clock/settle', {});
      if (failure) throw failure;
    },
  };
}

function orgTree(organization, pickAccount) {
  const branch = (parentId, depth) => [
    ...organization.accounts
      .filter((account) => account.parentId === parentId)
      .map((account) =>
        h(
          'button',
          {
            type: 'button',
            className: `org-account depth-${depth}${account.status === 'ACTIVE' ? '' : ' muted'}`,
            'data-account-id': account.id,
            title: `${account.id} · ${account.status} — click to pick it for a failure`,
            onclick: () => pickAccount(account.id),
          },
          account.name,
          h('span', { className: 'muted' }, ` ${account.id}`),
        ),
      ),
    ...organization.units
      .filter((unit) => unit.parentId === parentId)
      .map((unit) =>
        h(
          'div',
          { className: 'org-unit', 'data-unit-id': unit.id },
          h('div', { className: `org-unit-name depth-${depth}`, title: unit.id }, `▸ ${unit.name}`),
          branch(unit.id, depth + 1),
        ),
      ),
  ];
  return branch(organization.rootId, 0);
}

/**
 * @param {{ accounts: Array<{ id: string, name: string, status: string }> }} organization
 * @param {Array<{ name: string, steps: string[] }>} runbooks the sandbox's documents and their steps
 * @param {(rule: object) => void} inject
 */
function faultForm(organization, runbooks, inject) {
  const account = h(
    'select',
    { className: 'select', 'data-testid': 'fault-account', 'aria-label': 'Account' },
    organization.accounts
      .filter((candidate) => candidate.status === 'ACTIVE')
      .map((candidate) => h('option', { value: candidate.id }, `${candidate.name} (${candidate.id})`)),
  );
  const field = (testid, label, placeholder) =>
    h('input', { className: 'input', 'data-testid': testid, 'aria-label': label, placeholder });
  // Picked, not typed: a misspelt runbook or step would match nothing, and nothing would fail.
  const options = (anyLabel, values) => [
    h('option', { value: '' }, anyLabel),
    ...values.map((value) => h('option', { value }, value)),
  ];
  const choices = (testid, label, anyLabel, values) =>
    h(
      'select',
      { className: 'select', 'data-testid': testid, 'aria-label': label },
      options(anyLabel, values),
    );
  const runbook = choices(
    'fault-runbook',
    'Runbook',
    'any runbook',
    runbooks.map((candidate) => candidate.name),
  );
  // A step of the runbook picked, or of any runbook when none is.
  const stepsOf = (name) => [
    ...new Set(runbooks.filter((candidate) => !name || candidate.name === name).flatMap((c) => c.steps)),
  ];
  const step = choices('fault-step', 'Step', 'any step', stepsOf(''));
  runbook.addEventListener('change', () =>
    step.replaceChildren(...options('any step', stepsOf(runbook.value))),
  );
  const region = field('fault-region', 'Region', 'any region');
  const once = h('input', { type: 'checkbox', 'data-testid': 'fault-once' });
  let submitted = Promise.resolve(undefined);
  const node = h(
    'form',
    {
      className: 'fault-form',
      onsubmit: (event) => {
        event.preventDefault();
        const optional = (input, key) => (input.value.trim() ? { [key]: input.value.trim() } : {});
        submitted = inject({
          kind: 'step-failure',
          accountId: account.value,
          ...optional(runbook, 'documentName'),
          ...optional(step, 'stepName'),
          ...optional(region, 'region'),
          ...(once.checked ? { remaining: 1 } : {}),
        });
      },
    },
    account,
    runbook,
    step,
    region,
    h('label', { className: 'choice' }, once, ' only the next step that matches'),
    h(
      'button',
      { type: 'submit', className: 'btn btn-danger', 'data-testid': 'fault-inject' },
      'Inject failure',
    ),
  );
  return {
    node,
    pickAccount: (id) => {
      account.value = id;
    },
    /** Sets the fields to a rule's values (what is not in it: any). */
    fill: (rule) => {
      account.value = rule.accountId;
      runbook.value = rule.documentName ?? '';
      runbook.dispatchEvent(new Event('change'));
      step.value = rule.stepName ?? '';
      region.value = rule.region ?? '';
      once.checked = rule.remaining === 1;
    },
    /** The last submission's request, until it has been answered and the list refreshed. */
    submitted: () => submitted,
  };
}

function faultItem(fault, accountName, remove) {
  const scope = [
    fault.accountId ? accountName(fault.accountId) : 'every account',
    fault.region ?? 'every region',
    fault.documentName ?? (fault.kind === 'step-failure' ? 'any runbook' : undefined),
    fault.stepName && `step ${fault.stepName}`,
    fault.service && `${fault.service}${fault.operation ? `:${fault.operation}` : ''}`,
    fault.remaining !== undefined && `${fault.remaining} more`,
  ].filter(Boolean);
  return h(
    'li',
    { className: 'fault-item', 'data-testid': 'fault-item', 'data-fault-id': fault.id },
    h('strong', null, fault.kind),
    ` ${scope.join(' · ')}`,
    h(
      'button',
      { type: 'button', className: 'icon-button', 'aria-label': `Remove ${fault.id}`, onclick: remove },
      '×',
    ),
  );
}
