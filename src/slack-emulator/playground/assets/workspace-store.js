// The page's copy of the workspace: loaded from /_emulator/state, then kept current by /_emulator/events.

export class WorkspaceStore {
  /** The seq of the last change applied; older and repeated changes are ignored. */
  seq = 0;
  directory = { team: {}, bot: {}, users: [], userGroups: [] };
  /** channel id → { id, name, isPrivate, isIm, members: string[] } */
  channels = new Map();
  /** channel id → Map(ts → message), replies included */
  messages = new Map();
  /** `${user}|${ts}` → ephemeral message */
  ephemerals = new Map();
  /** view id → view, in the order they were opened */
  views = new Map();
  #listeners = new Set();

  load(snapshot) {
    this.seq = snapshot.seq ?? 0;
    const { team, bot, users, userGroups } = snapshot;
    this.directory = { team, bot, users, userGroups };
    this.channels = new Map();
    this.messages = new Map();
    for (const channel of snapshot.channels) {
      const { messages, ...meta } = channel;
      this.channels.set(channel.id, meta);
      for (const message of messages) {
        const { replies, ...parent } = message;
        this.#put(channel.id, parent);
        for (const reply of replies ?? []) this.#put(channel.id, reply);
      }
    }
    this.ephemerals = new Map(
      snapshot.ephemerals.map((message) => [`${message.user}|${message.ts}`, message]),
    );
    this.views = new Map(snapshot.views.map((view) => [view.id, view]));
    this.#notify({ type: 'loaded' });
  }

  /** Applies one change of the feed (a `SlackEmulatorEvent`). */
  apply(event) {
    if (event.seq <= this.seq) return;
    this.seq = event.seq;
    switch (event.type) {
      case 'message_posted':
      case 'message_updated':
        this.#put(event.channel, event.message);
        break;
      case 'message_deleted':
        this.messages.get(event.channel)?.delete(event.message.ts);
        break;
      case 'ephemeral_posted':
      case 'ephemeral_updated':
        this.ephemerals.set(`${event.user}|${event.message.ts}`, event.message);
        break;
      case 'ephemeral_deleted':
        this.ephemerals.delete(`${event.user}|${event.message.ts}`);
        break;
      case 'view_opened':
      case 'view_updated':
      case 'view_closed':
      case 'home_published':
        this.views.set(event.view.id, event.view);
        break;
      default:
        return;
    }
    this.#notify(event);
  }

  onChange(listener) {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** What a channel shows: top-level messages and broadcast replies, oldest first. */
  history(channelId) {
    return this.#all(channelId).filter(
      (message) =>
        !message.thread_ts || message.thread_ts === message.ts || message.subtype === 'thread_broadcast',
    );
  }

  /** The thread's parent and replies, oldest first. */
  thread(channelId, threadTs) {
    return this.#all(channelId).filter(
      (message) => message.ts === threadTs || message.thread_ts === threadTs,
    );
  }

  /**
   * Replies per thread (parent ts → count), counted from the replies themselves: the parent's reply_count is not
   * part of the change a reply makes.
   */
  replyCounts(channelId) {
    const counts = new Map();
    for (const message of this.messages.get(channelId)?.values() ?? []) {
      if (message.thread_ts && message.thread_ts !== message.ts) {
        counts.set(message.thread_ts, (counts.get(message.thread_ts) ?? 0) + 1);
      }
    }
    return counts;
  }

  ephemeralsOf(userId, channelId) {
    return [...this.ephemerals.values()].filter(
      (message) => message.user === userId && message.channel === channelId,
    );
  }

  /** The user's open modals, root first: the last one is what they see. */
  modalStack(userId) {
    return [...this.views.values()].filter(
      (view) => view.user_id === userId && view.is_open && view.type === 'modal',
    );
  }

  user(id) {
    return this.directory.users.find((user) => user.id === id);
  }

  #all(channelId) {
    return [...(this.messages.get(channelId)?.values() ?? [])].sort(compareTs);
  }

  #put(channelId, message) {
    let messages = this.messages.get(channelId);
    if (!messages) {
      messages = new Map();
      this.messages.set(channelId, messages);
    }
    messages.set(message.ts, message);
  }

  #notify(event) {
    for (const listener of this.#listeners) listener(event);
  }
}

export function compareTs(a, b) {
  const [aSeconds, aMicros = '0'] = a.ts.split('.');
  const [bSeconds, bMicros = '0'] = b.ts.split('.');
  return Number(aSeconds) - Number(bSeconds) || Number(aMicros) - Number(bMicros);
}

/**
 * Listens to /_emulator/events and applies each change. Changes that arrive before the first snapshot wait for it;
 * after a lost connection the snapshot is read again (the feed does not replay what was missed).
 */
export function followChanges(store, loadSnapshot) {
  let pending = [];
  let loaded = false;
  const source = new EventSource('/_emulator/events');
  const onChange = (message) => {
    const event = JSON.parse(message.data);
    if (loaded) store.apply(event);
    else pending.push(event);
  };
  for (const type of CHANGE_TYPES) source.addEventListener(type, onChange);
  const load = async () => {
    loaded = false;
    store.load(await loadSnapshot());
    loaded = true;
    for (const event of pending) store.apply(event);
    pending = [];
  };
  let opened = false;
  return new Promise((resolve, reject) => {
    source.onopen = () => {
      const first = !opened;
      opened = true;
      load().then(
        () => first && resolve(source),
        (error) => first && reject(error),
      );
    };
  });
}

const CHANGE_TYPES = [
  'message_posted',
  'message_updated',
  'message_deleted',
  'ephemeral_posted',
  'ephemeral_updated',
  'ephemeral_deleted',
  'view_opened',
  'view_updated',
  'view_closed',
  'home_published',
];
