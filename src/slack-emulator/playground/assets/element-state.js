// How an element's value flows: where a change goes (the view, or an action), how a view collects it for the
// submission, and what is chosen before the person touches it.

/** In an input block a change stays in the view (unless the block dispatches); elsewhere it is an action. */
export function changed(element, block, surface, value) {
  const act = block.type === 'input' && !block.dispatch_action ? surface.input : surface.choose;
  return Promise.resolve(act?.(element, block, value)).catch(() => {});
}

/** Lets the view collect an input block's value when it is submitted. */
export function register(block, surface, read) {
  if (block.type === 'input' && surface.readers) surface.readers.set(block.block_id, read);
}

/** What is chosen now: the view's state when it has an entry, else the element's initial value. */
export function chosenValues(element, block, surface) {
  const entry = surface.stateOf?.(block, element);
  const pick = (key) => (entry && key in entry ? entry[key] : undefined);
  const values = [
    pick('selected_option')?.value,
    ...(pick('selected_options') ?? []).map((option) => option.value),
    pick('selected_user'),
    ...(pick('selected_users') ?? []),
    pick('selected_conversation'),
    ...(pick('selected_conversations') ?? []),
    pick('selected_channel'),
    ...(pick('selected_channels') ?? []),
  ].filter((value) => typeof value === 'string');
  if (entry) return values;
  return [
    element.initial_option?.value,
    ...(element.initial_options ?? []).map((option) => option.value),
    element.initial_user,
    ...(element.initial_users ?? []),
    element.initial_conversation,
    ...(element.initial_conversations ?? []),
    element.initial_channel,
    ...(element.initial_channels ?? []),
  ].filter((value) => typeof value === 'string');
}
