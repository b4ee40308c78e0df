import {
  createContext,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useCallback,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import type { UseFormReturn } from 'react-hook-form';
import {
  checkRelease,
  sectionReadingEase,
  type Finding,
} from '../../../../src-shared/checks/editorial-checks';
import { checkFieldLimits } from '../../../../src-shared/release/field-limits';
import type { OrganisationProfile, Release, ReleaseContent } from '../../../../src-shared/release/schema';
import type { SectionId } from '../../../../src-shared/release/sections';
import { isProtectedPersonFinding } from '../../../../src-shared/workflow/privacy-decision';
import { callApi } from '../../api';
import { itemOfPath, NewItemGrace } from './new-item-grace';
import type { SavedRelease } from './useAutosave';

export interface FindingsState {
  /** The findings shown: those of a new item the person has not yet left are held back (new-item-grace.ts). */
  findings: Finding[];
  /** Every finding, held back or not: what a decision (submit, approve) is taken on. */
  complete: Finding[];
  /** The protected-person findings among them (which refuse a sign-off and a final export). */
  protectedFindings: Finding[];
  byField: Map<string, Finding[]>;
  bySection: Map<SectionId, Finding[]>;
  readingEase: Partial<Record<SectionId, number | null>>;
  content: ReleaseContent;
}

/**
 * A tiny external store: the provider publishes each new set of findings, and every field subscribes to its own
 * entry only. A keystroke in one paragraph therefore re-renders the fields whose messages changed, not the
 * hundred others, which keeps typing in a long release within a frame.
 */
class FindingsStore {
  state: FindingsState;
  /** Set by the provider: shows every held-back message now (an action needs the complete findings). */
  revealAll: () => void = () => undefined;
  private listeners = new Set<() => void>();
  constructor(initial: FindingsState) {
    this.state = initial;
  }
  publish(next: FindingsState) {
    // Keep the previous array for a field whose messages did not change, so that its subscribers bail out.
    for (const [key, list] of next.byField) {
      const previous = this.state.byField.get(key);
      if (previous && sameFindings(previous, list)) next.byField.set(key, previous);
    }
    if (sameFindings(this.state.protectedFindings, next.protectedFindings)) {
      next.protectedFindings = this.state.protectedFindings;
    }
    this.state = next;
    for (const listener of this.listeners) listener();
  }
  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

function sameFindings(a: Finding[], b: Finding[]): boolean {
  return (
    a.length === b.length &&
    a.every((f, i) => f.rule === b[i]!.rule && f.message === b[i]!.message && f.severity === b[i]!.severity)
  );
}

const FindingsContext = createContext<FindingsStore | null>(null);
const NO_FINDINGS: Finding[] = [];

function computeState(
  content: ReleaseContent,
  profile: OrganisationProfile,
  fromWorkspace: readonly Finding[] = NO_FINDINGS,
  grace?: NewItemGrace,
): FindingsState {
  const checked = safeCheck(content, profile);
  // The workspace's findings (jigsaw, what an export prints beyond the fields) join in, errors still first.
  const complete =
    fromWorkspace.length === 0
      ? checked
      : [...checked, ...fromWorkspace].sort((a, b) =>
          a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1,
        );
  const findings = grace ? grace.shown(content, complete) : complete;
  const byField = new Map<string, Finding[]>();
  const bySection = new Map<SectionId, Finding[]>();
  for (const finding of findings) {
    const fieldKey = normaliseFieldKey(finding.field);
    byField.set(fieldKey, [...(byField.get(fieldKey) ?? []), finding]);
    bySection.set(finding.section, [...(bySection.get(finding.section) ?? []), finding]);
  }
  return {
    findings,
    complete,
    protectedFindings: findings.filter(isProtectedPersonFinding),
    byField,
    bySection,
    readingEase: safeReadingEase(content),
    content,
  };
}

/**
 * Findings that need the other releases of the workspace (jigsaw risks) or what an export prints beyond the
 * release's fields: asked of the main side for the saved text, on open and after each save, never per keystroke.
 */
function useWorkspaceFindings(saved: SavedRelease | undefined): readonly Finding[] {
  const release: Release | null = useSyncExternalStore(
    saved?.subscribe ?? noSubscription,
    () => saved?.current ?? null,
  );
  const id = release?.id;
  const revision = release?.revision;
  const [findings, setFindings] = useState<readonly Finding[]>(NO_FINDINGS);
  useEffect(() => {
    if (!id) return;
    let live = true;
    void callApi('checks.workspace', { id }).then((result) => {
      // A failed look-up leaves the last answer: these are warnings and early notice, the main side decides.
      if (live && result.ok) setFindings(result.value.findings);
    });
    return () => {
      live = false;
    };
  }, [id, revision]);
  return findings;
}

/**
 * The form's values as they were when the page last had a frame to spare: they follow the form one frame after
 * it changes, and not at all while each keystroke comes before that frame. Work keyed on them (the checks: about
 * 20 ms in a 10,000-word release) then runs after the keystroke has reached the preview, never between the two,
 * and a burst of typing is checked once. useDeferredValue did not do this: its render is a task queued before the
 * next frame, so the checks delayed every keystroke's preview (issue 13, item 4).
 *
 * Subscribed with form.watch, not useWatch: useWatch hands over a copy of the whole form and renders this
 * provider on every keystroke, which bought nothing here but time taken from the preview (in turns with the
 * useWatch version on a 600-word release, a headline keystroke's script took 0.1-0.6 ms less of its 4-6 ms). The
 * copy is made once, when the values settle. `onEachChange` sees the form's values on every change, as typed.
 */
function useFormValuesAfterFrame(
  form: UseFormReturn<ReleaseContent>,
  onEachChange: (live: ReleaseContent) => void,
): ReleaseContent {
  const [settled, setSettled] = useState(() => structuredClone(form.getValues()));
  const onEachChangeRef = useRef(onEachChange);
  onEachChangeRef.current = onEachChange;
  useEffect(() => {
    let frame: number | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const cancel = () => {
      if (frame !== undefined) cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
      frame = timer = undefined;
    };
    const subscription = form.watch((values) => {
      onEachChangeRef.current(values as ReleaseContent);
      cancel();
      frame = requestAnimationFrame(() => {
        frame = undefined;
        timer = setTimeout(() => {
          timer = undefined;
          setSettled(structuredClone(form.getValues()));
        }, 0);
      });
    });
    return () => {
      subscription.unsubscribe();
      cancel();
    };
  }, [form]);
  return settled;
}

/**
 * Recomputes the editorial checks as the writer types. The form itself never re-renders for this: only this
 * provider watches the values, and the checks run on them a frame later (useValueAfterFrame), so that typing
 * reaches the field and the preview first.
 */
export function FindingsProvider({
  form,
  profile,
  saved,
  children,
}: {
  form: UseFormReturn<ReleaseContent>;
  profile: OrganisationProfile;
  /** The release as saved: its workspace findings are fetched on open and after each save. */
  saved?: SavedRelease;
  children: ReactNode;
}) {
  const grace = useRef<NewItemGrace | null>(null);
  grace.current ??= new NewItemGrace();
  // The form as the page shows it now: the focus event's item index is of this, not of the checked content.
  const latest = useRef<ReleaseContent | null>(null);
  if (latest.current === null) {
    latest.current = form.getValues();
    grace.current.observe(latest.current);
  }
  const content = useFormValuesAfterFrame(form, (live) => {
    latest.current = live;
    // Seen as typed, not a frame later: an added item is recorded while it is still empty. (Idempotent.)
    grace.current!.observe(live);
  });
  const fromWorkspace = useWorkspaceFindings(saved);
  // Bumped when the person leaves a new item (or an action needs every finding): its messages show.
  const [graceChanges, setGraceChanges] = useState(0);
  const store = useRef<FindingsStore | null>(null);
  if (store.current === null) store.current = new FindingsStore(computeState(content, profile));
  const state = useMemo(
    () => computeState(content, profile, fromWorkspace, grace.current!),
    // graceChanges stands for the held items, which live in the ref.
    [content, profile, fromWorkspace, graceChanges],
  );
  useEffect(() => {
    if (store.current!.state !== state) store.current!.publish(state);
  }, [state]);
  useEffect(() => {
    const held = grace.current!;
    const changed = () => setGraceChanges((n) => n + 1);
    store.current!.revealAll = () => {
      if (held.releaseAll()) changed();
    };
    // "Touched and left": the focus moves out of a new item (not from one of its boxes to another).
    function onFocusOut(event: FocusEvent) {
      if (!held.holding) return;
      const from = itemOfElement(event.target);
      if (!from) return;
      const to = itemOfElement(event.relatedTarget);
      if (to && to.listPath === from.listPath && to.index === from.index) return;
      const box = event.target instanceof Element ? event.target.closest('li') : null;
      if (box && event.relatedTarget instanceof Node && box.contains(event.relatedTarget)) return;
      if (held.release(latest.current!, from.listPath, from.index)) changed();
    }
    document.addEventListener('focusout', onFocusOut);
    return () => document.removeEventListener('focusout', onFocusOut);
  }, []);
  return <FindingsContext.Provider value={store.current}>{children}</FindingsContext.Provider>;
}

/** The list item a focused element edits, by the form path of its field (`data-path`) or its control's id. */
function itemOfElement(target: EventTarget | null): { listPath: string; index: number } | null {
  if (!(target instanceof Element)) return null;
  const path = target.closest('[data-path]')?.getAttribute('data-path');
  return path ? itemOfPath(path) : null;
}

/** Quote paragraphs are edited in one box, so their findings gather on it. */
export function normaliseFieldKey(field: string): string {
  return field.replace(/^quotes\.(\d+)\.paragraphs\.\d+$/, 'quotes.$1.paragraphs');
}

// The form can hold half-built values (a row just added); a check must never take the editor down with it.
function safeCheck(content: ReleaseContent, profile: OrganisationProfile): Finding[] {
  // The schema's limits first (a value over one is not saved: field-limits.ts), then the editorial checks.
  const limits: Finding[] = checkFieldLimits(content).map((problem) => ({
    rule: `limit.${problem.kind}`,
    severity: 'error',
    section: problem.section,
    field: problem.path,
    message: problem.message,
  }));
  try {
    return [
      ...limits,
      ...checkRelease(content, { profile, now: new Date(), anonymityList: content.anonymityList ?? [] }),
    ];
  } catch {
    return limits;
  }
}

function safeReadingEase(content: ReleaseContent) {
  try {
    return sectionReadingEase(content);
  } catch {
    return {};
  }
}

function useStore(): FindingsStore {
  const store = useContext(FindingsContext);
  if (!store) throw new Error('findings used outside FindingsProvider');
  return store;
}

/** Everything: for the summary and the comments overview. */
export function useFindings(): FindingsState {
  const store = useStore();
  return useSyncExternalStore(store.subscribe, () => store.state);
}

/**
 * One value worked out from the findings (a section's state, its reading ease); re-renders only when that value
 * changes, so that the navigator's thirteen lines and the sections' headings do not all redraw each time the
 * checks settle. `select` must answer a string, a number or null, compared by value.
 */
export function useFindingsValue<T extends string | number | null | undefined>(
  select: (state: FindingsState) => T,
): T {
  const store = useStore();
  return useSyncExternalStore(store.subscribe, () => select(store.state));
}

/**
 * The findings as they are at the moment of asking, without subscribing: for a decision taken on a click. The
 * decision is taken on every finding (`findings` is the complete set here), and asking shows the messages held
 * back on new items, since the person has now tried something that needs them.
 */
export function useFindingsNow(): () => FindingsState {
  const store = useStore();
  return useCallback(() => {
    store.revealAll();
    return { ...store.state, findings: store.state.complete };
  }, [store]);
}

/**
 * The protected-person findings (the release's fields, and what an export prints beyond them); re-renders only when
 * they change. Empty outside an editor.
 */
export function useProtectedFindings(): Finding[] {
  const store = useContext(FindingsContext);
  return useSyncExternalStore(
    store?.subscribe ?? noSubscription,
    () => store?.state.protectedFindings ?? NO_FINDINGS,
  );
}

const noSubscription = () => () => undefined;

/** One field's messages; re-renders only when they change. */
export function useFieldFindings(path: string): Finding[] {
  const store = useStore();
  return useSyncExternalStore(store.subscribe, () => store.state.byField.get(path) ?? NO_FINDINGS);
}
