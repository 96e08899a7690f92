// What the Try it panel waits for after acting: the app's answer in the page's copy of the workspace, read as the
// person sees it. Nothing here acts; it only watches the store.

/** How long a step waits for the app before it says there was no answer. */
const ANSWER_TIMEOUT_MS = 60_000;

/**
 * Resolves with the product's answer to what is about to be done: a new message in the outcome's channel that
 * matches (done), or a new ephemeral to the user there (done if it matches, failed as it reads otherwise).
 * What names a run an earlier step started (`isEarlier`) is an earlier answer arriving late: skipped.
 */
export function watchOutcome(store, outcome, isEarlier) {
  const { message: wanted, ephemeral } = outcome;
  const seenMessages = new Set(wanted ? store.history(wanted.channelId).map((message) => message.ts) : []);
  const seenEphemerals = new Set(
    ephemeral ? store.ephemeralsOf(ephemeral.userId, ephemeral.channelId).map((message) => message.ts) : [],
  );
  return new Promise((resolve) => {
    const check = () => {
      if (wanted) {
        const pattern = new RegExp(wanted.pattern);
        const posted = store
          .history(wanted.channelId)
          .find(
            (message) =>
              !seenMessages.has(message.ts) &&
              message.bot_id &&
              pattern.test(textOf(message)) &&
              !isEarlier(textOf(message)),
          );
        if (posted) return finish({ ok: true, text: textOf(posted), message: posted });
      }
      if (ephemeral) {
        const reply = store
          .ephemeralsOf(ephemeral.userId, ephemeral.channelId)
          .find((message) => !seenEphemerals.has(message.ts) && !isEarlier(textOf(message)));
        if (reply) {
          const text = textOf(reply);
          const matches = ephemeral.pattern !== undefined && new RegExp(ephemeral.pattern).test(text);
          return finish(matches ? { ok: true, text } : { ok: false, note: `The bot answered: ${text}` });
        }
      }
    };
    const stop = store.onChange(check);
    const timer = setTimeout(
      () => finish({ ok: false, note: 'No answer from the bot within a minute: is it running?' }),
      ANSWER_TIMEOUT_MS,
    );
    function finish(result) {
      stop();
      clearTimeout(timer);
      resolve(result);
    }
    check();
  });
}

/** Resolves with `find()`'s first value, looked for now and after each change of the workspace. */
export function untilFound(store, find) {
  return new Promise((resolve, reject) => {
    const check = () => {
      const found = find();
      if (!found) return;
      stop();
      clearTimeout(timer);
      // After the page has drawn the change that made it findable.
      resolve(found);
    };
    const stop = store.onChange(() => setTimeout(check, 50));
    const timer = setTimeout(() => {
      stop();
      reject(new Error('The playground never showed what this step waits for.'));
    }, ANSWER_TIMEOUT_MS);
    check();
  });
}

/** Every text of a message (its text, blocks and attachments), for matching and for showing an answer. */
export function textOf(message) {
  const texts = [];
  const visit = (value, key) => {
    if (typeof value === 'string') {
      if (key === 'text' || key === 'fallback' || key === 'title') texts.push(value);
    } else if (Array.isArray(value)) {
      for (const item of value) visit(item, key);
    } else if (value && typeof value === 'object') {
      for (const [childKey, child] of Object.entries(value)) visit(child, childKey);
    }
  };
  // A message with blocks shows them, not its text (the notification's fallback): match what is seen.
  const hasBlocks = Array.isArray(message.blocks) && message.blocks.length > 0;
  visit({
    text: hasBlocks ? undefined : message.text,
    blocks: message.blocks,
    attachments: message.attachments,
  });
  return texts.join(' ');
}

export function firstLine(text) {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
