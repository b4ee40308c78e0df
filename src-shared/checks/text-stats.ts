import { memoByText } from '../render/memo-by-text';
/**
 * Plain-text measures used by the editorial checks. Written for English house style; the rules that use them
 * take their limits from the organisation profile.
 */

// Digits keep their separators (2,000 and 2.5 are one word each).
const WORD = /[\p{L}\p{N}](?:[\p{L}\p{N}'’-]|[.,](?=\p{N}))*/gu;

export function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** Remembered per text: every paragraph's count is asked for on each keystroke, and one paragraph changes. */
export const countWords: (text: string) => number = memoByText((text) => words(text).length);

/** Splits on . ! ? followed by space and a capital/quote/digit, so "Mr. Smith" and "2.5" stay whole. */
export const sentences: (text: string) => readonly string[] = memoByText((text) => {
  const flattened = text.replace(/\s+/g, ' ').trim();
  if (!flattened) return Object.freeze([]);
  return Object.freeze(
    flattened
      .split(/(?<=[.!?…])["'”’)]?\s+(?=["'“‘(]?[\p{Lu}\p{N}])/u)
      .map((sentence) => sentence.trim())
      .filter((sentence) => countWords(sentence) > 0),
  );
});

/** Vowel-group estimate; good enough for a reading-ease figure, which is itself an estimate. */
export function syllables(word: string): number {
  const w = word.toLowerCase().replace(/[^a-z]/g, '');
  if (w.length <= 3) return 1;
  const trimmed = w.replace(/(?:[^laeiouy]es|ed|[^laeiouy]e)$/, '').replace(/^y/, '');
  const groups = trimmed.match(/[aeiouy]{1,2}/g);
  return Math.max(1, groups?.length ?? 1);
}

/** What the reading-ease figure counts in one text; remembered per text (memoByText), so a keystroke recounts one paragraph. */
const statisticsOf = memoByText((text: string) => {
  const allWords = words(text);
  return Object.freeze({
    words: allWords.length,
    sentences: sentences(text).length,
    syllables: allWords.reduce((sum, word) => sum + syllables(word), 0),
  });
});

/**
 * Flesch reading ease (higher is easier; 60-70 is plain English). Null when there is too little text for the
 * figure to mean anything.
 */
export function readingEase(text: string): number | null {
  return readingEaseOfParagraphs([text]);
}

/**
 * The reading ease of several paragraphs read as one text, a paragraph's end ending its last sentence. Counted
 * paragraph by paragraph and summed, so that a keystroke in a long release recounts only the paragraph typed in.
 */
export function readingEaseOfParagraphs(paragraphs: readonly string[]): number | null {
  let wordCount = 0;
  let sentenceCount = 0;
  let syllableCount = 0;
  for (const paragraph of paragraphs) {
    const counted = statisticsOf(paragraph);
    wordCount += counted.words;
    sentenceCount += counted.sentences;
    syllableCount += counted.syllables;
  }
  if (wordCount < 10 || sentenceCount === 0) return null;
  const score = 206.835 - 1.015 * (wordCount / sentenceCount) - 84.6 * (syllableCount / wordCount);
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
  const pattern = phrasePattern(phrase);
  return pattern ? (text.match(pattern)?.length ?? 0) : 0;
}

/** A phrase's pattern, built once: the word lists are matched against every field on every keystroke. */
const phrasePattern = memoByText((phrase: string): RegExp | null => {
  const trimmed = phrase.trim();
  if (!trimmed) return null;
  return new RegExp(
    `(?<![\\p{L}\\p{N}])${escapeRegExp(trimmed).replace(/\s+/g, '\\s+')}(?![\\p{L}\\p{N}])`,
    'giu',
  );
}, 1024);
