// Counted nouns for messages: "1 account", "3 accounts".

/** `count` and the noun, in the plural unless the count is 1 (give `many` for irregular plurals). */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
