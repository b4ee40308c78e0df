/**
 * Which spellchecker language to use for a workspace: its profile's locale (en-GB by default), matched against
 * the languages the platform's spellchecker offers. "en-GB" is taken as it is; a locale with no dictionary of its
 * own falls back to one of its language ("cy-GB" -> "cy"), then to British English, then to nothing (no
 * underlining at all is better than marking every word of a Welsh release wrong).
 */
export const DEFAULT_SPELLCHECK_LANGUAGE = 'en-GB';

export function chooseSpellcheckLanguages(
  locale: string | null | undefined,
  available: readonly string[],
): string[] {
  const wanted = (locale || DEFAULT_SPELLCHECK_LANGUAGE).replace('_', '-');
  const byLower = new Map(available.map((code) => [code.toLowerCase(), code]));
  const exact = byLower.get(wanted.toLowerCase());
  if (exact) return [exact];
  const language = wanted.split('-')[0]!.toLowerCase();
  const sameLanguage =
    byLower.get(language) ?? available.find((code) => code.toLowerCase().startsWith(`${language}-`));
  if (sameLanguage) return [sameLanguage];
  const fallback = byLower.get(DEFAULT_SPELLCHECK_LANGUAGE.toLowerCase());
  return fallback ? [fallback] : [];
}
