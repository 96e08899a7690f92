// The playground: a Slack-like page over the emulator. Pick who you are, pick a channel, type `/ssm …`, click what
// the bot shows; everything goes through the emulator's driver, so the bot gets exactly what Slack would send.
import { ControlApi } from './control-api.js';
import { h, testId } from './dom.js';
import { HOME, HomeTab } from './home-tab.js';
import { MessageList, messageItem } from './messages.js';
import { ModalLayer } from './modal.js';
import { mountSandboxPanel } from './sandbox-panel.js';
import { mountTryItPanel } from './try-it-panel.js';
import { compareTs, followChanges, WorkspaceStore } from './workspace-store.js';

const api = new ControlApi();
const store = new WorkspaceStore();
const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(window.location.search);
const app = {
  userId: params.get('user') ?? window.localStorage.getItem('playground.user') ?? '',
  channelId: params.get('channel') ?? '',
  threadTs: undefined,
};

const channelList = new MessageList($('messages'));
const threadList = new MessageList($('thread-messages'));
const modal = new ModalLayer($('modal-root'), {
  userId: () => app.userId,
  api,
  surfaceFor: (view) => surfaceFor({ viewId: view.id }),
  report,
});

const homeTab = new HomeTab($('home'), {
  api,
  surfaceFor: (view) => surfaceFor({ viewId: view.id }),
  report,
});

const names = {
  user: (id) => {
    if (id === store.directory.bot.userId) return store.directory.bot.name;
    const user = store.user(id);
    return user ? user.realName || user.name : id;
  },
  channel: (id) => store.channels.get(id)?.name ?? id,
  group: (id) => store.directory.userGroups.find((group) => group.id === id)?.handle ?? id,
};

/** The user's direct messages with the bot: Slack's D… channel, opened on first use. */
const dmId = (userId) => `D${userId.slice(1)}`;
/** The driver opens a DM from the user id; other channels go by their id. */
const channelArgument = (channelId) => (channelId === dmId(app.userId) ? app.userId : channelId);

/** What clicks, choices and searches on blocks do, for a message (channel + ts) or a view. */
function surfaceFor(target) {
  const where = (element, block) => ({
    userId: app.userId,
    actionId: element.action_id,
    blockId: block.block_id,
    ...target,
  });
  return {
    names,
    workspace: { users: store.directory.users, channels: [...store.channels.values()] },
    click: (element, block, options = {}) =>
      api.act('click', { ...where(element, block), ...options }).catch(report),
    choose: (element, block, value) =>
      api
        .act('select', {
          ...where(element, block),
          ...(Array.isArray(value) ? { values: value } : value === null ? {} : { value }),
        })
        .catch(report),
    suggest: (element, block, query) =>
      api.call('POST', 'options', { ...where(element, block), value: query }),
    input: target.viewId
      ? (element, block, value) =>
          api
            .act('view-input', {
              userId: app.userId,
              viewId: target.viewId,
              blockId: block.block_id,
              actionId: element.action_id,
              value,
            })
            .catch(report)
      : undefined,
  };
}

function authorOf(message) {
  if (message.bot_id || message.user === store.directory.bot.userId) {
    return { name: message.bot_profile?.name ?? store.directory.bot.name, isApp: true };
  }
  return { name: names.user(message.user ?? message.bot_id ?? '?'), isApp: false };
}

/** List items for a channel or a thread: messages and the acting user's ephemerals there, by time. */
function itemsOf(messages, ephemerals, { inThread }) {
  const channelId = app.channelId;
  const replyCounts = inThread ? new Map() : store.replyCounts(channelId);
  const items = [
    ...messages.map((message) => ({ message, ephemeral: false })),
    ...ephemerals.map((message) => ({ message, ephemeral: true })),
  ].sort((a, b) => compareTs(a.message, b.message));
  return items.map(({ message, ephemeral }) => {
    const replyCount = replyCounts.get(message.ts) ?? 0;
    return {
      key: `${ephemeral ? 'e' : 'm'}|${message.ts}`,
      version: [message, replyCount, app.userId],
      render: () =>
        messageItem(message, {
          surface: surfaceFor({ channelId, messageTs: message.ts }),
          author: authorOf(message),
          replyCount,
          ephemeral,
          openThread: () => {
            app.threadTs = message.ts;
            render();
          },
        }),
    };
  });
}

function visibleChannels() {
  const channels = [...store.channels.values()].filter(
    (channel) => !channel.isIm && (!channel.isPrivate || channel.members.includes(app.userId)),
  );
  return [...channels, { id: dmId(app.userId), name: store.directory.bot.name, isIm: true }];
}

function renderSidebar() {
  $('team-name').textContent = store.directory.team.name ?? 'Slack';
  const switcher = $('user-switcher');
  switcher.replaceChildren(
    ...store.directory.users.map((user) =>
      h(
        'option',
        { value: user.id, selected: user.id === app.userId },
        `${user.realName || user.name}${user.title ? ` — ${user.title}` : ''}`,
      ),
    ),
  );
  $('channels').replaceChildren(
    ...visibleChannels().map((channel) =>
      h(
        'li',
        null,
        h(
          'button',
          {
            type: 'button',
            className: `channel${channel.id === app.channelId ? ' active' : ''}`,
            'data-testid': testId('channel', channel.name),
            'data-channel-id': channel.id,
            'aria-current': channel.id === app.channelId ? 'page' : undefined,
            onclick: () => selectChannel(channel.id),
          },
          channel.isIm ? '● ' : channel.isPrivate ? '🔒 ' : '# ',
          channel.name,
        ),
      ),
    ),
    homeTab.sidebarItem(app.channelId === HOME, () => selectChannel(HOME)),
  );
}

function renderChannel() {
  const home = app.channelId === HOME;
  homeTab.show(home, store, app.userId);
  $('messages').hidden = home;
  $('composer').hidden = home;
  if (home) {
    $('channel-title').textContent = 'Home';
    return;
  }
  const channel = visibleChannels().find((candidate) => candidate.id === app.channelId);
  $('channel-title').textContent = channel ? `${channel.isIm ? '' : '#'}${channel.name}` : '';
  $('composer').placeholder = channel
    ? `Message ${channel.isIm ? channel.name : `#${channel.name}`} — try /ssm help`
    : '';
  channelList.show(
    itemsOf(
      store.history(app.channelId),
      store.ephemeralsOf(app.userId, app.channelId).filter((message) => !message.thread_ts),
      { inThread: false },
    ),
  );
}

function renderThread() {
  const pane = $('thread-pane');
  const thread = app.threadTs ? store.thread(app.channelId, app.threadTs) : [];
  pane.hidden = thread.length === 0;
  if (pane.hidden) {
    threadList.clear();
    return;
  }
  threadList.show(
    itemsOf(
      thread,
      store.ephemeralsOf(app.userId, app.channelId).filter((message) => message.thread_ts === app.threadTs),
      { inThread: true },
    ),
  );
}

function render() {
  renderSidebar();
  renderChannel();
  renderThread();
  modal.show(store.modalStack(app.userId));
}

let scheduled = false;
function scheduleRender() {
  if (scheduled) return;
  scheduled = true;
  setTimeout(() => {
    scheduled = false;
    render();
  }, 16);
}

function remember() {
  const url = new URL(window.location.href);
  url.searchParams.set('user', app.userId);
  url.searchParams.set('channel', app.channelId);
  window.history.replaceState(null, '', url);
  window.localStorage.setItem('playground.user', app.userId);
}

function selectChannel(channelId) {
  app.channelId = channelId;
  app.threadTs = undefined;
  channelList.clear();
  remember();
  render();
  if (channelId === HOME) homeTab.open(app.userId);
}

function selectUser(userId) {
  app.userId = userId;
  if (app.channelId !== HOME && !visibleChannels().some((channel) => channel.id === app.channelId)) {
    app.channelId = visibleChannels()[0]?.id ?? '';
    app.threadTs = undefined;
  }
  channelList.clear();
  threadList.clear();
  remember();
  render();
  if (app.channelId === HOME) homeTab.open(app.userId);
}

/** `/command text` is a slash command (from a thread too, as in Slack); anything else is a message. */
async function send(text, threadTs) {
  const command = /^(\/\S+)\s*([\s\S]*)$/.exec(text.trim());
  if (command) {
    await api.act('slash-command', {
      userId: app.userId,
      channelId: channelArgument(app.channelId),
      command: command[1],
      text: command[2],
    });
    return;
  }
  await api.act('message', {
    userId: app.userId,
    channelId: channelArgument(app.channelId),
    text,
    ...(threadTs ? { threadTs } : {}),
  });
}

/** What Enter in a composer does: sends its text, and gives it back when sending fails. */
async function submitComposer(input, threadTs) {
  const text = input.value;
  if (text.trim() === '') return;
  input.value = '';
  (threadTs ? threadList : channelList).scrollToEnd();
  try {
    await send(text, threadTs);
  } catch (error) {
    input.value = text;
    throw error;
  }
}

function wireComposer(input, threadTs) {
  let last = '';
  input.addEventListener('keydown', async (event) => {
    if (event.key === 'ArrowUp' && input.value === '' && last) {
      input.value = last;
      event.preventDefault();
      return;
    }
    if (event.key !== 'Enter' || event.shiftKey) return;
    event.preventDefault();
    if (input.value.trim() !== '') last = input.value;
    await submitComposer(input, threadTs()).catch(report);
  });
}

let toastTimer;
function report(error) {
  const toast = $('toast');
  toast.textContent = error?.message ?? String(error);
  toast.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => {
    toast.hidden = true;
  }, 8000);
}

async function boot() {
  wireComposer($('composer'), () => undefined);
  wireComposer($('thread-composer'), () => app.threadTs);
  $('user-switcher').addEventListener('change', (event) => selectUser(event.target.value));
  $('thread-close').addEventListener('click', () => {
    app.threadTs = undefined;
    render();
  });
  $('toast').addEventListener('click', () => {
    $('toast').hidden = true;
  });
  const source = await followChanges(store, () => api.get('state'));
  const live = $('live');
  source.addEventListener('error', () => {
    live.dataset.state = 'reconnecting';
    live.title = 'Lost the emulator: reconnecting…';
  });
  source.addEventListener('open', () => {
    live.dataset.state = 'live';
    live.title = 'Live: changes appear as they happen';
  });
  live.dataset.state = 'live';
  if (!store.user(app.userId)) app.userId = store.directory.users[0]?.id ?? '';
  if (app.channelId !== HOME && !visibleChannels().some((channel) => channel.id === app.channelId)) {
    app.channelId = visibleChannels()[0]?.id ?? '';
  }
  document.title = `${store.directory.team.name} — Slack playground`;
  remember();
  store.onChange(scheduleRender);
  render();
  if (app.channelId === HOME) homeTab.open(app.userId);
  document.body.dataset.ready = 'true';
  const sandbox = mountSandboxPanel($('sandbox-panel'), api, report).catch((error) => {
    report(error);
    return undefined;
  });
  // The tour acts through the page's own controls, as the person watching it would.
  mountTryItPanel($('try-it'), $('try-it-toggle'), {
    store,
    names,
    actAs: (userId) => {
      if (userId !== app.userId) selectUser(userId);
    },
    openChannel: (channelId) => {
      if (channelId !== app.channelId) selectChannel(channelId);
    },
    sendFromComposer: (text) => {
      $('composer').value = text;
      return submitComposer($('composer'), undefined);
    },
    openThread: (threadTs) => {
      app.threadTs = threadTs;
      render();
    },
    sandbox,
  }).catch(report);
}

boot().catch(report);
