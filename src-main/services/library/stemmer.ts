/**
 * A small English suffix-stripping stemmer for the library index (issue 15), so that "dismissal" finds
 * "dismissed" and "appeal" finds "appealing". Simpler than Porter's: it only ever removes suffixes (never rewrites
 * one), so a stem is always a prefix of its word, which lets a snippet find the stem in the text. Two passes, so
 * that every form of a word meets at one stem: first the inflection (-ing, -ed, -es, -s, -y...), then a
 * derivation (-ation, -ment, -ness, -al...), each time the longest suffix that leaves at least three letters. The
 * input is already folded (lower case, no accents). Over-joining ("police" and "policy") costs a few extra rows;
 * that is the usual price of stemming and far better than missing "dismissed".
 */
const INFLECTIONS = ['ings', 'ing', 'ies', 'ied', 'ed', 'es', 'ly', 's', 'y', 'e'] as const;
const DERIVATIONS: ReadonlyArray<readonly [suffix: string, minStem: number]> = [
  ['isation', 3],
  ['ization', 3],
  ['ation', 3],
  ['ment', 3],
  ['ness', 3],
  ['ity', 3],
  ['al', 3],
  ['at', 5],
];

const MIN_STEM = 3;

export function stem(word: string): string {
  let out = word;
  for (const suffix of INFLECTIONS) {
    if (!out.endsWith(suffix) || out.length - suffix.length < MIN_STEM) continue;
    // "ss", "us", "is" end words that are not plurals: "witness", "bus", "analysis".
    if (suffix === 's' && /[sui]s$/.test(out)) continue;
    out = out.slice(0, -suffix.length);
    break;
  }
  for (const [suffix, minStem] of DERIVATIONS) {
    if (!out.endsWith(suffix) || out.length - suffix.length < minStem) continue;
    return out.slice(0, -suffix.length);
  }
  return out;
}
