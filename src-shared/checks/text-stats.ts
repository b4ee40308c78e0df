/**
 * Plain-text measures used by the editorial checks. Written for English house style; the rules that use them
 * take their limits from the organisation profile.
 */

// Digits keep their separators (2,000 and 2.5 are one word each).
const WORD = /[\p{L}\p{N}](?:[\p{L}\p{N}'’-]|[.,](?=\p{N}))*/gu;

export function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

export function countWords(text: string): number {
  return words(text).length;
}

/** Splits on . ! ? followed by space and a capital/quote/digit, so "Mr. Smith" and "2.5" stay whole. */
export function sentences(text: string): string[] {
  const flattened = text.replace(/\s+/g, ' ').trim();
  if (!flattened) return [];
  return flattened
    .split(/(?<=[.!?…])["'”’)]?\s+(?=["'“‘(]?[\p{Lu}\p{N}])/u)
    .map((sentence) => sentence.trim())
    .filter((sentence) => countWords(sentence) > 0);
}

/** Vowel-group estimate; good enough for a reading-ease figure, which is itself an estimate. */
export function syllables(word: string): number {
  const w = word.toLowerCase().replace(/[^a-z]/g, '');
  if (w.length <= 3) return 1;
  const trimmed = w.replace(/(?:[^laeiouy]es|ed|[^laeiouy]e)$/, '').replace(/^y/, '');
  const groups = trimmed.match(/[aeiouy]{1,2}/g);
  return Math.max(1, groups?.length ?? 1);
}

/**
 * Flesch reading ease (higher is easier; 60-70 is plain English). Null when there is too little text for the
 * figure to mean anything.
 */
export function readingEase(text: string): number | null {
  const allWords = words(text);
  const sentenceCount = sentences(text).length;
  if (allWords.length < 10 || sentenceCount === 0) return null;
  const syllableCount = allWords.reduce((sum, word) => sum + syllables(word), 0);
  const score =
    206.835 - 1.015 * (allWords.length / sentenceCount) - 84.6 * (syllableCount / allWords.length);
  return Math.round(Math.max(0, Math.min(100, score)));
}

export function readingEaseLabel(score: number): string {
  if (score >= 70) return 'easy';
  if (score >= 60) return 'plain English';
  if (score >= 50) return 'fairly difficult';
  if (score >= 30) return 'difficult';
  return 'very difficult';
}

/** Escape a user-supplied phrase for use inside a RegExp. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whole-word, case-insensitive occurrences of `phrase` in `text`. */
export function findPhrase(text: string, phrase: string): number {
  const trimmed = phrase.trim();
  if (!trimmed) return 0;
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}])${escapeRegExp(trimmed).replace(/\s+/g, '\\s+')}(?![\\p{L}\\p{N}])`,
    'giu',
  );
  return text.match(pattern)?.length ?? 0;
}
