/** Typing that pauses for less than this is one undo step, as in a word processor. */
export const GROUP_MS = 600;
/** The most steps kept: the oldest go first. */
export const LIMIT = 200;

/**
 * The steps of the editor's undo history (useUndoHistory), kept apart from React so that they can be tested on
 * their own. Each step is a whole copy of the release's content: a release is small, and whole copies keep undo
 * obviously correct.
 *
 * One shortcut: while a typing step goes on, each keystroke changes one text field (the form names it), so that
 * field's new text is written into the step's copy instead of copying the whole release again. That copy took
 * 0.2 ms of a keystroke's 3.5 ms of script in a CPU profile of a 600-word release, and grows with the release.
 * The copy written to is never one kept in `past` or `future`: a step starts with a fresh whole copy.
 */
export class UndoSteps<T extends object> {
  private past: T[] = [];
  private future: T[] = [];
  private current: T;
  /** When the last keystroke of the typing step going on came; null when the last change was not typing. */
  private lastTyped: number | null = null;

  constructor(initial: T) {
    this.current = structuredClone(initial);
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }

  /**
   * The form's values changed to `values`: by typing in `field` (a keystroke, which joins the typing step going
   * on if it came within GROUP_MS of the last), or otherwise (adding, removing or moving an item; a step of its
   * own). True when what the Undo and Redo buttons show changed.
   */
  change(values: T, how: { typing: boolean; field?: string; now: number }): boolean {
    const couldUndo = this.canUndo;
    const couldRedo = this.canRedo;
    if (!how.typing) {
      const next = structuredClone(values);
      // Field arrays report some operations more than once; an event that changed nothing is not a step. Only
      // those events are compared: a keystroke always changes the text, and the comparison costs a
      // serialisation of the whole release.
      if (JSON.stringify(next) === JSON.stringify(this.current)) return false;
      this.keep(this.past, this.current);
      this.current = next;
      this.lastTyped = null;
    } else {
      const sameStep =
        this.lastTyped !== null && how.now - this.lastTyped <= GROUP_MS && this.past.length > 0;
      if (!sameStep) {
        this.keep(this.past, this.current);
        this.current = structuredClone(values);
      } else if (how.field === undefined || !copyText(values, this.current, how.field)) {
        this.current = structuredClone(values);
      }
      this.lastTyped = how.now;
    }
    if (this.future.length) this.future = [];
    return couldUndo !== this.canUndo || couldRedo !== this.canRedo;
  }

  /** The form now shows `values` as a new start (a colleague's save adopted): no steps either way. */
  startOver(values: T): boolean {
    const hadSteps = this.canUndo || this.canRedo;
    this.past = [];
    this.future = [];
    this.current = structuredClone(values);
    this.lastTyped = null;
    return hadSteps;
  }

  /** The content to put back for an undo (the step before), or null when there is none. */
  undo(): T | null {
    const previous = this.past.pop();
    if (!previous) return null;
    this.future.push(this.current);
    return this.restored(previous);
  }

  /** The content to put back for a redo, or null when there is none. */
  redo(): T | null {
    const next = this.future.pop();
    if (!next) return null;
    this.past.push(this.current);
    return this.restored(next);
  }

  /** `target` becomes the content shown: a copy of its own, since the form may change what it is given. */
  private restored(target: T): T {
    this.current = structuredClone(target);
    this.lastTyped = null;
    return target;
  }

  private keep(steps: T[], step: T): void {
    steps.push(step);
    if (steps.length > LIMIT) steps.shift();
  }
}

/**
 * Writes the text at `path` ("headline", "body.3.text") of `from` into the same place of `to`; false, writing
 * nothing, when either has no such place or the value there is not text (the caller then copies everything).
 */
function copyText(from: object, to: object, path: string): boolean {
  const keys = path.split('.');
  const last = keys.pop()!;
  let source: unknown = from;
  let target: unknown = to;
  for (const key of keys) {
    if (!isContainer(source) || !isContainer(target) || !(key in source) || !(key in target)) return false;
    source = source[key];
    target = target[key];
  }
  if (!isContainer(source) || !isContainer(target) || !(last in target)) return false;
  const text = source[last];
  if (typeof text !== 'string' || typeof target[last] !== 'string') return false;
  target[last] = text;
  return true;
}

function isContainer(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object';
}
