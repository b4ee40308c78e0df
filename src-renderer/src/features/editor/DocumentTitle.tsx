import { useEffect } from 'react';
import { useWatch, type Control } from 'react-hook-form';
import type { ReleaseContent } from '../../../../src-shared/release/schema';

export const APP_TITLE = 'Pressroom';
/** How long the headline must rest before the title follows it. */
const TITLE_DELAY_MS = 300;

/** "<headline> — Pressroom": the browser tab and the window title name the open release. */
export function documentTitle(headline: string): string {
  return `${headline.replace(/\s+/g, ' ').trim() || 'Untitled release'} — ${APP_TITLE}`;
}

/**
 * Keeps document.title on the headline, a moment after it is typed. A component of its own so that watching the headline
 * re-renders only this (nothing), never the editor; the title goes back to "Pressroom" when the editor closes.
 */
export function DocumentTitle({ control }: { control: Control<ReleaseContent> }) {
  const headline = useWatch({ control, name: 'headline' });
  useEffect(() => {
    // Once typing pauses: a title change goes out to the browser (or the desktop window) and cost about 5 ms a
    // keystroke, a third of a frame, for a title nobody reads mid-word (issue 13, item 4).
    const timer = setTimeout(() => {
      document.title = documentTitle(typeof headline === 'string' ? headline : '');
    }, TITLE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [headline]);
  useEffect(
    () => () => {
      document.title = APP_TITLE;
    },
    [],
  );
  return null;
}
