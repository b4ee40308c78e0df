import {
  createContext,
  useContext,
  useDeferredValue,
  useEffect,
  useMemo,
  useRef,
  useCallback,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { useWatch, type Control } from 'react-hook-form';
import {
  checkRelease,
  sectionReadingEase,
  type Finding,
} from '../../../../src-shared/checks/editorial-checks';
import type { OrganisationProfile, ReleaseContent } from '../../../../src-shared/release/schema';
import type { SectionId } from '../../../../src-shared/release/sections';

interface FindingsState {
  findings: Finding[];
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

function computeState(content: ReleaseContent, profile: OrganisationProfile): FindingsState {
  const findings = safeCheck(content, profile);
  const byField = new Map<string, Finding[]>();
  const bySection = new Map<SectionId, Finding[]>();
  for (const finding of findings) {
    const fieldKey = normaliseFieldKey(finding.field);
    byField.set(fieldKey, [...(byField.get(fieldKey) ?? []), finding]);
    bySection.set(finding.section, [...(bySection.get(finding.section) ?? []), finding]);
  }
  return { findings, byField, bySection, readingEase: safeReadingEase(content), content };
}

/**
 * Recomputes the editorial checks as the writer types. The form itself never re-renders for this: only this
 * provider watches the values, and the values are deferred so that typing stays responsive and the checks
 * catch up a moment later.
 */
export function FindingsProvider({
  control,
  profile,
  children,
}: {
  control: Control<ReleaseContent>;
  profile: OrganisationProfile;
  children: ReactNode;
}) {
  const watched = useWatch({ control }) as ReleaseContent;
  const content = useDeferredValue(watched);
  const store = useRef<FindingsStore | null>(null);
  if (store.current === null) store.current = new FindingsStore(computeState(content, profile));
  const state = useMemo(() => computeState(content, profile), [content, profile]);
  useEffect(() => {
    if (store.current!.state !== state) store.current!.publish(state);
  }, [state]);
  return <FindingsContext.Provider value={store.current}>{children}</FindingsContext.Provider>;
}

/** Quote paragraphs are edited in one box, so their findings gather on it. */
export function normaliseFieldKey(field: string): string {
  return field.replace(/^quotes\.(\d+)\.paragraphs\.\d+$/, 'quotes.$1.paragraphs');
}

// The form can hold half-built values (a row just added); a check must never take the editor down with it.
function safeCheck(content: ReleaseContent, profile: OrganisationProfile): Finding[] {
  try {
    return checkRelease(content, { profile, now: new Date(), anonymityList: content.anonymityList ?? [] });
  } catch {
    return [];
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

/** Everything: for the summary, the navigator and the reading-ease figures. */
export function useFindings(): FindingsState {
  const store = useStore();
  return useSyncExternalStore(store.subscribe, () => store.state);
}

/** The findings as they are at the moment of asking, without subscribing: for a decision taken on a click. */
export function useFindingsNow(): () => FindingsState {
  const store = useStore();
  return useCallback(() => store.state, [store]);
}

/** One field's messages; re-renders only when they change. */
export function useFieldFindings(path: string): Finding[] {
  const store = useStore();
  return useSyncExternalStore(store.subscribe, () => store.state.byField.get(path) ?? NO_FINDINGS);
}
