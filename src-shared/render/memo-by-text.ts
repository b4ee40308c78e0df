/**
 * Remembers `compute(text)` for the texts seen lately. The checks and the preview walk every field of the release
 * on each keystroke, yet one keystroke changes one field: the other fields' answers come from here instead of
 * being worked out again (a 10,000-word release: about 20 ms of tokenising and counting a keystroke, issue 13).
 *
 * Bounded: past `capacity` texts the memory starts afresh, so a long session or a hostile paste cannot grow it
 * without limit. Only for pure functions of the text, whose answers are never changed by the caller (frozen or
 * primitive values).
 */
export function memoByText<T>(compute: (text: string) => T, capacity = 4096): (text: string) => T {
  let remembered = new Map<string, T>();
  return (text: string): T => {
    const known = remembered.get(text);
    if (known !== undefined || remembered.has(text)) return known as T;
    const answer = compute(text);
    if (remembered.size >= capacity) remembered = new Map();
    remembered.set(text, answer);
    return answer;
  };
}
