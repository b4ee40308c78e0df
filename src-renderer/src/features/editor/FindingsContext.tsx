import { createContext, useContext, useDeferredValue, useMemo, type ReactNode } from 'react';
import { useWatch, type Control } from 'react-hook-form';
import { checkRelease, sectionReadingEase, type Finding } from '../../../../src-shared/checks/editorial-checks';
import type { OrganisationProfile, ReleaseContent } from '../../../../src-shared/release/schema';
import type { SectionId } from '../../../../src-shared/release/sections';

interface FindingsState {
  findings: Finding[];
  byField: Map<string, Finding[]>;
  bySection: Map<SectionId, Finding[]>;
  readingEase: Partial<Record<SectionId, number | null>>;
  content: ReleaseContent;
}

const FindingsContext = createContext<FindingsState | null>(null);

/**
 * Recomputes the editorial checks as the writer types. The form itself never re-renders for this: only this
 * provider watches the values, and only the components that show findings read the context. The values are
 * deferred so that a long release keeps typing responsive and the checks catch up a frame later.
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
  const state = useMemo<FindingsState>(() => {
    const findings = safeCheck(content, profile);
    const byField = new Map<string, Finding[]>();
    const bySection = new Map<SectionId, Finding[]>();
    for (const finding of findings) {
      const fieldKey = normaliseFieldKey(finding.field);
      byField.set(fieldKey, [...(byField.get(fieldKey) ?? []), finding]);
      bySection.set(finding.section, [...(bySection.get(finding.section) ?? []), finding]);
    }
    return { findings, byField, bySection, readingEase: safeReadingEase(content), content };
  }, [content, profile]);
  return <FindingsContext.Provider value={state}>{children}</FindingsContext.Provider>;
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

export function useFindings(): FindingsState {
  const state = useContext(FindingsContext);
  if (!state) throw new Error('useFindings outside FindingsProvider');
  return state;
}

export function useFieldFindings(path: string): Finding[] {
  return useFindings().byField.get(path) ?? [];
}
