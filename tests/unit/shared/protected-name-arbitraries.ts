import fc from 'fast-check';
import type { Release } from '../../../src-shared/release/schema';

/**
 * fast-check arbitraries for the protected-person property tests: a random name of two or three parts (letters,
 * accented ones too), and a random way of writing it that a reader would still read as that person.
 */

const LOWER = [...'abcdefghijklmnopqrstuvwxyz', ...'éèëïöüçñøåáíóúâô'];
const FIRST = [...'ABCDEFGHIJKLMNOPRSTUVWZ', ...'ÉÖÅÇØÁ'];
/** Not names: the matcher leaves these off the front or back when it derives a first name or a surname. */
const NOT_A_NAME =
  /^(?:mr|mrs|ms|miss|mx|dr|prof|professor|sir|dame|lord|lady|rev|revd|reverend|fr|father|sister|brother|master|jr|jnr|junior|sr|snr|senior|ii|iii|iv)$/;

const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').replace(/ø/gi, 'o').toLowerCase();

const part = fc
  .tuple(fc.constantFrom(...FIRST), fc.array(fc.constantFrom(...LOWER), { minLength: 2, maxLength: 7 }))
  .map(([first, rest]) => first + rest.join(''))
  .filter((p) => !NOT_A_NAME.test(fold(p)));

/** Two or three distinct parts: "Zoë Hallström", "Ana Ölund Reyes". */
export function protectedName(): fc.Arbitrary<string[]> {
  return fc
    .array(part, { minLength: 2, maxLength: 3 })
    .filter((parts) => new Set(parts.map(fold)).size === parts.length);
}

export interface Variant {
  kind: string;
  text: string;
}

const ADD_ACCENT: Record<string, string> = {
  a: 'á',
  e: 'é',
  i: 'í',
  o: 'ö',
  u: 'ü',
  c: 'ç',
  n: 'ñ',
  A: 'Á',
  E: 'É',
  O: 'Ö',
  U: 'Ü',
};

/** Puts `insert` inside `word`, after its `at`-th character (never at either end). */
function inside(word: string, insert: string, at: number): string {
  const chars = [...word];
  const i = 1 + (at % Math.max(1, chars.length - 1));
  return chars.slice(0, i).join('') + insert + chars.slice(i).join('');
}

/** A way of writing the name (or the surname, or the first name alone) that still names the person. */
export function variantOf(parts: readonly string[]): fc.Arbitrary<Variant> {
  return fc
    .record({
      form: fc.constantFrom('full', 'surname', 'first'),
      possessive: fc.constantFrom('', "'s", '’s', "s'"),
      letterCase: fc.constantFrom('as-is', 'upper', 'lower', 'random'),
      mask: fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }),
      accents: fc.constantFrom('as-is', 'stripped', 'added'),
      inside: fc.constantFrom(
        'nothing',
        'line break',
        'soft hyphen',
        'hyphenated line end',
        'zero-width space',
      ),
      wrap: fc.constantFrom('none', 'emphasis', 'strong', 'link'),
      where: fc.nat(),
    })
    .map((v) => {
      let words =
        v.form === 'full' ? [...parts] : v.form === 'surname' ? [parts[parts.length - 1]!] : [parts[0]!];
      if (v.accents === 'stripped') words = words.map((w) => w.normalize('NFD').replace(/\p{M}/gu, ''));
      if (v.accents === 'added') words = words.map((w) => [...w].map((c) => ADD_ACCENT[c] ?? c).join(''));
      if (v.letterCase === 'upper') words = words.map((w) => w.toUpperCase());
      if (v.letterCase === 'lower') words = words.map((w) => w.toLowerCase());
      if (v.letterCase === 'random') {
        let k = 0;
        words = words.map((w) =>
          [...w].map((c) => (v.mask[k++ % v.mask.length] ? c.toUpperCase() : c.toLowerCase())).join(''),
        );
      }
      let joiner = ' ';
      const target = v.where % words.length;
      if (v.inside === 'line break') {
        if (words.length > 1) joiner = '\n';
        else words[0] = `\n${words[0]}`;
      }
      if (v.inside === 'soft hyphen') words[target] = inside(words[target]!, '\u00AD', v.where);
      if (v.inside === 'hyphenated line end') words[target] = inside(words[target]!, '-\n', v.where);
      if (v.inside === 'zero-width space') words[target] = inside(words[target]!, '\u200B', v.where);
      const written = words.join(joiner) + v.possessive;
      const text =
        v.wrap === 'emphasis'
          ? `*${written}*`
          : v.wrap === 'strong'
            ? `**${written}**`
            : v.wrap === 'link'
              ? `[${written}](https://e.org/p)`
              : written;
      const kind = [
        v.form,
        v.possessive && 'possessive',
        v.letterCase,
        `accents ${v.accents}`,
        v.inside,
        v.wrap,
      ]
        .filter(Boolean)
        .join(', ');
      return { kind, text };
    });
}

/** The release with `text` written into the field at form path `field` ("quotes.0.paragraphs.1"). */
export function placeIn(release: Release, field: string, text: string): Release {
  const copy = structuredClone(release);
  const keys = field.split('.');
  let target = copy as unknown as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  target[keys[keys.length - 1]!] = `Reported by ${text} today`;
  return copy;
}
