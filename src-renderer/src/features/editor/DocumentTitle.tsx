import { useEffect } from 'react';
import { useWatch, type Control } from 'react-hook-form';
import type { ReleaseContent } from '../../../../src-shared/release/schema';

export const APP_TITLE = 'Pressroom';

/** "<headline> — Pressroom": the browser tab and the window title name the open release. */
export function documentTitle(headline: string): string {
  return `${headline.replace(/\s+/g, ' ').trim() || 'Untitled release'} — ${APP_TITLE}`;
}

/**
 * Keeps document.title on the headline as it is typed. A component of its own so that watching the headline
 * re-renders only this (nothing), never the editor; the title goes back to "Pressroom" when the editor closes.
 */
export function DocumentTitle({ control }: { control: Control<ReleaseContent> }) {
  const headline = useWatch({ control, name: 'headline' });
  useEffect(() => {
    document.title = documentTitle(typeof headline === 'string' ? headline : '');
  }, [headline]);
  useEffect(
    () => () => {
      document.title = APP_TITLE;
    },
    [],
  );
  return null;
}
