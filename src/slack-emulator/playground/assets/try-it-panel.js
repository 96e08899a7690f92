// The "Try it" panel: the golden path as clickable steps, served by the emulator as /playground/tour.json (built by
// whoever runs a product behind it, the demo). Each step acts as a person would, through the page's own controls:
// the user switcher, the channel list, the composer, a message's button, the sandbox panel; then waits for the
// product's answer and shows it, a failure as it came.
import { h } from './dom.js';
import { mrkdwn } from './mrkdwn.js';
import { firstLine, textOf, untilFound, watchOutcome } from './tour-answers.js';

const DISMISSED_KEY = 'playground.tryIt';

/**
 * @param {HTMLElement} root the panel
 * @param {HTMLButtonElement} toggle the header's "Try it" button, which reopens it
 * @param {object} page
 * @param {import('./workspace-store.js').WorkspaceStore} page.store
 * @param {(userId: string) => void} page.actAs
 * @param {(channelId: string) => void} page.openChannel
 * @param {(text: string) => Promise<void>} page.sendFromComposer
 * @param {(threadTs: string) => void} page.openThread
 * @param {object} page.names how mrkdwn names users, channels and groups
 * @param {Promise<{ injectFailure(rule: object): Promise<string>, settle(): Promise<void> } | undefined>} page.sandbox
 */
export async function mountTryItPanel(root, toggle, page) {
  const answer = await fetch('/playground/tour.json').then((response) => response.json());
  const setOpen = (open) => {
    root.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
  };
  toggle.hidden = false;
  // Closed is remembered (the next visit starts closed); opened again, it opens on the next visit too.
  const rememberOpen = (open) =>
    open
      ? window.localStorage.removeItem(DISMISSED_KEY)
      : window.localStorage.setItem(DISMISSED_KEY, 'dismissed');
  toggle.addEventListener('click', () => {
    const open = root.hidden;
    rememberOpen(open);
    setOpen(open);
  });
  const close = h(
    'button',
    {
      type: 'button',
      className: 'icon-button',
      'data-testid': 'try-it-close',
      'aria-label': 'Close the Try it panel',
      onclick: () => {
        rememberOpen(false);
        setOpen(false);
      },
    },
    '×',
  );
  const header = h('header', { className: 'try-it-header' }, h('h2', null, 'Try it: the golden path'), close);
  if (!answer.tour) {
    root.replaceChildren(header, h('p', { className: 'muted', 'data-testid': 'try-it-none' }, answer.reason));
    setOpen(false);
    return;
  }
  const tour = new Tour(answer.tour, page);
  root.replaceChildren(header, tour.list, tour.finished);
  tour.render();
  setOpen(window.localStorage.getItem(DISMISSED_KEY) !== 'dismissed');
}

class Tour {
  /** What earlier steps made that later ones act on: the change's id, the last run's message. */
  context = { changeId: undefined, runId: undefined, runChannelId: undefined, knownRuns: new Set() };
  /** step id → { state: 'todo' | 'running' | 'done' | 'failed', note } */
  states = new Map();

  constructor({ ids, steps }, page) {
    this.ids = { change: new RegExp(ids.change), run: new RegExp(ids.run) };
    this.steps = steps;
    this.page = page;
    this.list = h('ol', { className: 'try-it-steps', 'data-testid': 'try-it-steps' });
    this.finished = h(
      'p',
      { className: 'try-it-finished', 'data-testid': 'try-it-finished', role: 'status', hidden: true },
      'That was the whole path. Go on from here in the composer: try /ssm help.',
    );
    for (const step of steps) this.states.set(step.id, { state: 'todo', note: '' });
  }

  current() {
    return this.steps.find((step) => this.states.get(step.id).state !== 'done');
  }

  render() {
    const current = this.current();
    this.finished.hidden = current !== undefined;
    this.list.replaceChildren(
      ...this.steps.map((step) => {
        const { state, note } = this.states.get(step.id);
        const shownState = state === 'todo' && step === current ? 'current' : state;
        return h(
          'li',
          {
            className: `try-it-step ${shownState}`,
            'data-testid': `try-it-step-${step.id}`,
            'data-state': shownState,
            'aria-current': step === current ? 'step' : undefined,
          },
          h('div', { className: 'try-it-title' }, h('strong', null, step.title), ` ${LABELS[shownState]}`),
          h('p', null, step.explanation),
          h('pre', { className: 'try-it-code' }, h('code', null, step.shows.join('\n'))),
          h(
            'button',
            {
              type: 'button',
              className: 'btn btn-small',
              'data-testid': 'try-it-do',
              disabled: step !== current || state === 'running',
              onclick: () => this.play(step),
            },
            state === 'failed' ? 'Try again' : 'Do it',
          ),
          note &&
            h(
              'p',
              { className: `try-it-note ${state}`, 'data-testid': 'try-it-note', role: 'status' },
              // The bot's answer reads as it does in the channel: mentions, emoji, bold and code drawn.
              mrkdwn(note, this.page.names),
            ),
          state === 'done' && h('p', { className: 'try-it-look' }, `Look: ${step.lookFor}`),
        );
      }),
    );
  }

  async play(step) {
    this.set(step, 'running', '');
    try {
      const notes = [];
      for (const action of step.actions) {
        const result = await this.act(action);
        if (!result.ok) {
          this.set(step, 'failed', result.note);
          return;
        }
        if (result.note) notes.push(result.note);
      }
      this.set(step, 'done', notes.join(' '));
    } catch (error) {
      this.set(step, 'failed', error?.message ?? String(error));
    }
  }

  set(step, state, note) {
    this.states.set(step.id, { state, note });
    this.render();
  }

  async act(action) {
    const { page, context } = this;
    switch (action.kind) {
      case 'slash-command': {
        goTo(page, action);
        const outcome = watchOutcome(page.store, action.outcome, this.earlierRun());
        await page.sendFromComposer(action.text);
        return this.remember(await outcome, action.outcome);
      }
      case 'click-change-button': {
        if (!context.changeId)
          return { ok: false, note: 'No change yet: do the step before this one first.' };
        goTo(page, action);
        const button = await untilFound(page.store, () =>
          [...document.querySelectorAll('#messages [data-testid="message"]')]
            .find((node) => node.textContent.includes(context.changeId))
            ?.querySelector(`[data-testid="button-${CSS.escape(action.actionId)}"]`),
        );
        button.classList.add('try-it-highlight');
        button.scrollIntoView({ block: 'center' });
        const outcome = watchOutcome(page.store, action.outcome, this.earlierRun());
        button.click();
        return this.remember(await outcome, action.outcome);
      }
      case 'inject-failure': {
        const sandbox = await page.sandbox;
        if (!sandbox)
          return { ok: false, note: 'This playground has no AWS sandbox to inject a failure into.' };
        return { ok: true, note: `Injected: ${await sandbox.injectFailure(action.fault)}.` };
      }
      case 'open-run-thread': {
        if (!context.runId) return { ok: false, note: 'No run yet: do the step before this one first.' };
        goTo(page, { userId: action.userId, channelId: context.runChannelId ?? action.channelId });
        const sandbox = await page.sandbox;
        await sandbox?.settle();
        const ended = new RegExp(action.endedPattern);
        // The run's message: it may come late when Slack is busy, and it is edited as the run ends.
        const parent = await untilFound(page.store, () =>
          page.store.history(context.runChannelId).find((message) => {
            const text = textOf(message);
            return message.bot_id && text.includes(context.runId) && ended.test(text);
          }),
        );
        page.openThread(parent.ts);
        const ending = `${context.runId} ended: ${ended.exec(textOf(parent))[0]}.`;
        return new RegExp(action.failedPattern).test(textOf(parent))
          ? { ok: true, note: ending }
          : { ok: false, note: `${ending} The injected failure did not reach it: inject one and run again.` };
      }
      default:
        return { ok: false, note: `This playground does not know the step "${action.kind}".` };
    }
  }

  /** Whether a text names a run an earlier step started: that run's late message is not this step's answer. */
  earlierRun() {
    return (text) => {
      const runId = this.ids.run.exec(text)?.[0];
      return runId !== undefined && this.context.knownRuns.has(runId);
    };
  }

  /** Keeps what later steps need from a step's answer: the change it asked for, the run it started. */
  remember(result, outcome) {
    if (!result.ok) return result;
    const changeId = this.ids.change.exec(result.text)?.[0];
    if (changeId) this.context.changeId = changeId;
    const runId = this.ids.run.exec(result.text)?.[0];
    if (runId) this.context.knownRuns.add(runId);
    if (runId && outcome.message) {
      this.context.runId = runId;
      this.context.runChannelId = outcome.message.channelId;
    }
    const line = firstLine(result.text);
    const named = [changeId, runId].filter((id) => id && !line.includes(id));
    return { ok: true, note: `The bot answered: ${line}${named.length > 0 ? ` (${named.join(', ')})` : ''}` };
  }
}

const LABELS = { todo: '', current: '· next', running: '· working…', done: '· done ✓', failed: '· failed' };

function goTo(page, { userId, channelId }) {
  page.actAs(userId);
  page.openChannel(channelId);
}
