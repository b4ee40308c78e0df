import { inlineToPlainTextWithReferences } from '../render/inline-markup';
import { IDENTIFIER_KIND_LABELS, type Identifier, type ProtectedPerson } from '../release/schema';
import type { SectionId } from '../release/structure';
import type { Finding } from './editorial-checks';
import { escapeRegExp } from './text-stats';

/**
 * The protected-person guard: where a release names someone it must not identify (a victim of a sexual offence, a
 * complainant, a witness, a child), in any of the forms a writer might use, or one of their identifying details.
 *
 * Pure (no DOM, no node:) and fast: the editor runs it on every keystroke, so each person is compiled once per
 * check run into two regular expressions, and each text is folded once for all people.
 *
 * What is looked for, per person:
 *  - the name, and the variants written by hand;
 *  - forms derived from the name: the surname alone, the first name alone, first and last name of a longer name,
 *    and the initials ("J.D.", "J. D.", "J D", "JD");
 *  - the identifiers' texts (address, school, place of work, other detail).
 *
 * What is ignored while looking (each a way a name can be published without matching a plain search): case,
 * accents and other diacritics (NFKD fold, plus ø æ œ ß ł đ ı ð þ ħ), a possessive ("Doe's", "Doe’s", "Does'"),
 * line breaks and runs of spaces between the parts of a name, a word hyphenated across a line break
 * ("Do-\ne", "Jane Doe-\nSmith"), soft hyphens and zero-width or direction characters, curly apostrophes, and the
 * writer's inline markup (`*emphasis*`, `**strong**`, `[text](url)`, a star between letters). Link addresses, email
 * addresses and URLs are read as words too ("…/jane-doe-case", "jane.doe@…").
 *
 * What does not match: a form inside a longer word ("John" in "Johnathan", "Doe" in "Doe-Smith" or "O'Doe").
 * Initials match only as capitals, dotted ("J.D.") or, unless they spell a common word or abbreviation ("AS",
 * "MP", "BBC"), spaced ("J D") or as a whole token ("JD"): "as" is not Anne Smith.
 *
 * Accepted over-matching: the first name or surname alone flags every use of that word, "May" and "Rose" included.
 * Publishing a protected name is the worst thing this product can let happen; a false alarm costs a second look.
 */

export type FormKind = 'name' | 'variant' | 'first-name' | 'surname' | 'first-and-last' | 'initials';

export interface ProtectedForm {
  /** As shown to people: the name's own spelling for derived forms ("Zoë"), "J.D." for initials. */
  text: string;
  /** `identifier` for an identifying detail, otherwise which form of the name. */
  kind: FormKind | 'identifier';
  identifierKind?: Identifier['kind'];
}

export interface CompiledPerson {
  person: ProtectedPerson;
  /** The name, or "protected person 2" for an entry that has only identifiers. */
  label: string;
  forms: readonly ProtectedForm[];
  /** Which of `forms` occur in a text folded by `foldForMatching`, as indexes into `forms`. */
  findIn(folded: string): number[];
}

export interface ProtectedMatch {
  person: CompiledPerson;
  form: ProtectedForm;
}

// --- folding --------------------------------------------------------------------------------------------------

/**
 * Invisible in print: soft hyphen, zero-width and joiner characters, direction marks and isolates, fillers. The
 * invisible combining marks (grapheme joiner, variation selectors) go with every other mark in the NFKD fold.
 */
const INVISIBLE =
  /[\u00AD\u061C\u115F\u1160\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/g;
/** Letters NFKD does not take apart. */
const LETTERS: Readonly<Record<string, string>> = {
  ø: 'o',
  Ø: 'O',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  ß: 'ss',
  ẞ: 'SS',
  đ: 'd',
  Đ: 'D',
  ł: 'l',
  Ł: 'L',
  ı: 'i',
  ð: 'd',
  Ð: 'D',
  þ: 'th',
  Þ: 'TH',
  ħ: 'h',
  Ħ: 'H',
};
const SPECIAL_LETTERS = /[øØæÆœŒßẞđĐłŁıðÐþÞħĦ]/g;
const APOSTROPHES = /[\u2018\u2019\u201B\u02BC\u02B9\u2032\u00B4\u0060\uFF07]/g;
const HYPHENS = /[\u2010\u2011\u2043\uFE63\uFF0D]/g;
const NON_ASCII = /[\u0080-\uFFFF]/;
/** A word broken across a line with a hyphen: the hyphen and the break go, the word is whole again. */
const LINE_HYPHEN = /(?<=[\p{L}\p{N}])-[ \t]*\n[ \t]*(?=[\p{L}\p{N}])/gu;
/** A star left between letters ("Ja*ne") is printed, but a reader still reads the name. */
const INNER_STARS = /(?<=[\p{L}\p{N}])\*+(?=[\p{L}\p{N}])/gu;
/** Separates a text from the link addresses appended to it: not a space, so no name can span the two. */
const SEPARATOR = '\u0001';

/** Case is kept (initials are matched as capitals); everything else that hides a name from a search goes. */
function foldCharacters(text: string): string {
  let s = text;
  if (NON_ASCII.test(s)) {
    s = s
      .replace(INVISIBLE, '')
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .replace(SPECIAL_LETTERS, (c) => LETTERS[c] ?? c)
      .replace(APOSTROPHES, "'")
      .replace(HYPHENS, '-');
  }
  return s;
}

/** An address read as words: "https://x.org/jane-doe%27s-case" -> "https x org jane doe's case". */
function foldAddress(address: string): string {
  let decoded = address;
  if (address.includes('%')) {
    try {
      decoded = decodeURIComponent(address);
    } catch {
      decoded = address.replace(/%([0-9a-f]{2})/gi, (_m, hex: string) =>
        String.fromCharCode(parseInt(hex, 16)),
      );
    }
  }
  return foldCharacters(decoded).replace(/[^\p{L}\p{N}']+/gu, ' ');
}

function looksLikeAddress(token: string): boolean {
  return token.includes('://') || token.includes('@') || /^(?:www\.|mailto:)/i.test(token);
}

/**
 * A text as the guard reads it: markup taken off as the renderer takes it off (link labels kept, their addresses
 * appended after a separator), invisible characters dropped, accents folded, line-end hyphenation undone,
 * addresses split into words. Not for display: the result only has to be searched.
 */
export function foldForMatching(text: string): string {
  const source = String(text ?? '');
  const cached = foldCache.get(source);
  if (cached !== undefined) return cached;
  const folded = fold(source);
  // The editor checks on every keystroke, and a keystroke changes one field: the others are folded already.
  if (source.length <= MAX_CACHED_LENGTH) {
    if (foldCache.size >= MAX_CACHED_TEXTS) foldCache.clear();
    foldCache.set(source, folded);
  }
  return folded;
}

const foldCache = new Map<string, string>();
const MAX_CACHED_TEXTS = 4000;
const MAX_CACHED_LENGTH = 20_000;

function fold(text: string): string {
  let s = text;
  if (s.includes('\r')) s = s.replace(/\r\n?/g, '\n');
  // Before the markup: a zero-width space must not change how a star run pairs up.
  if (NON_ASCII.test(s)) s = s.replace(INVISIBLE, '');
  const hrefs: string[] = [];
  if (s.includes('*') || s.includes('[')) {
    s = inlineToPlainTextWithReferences(s, (href) => {
      hrefs.push(href);
      return '';
    });
    if (s.includes('*')) s = s.replace(INNER_STARS, '');
  }
  s = foldCharacters(s);
  if (s.includes('-')) s = s.replace(LINE_HYPHEN, '');
  if (s.includes('://') || s.includes('@') || /www\.|mailto:/i.test(s)) {
    s = s.replace(/\S+/g, (token) => (looksLikeAddress(token) ? foldAddress(token) : token));
  }
  for (const href of hrefs) s += SEPARATOR + foldAddress(href);
  return s;
}

// --- forms ------------------------------------------------------------------------------------------------------

const TITLES = new Set(
  'mr mrs ms miss mx dr prof professor sir dame lord lady rev revd reverend fr father sister brother master'.split(
    ' ',
  ),
);
const SUFFIXES = new Set('jr jnr junior sr snr senior ii iii iv'.split(' '));

/**
 * Capitals that spell a common word or abbreviation: as a whole token or spaced they would flag half the text of an
 * all-caps headline, so these initials are only looked for dotted ("A.S.").
 */
const COMMON_CAPITALS = new Set(
  (
    'AD AH AI AM AN AS AT AV BA BC BE BY CC CD CV DC DJ DO DR EG EH EU FA FC FM GB GO GP HA HE HI HM HQ HR ID IE IF ' +
    'IN IS IT IV JP KC LA LP MA ME MI MO MP MR MS MY NB NO NZ OF OH OK ON OR OX PA PC PE PM PO PR PS QC RE RN SO ST TO ' +
    'TV UK UN UP US VC VS WE WC XL AGE ALL AND ANY ARE ART BAD BBC BIG BOY BUT BUY CAN CAR CCTV CEO CID CPS DAY DID ' +
    'DNA DUE END EYE FAR FEW FOR GET GOT GUN HAD HAS HER HIM HIS HMP HOW ITS ITV JOB KEY LAW LED LET MAN MAY MEN MET ' +
    'MOD NEW NHS NOT NOW OFF OLD ONE OUR OUT OWN PAY PUT RAN RUN SAW SAY SEE SET SHE SIX SON TEN THE TOO TOP TWO ' +
    'USE VAT WAR WAS WAY WHO WHY WON YES YET YOU'
  ).split(' '),
);

const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/** The pattern of one written form: parts apart by any whitespace, a hyphen or apostrophe inside optional. */
function formSource(folded: string): string | null {
  const parts = folded.split(/\s+/).filter(Boolean);
  if (parts.length === 0) return null;
  const body = parts
    .map((part) => {
      let out = '';
      for (const c of part) {
        if (isWordChar(c)) out += escapeRegExp(c);
        else if (c === "'") out += "'?";
        // "Doe-Smith", "Doe Smith", and "DoeSmith" once a line-end hyphenation is undone.
        else if (c === '-') out += '(?:-|\\s+)?';
        else if (c === '.') out += '\\.?';
        else out += `${escapeRegExp(c)}?`;
      }
      return out;
    })
    .join('\\s+');
  const joined = parts.join(' ');
  // Not inside a longer word, and not the second half of "O'Doe" or "Smith-Doe".
  const before = isWordChar(joined[0]) ? "(?<![\\p{L}\\p{N}])(?<![\\p{L}\\p{N}]['-])" : '';
  // A possessive may follow ("Doe's", "Does'", "James'"); a longer word or a hyphenated compound may not.
  const after = isWordChar(joined[joined.length - 1])
    ? "(?:'s|s'|')?(?![\\p{L}\\p{N}])(?!['-][\\p{L}\\p{N}])"
    : '';
  return before + body + after;
}

/** Initials as capitals: dotted always; spaced and whole-token unless they spell something common. */
function initialsSource(letters: string): string | null {
  if (letters.length < 2) return null;
  const chars = [...letters].map(escape);
  const forms = [`${chars.join('\\.\\s?')}\\.?`];
  if (!COMMON_CAPITALS.has(letters)) forms.push(chars.join(' '), chars.join(''));
  return `(?<![\\p{L}\\p{N}.])(?:${forms.join('|')})(?:'s)?(?![\\p{L}\\p{N}])`;
}

/** "J.D.", "J. D.", "J D": single letters apart by dots or spaces, as a writer types initials by hand. */
function handWrittenInitials(folded: string): string | null {
  if (!/^(?:\p{L}\s*\.\s*|\p{L}\s+){1,5}\p{L}?\.?$/u.test(folded)) return null;
  const letters = folded.replace(/[^\p{L}]/gu, '').toUpperCase();
  return letters.length >= 2 && letters.length <= 6 ? letters : null;
}

/** The parts of a name that are the name: titles in front and suffixes behind left off. */
function nameParts(name: string): string[] {
  const parts = name
    .replace(/\([^)]*\)/g, ' ')
    .split(/\s+/)
    .map((part) => part.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}.']+$/gu, ''))
    .filter(Boolean);
  const bare = (part: string) => foldCharacters(part).toLowerCase().replace(/\.$/, '');
  while (parts.length > 1 && TITLES.has(bare(parts[0]!))) parts.shift();
  while (parts.length > 1 && SUFFIXES.has(bare(parts[parts.length - 1]!))) parts.pop();
  return parts;
}

/** The forms to look for, in order of preference: a longer form wins where two start at the same place. */
export function formsOf(person: ProtectedPerson): ProtectedForm[] {
  const forms: ProtectedForm[] = [];
  const name = (person.name ?? '').trim().replace(/\s+/g, ' ');
  if (name) {
    forms.push({ text: name, kind: 'name' });
    const parts = nameParts(name);
    const letterCount = (part: string) => part.replace(/[^\p{L}]/gu, '').length;
    if (parts.length >= 2) {
      const first = parts[0]!;
      const last = parts[parts.length - 1]!;
      if (parts.length >= 3) forms.push({ text: `${first} ${last}`, kind: 'first-and-last' });
      // A single letter ("J. Doe") is not a first name to look for on its own.
      if (letterCount(last) >= 2) forms.push({ text: last, kind: 'surname' });
      if (letterCount(first) >= 2) forms.push({ text: first, kind: 'first-name' });
      const initials = (list: string[]) =>
        list
          .map((part) =>
            foldCharacters(part)
              .replace(/[^\p{L}]/gu, '')
              .charAt(0)
              .toUpperCase(),
          )
          .join('');
      for (const letters of new Set([initials(parts), initials([first, last])])) {
        if (letters.length >= 2) forms.push({ text: `${[...letters].join('.')}.`, kind: 'initials' });
      }
    }
  }
  for (const variant of person.variants ?? []) {
    const text = (variant ?? '').trim().replace(/\s+/g, ' ');
    if (text) forms.push({ text, kind: 'variant' });
  }
  for (const identifier of person.identifiers ?? []) {
    const text = (identifier?.text ?? '').trim().replace(/\s+/g, ' ');
    if (text) forms.push({ text, kind: 'identifier', identifierKind: identifier.kind });
  }
  // One form per spelling: the first (the name before what is derived from it, a form before a detail) stays.
  const seen = new Set<string>();
  return forms.filter((form) => {
    const key = `${form.kind === 'initials' ? 'I' : 'T'}:${foldCharacters(form.text).toLowerCase()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function compileRegExp(
  sources: Array<string | null>,
  flags: string,
): { re: RegExp; groups: number[] } | null {
  const groups: number[] = [];
  const alternatives: string[] = [];
  sources.forEach((source, index) => {
    if (source === null) return;
    alternatives.push(`(${source})`);
    groups.push(index);
  });
  if (alternatives.length === 0) return null;
  return { re: new RegExp(alternatives.join('|'), flags), groups };
}

/** One person, ready to search any number of folded texts. */
export function compileProtectedPerson(person: ProtectedPerson, index = 0): CompiledPerson {
  const forms = formsOf(person);
  const caseless: Array<string | null> = [];
  const capitals: Array<string | null> = [];
  for (const form of forms) {
    const folded = foldCharacters(form.text);
    const letters = form.kind === 'initials' ? folded.replace(/\./g, '') : handWrittenInitials(folded);
    if (letters && form.kind !== 'identifier') {
      caseless.push(null);
      capitals.push(initialsSource(letters));
    } else {
      caseless.push(formSource(folded));
      capitals.push(null);
    }
  }
  const byCase = compileRegExp(caseless, 'giu');
  const byCapitals = compileRegExp(capitals, 'gu');
  const label = (person.name ?? '').trim().replace(/\s+/g, ' ') || `protected person ${index + 1}`;

  function scan(compiled: { re: RegExp; groups: number[] } | null, text: string, found: Set<number>) {
    if (!compiled) return;
    const { re, groups } = compiled;
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      for (let g = 1; g < m.length; g++) {
        if (m[g] !== undefined) {
          found.add(groups[g - 1]!);
          break;
        }
      }
      if (m[0] === '') re.lastIndex++;
      if (found.size === groups.length) return;
    }
  }

  return {
    person,
    label,
    forms,
    findIn(folded) {
      const found = new Set<number>();
      scan(byCase, folded, found);
      scan(byCapitals, folded, found);
      return [...found].sort((a, b) => a - b);
    },
  };
}

export function compileProtectedPeople(people: readonly ProtectedPerson[] | undefined): CompiledPerson[] {
  return (people ?? [])
    .map((person, index) => compileProtectedPerson(person, index))
    .filter((compiled) => compiled.forms.length > 0);
}

/** Which forms of which people a text holds. */
export function matchProtected(text: string, people: readonly CompiledPerson[]): ProtectedMatch[] {
  if (people.length === 0 || !text) return [];
  const folded = foldForMatching(text);
  return people.flatMap((person) => person.findIn(folded).map((i) => ({ person, form: person.forms[i]! })));
}

// --- findings -----------------------------------------------------------------------------------------------------

/** Every protected-person finding refuses a sign-off and a final export (see workflow/privacy-decision.ts). */
export const PROTECTED_PERSON_RULE = 'protected-person';
export const PROTECTED_IDENTIFIER_RULE = 'protected-person.identifier';

/** What a form is, for a sentence: "“Doe” (a form of Jane Doe's name)". */
export function describeMatch({ person, form }: ProtectedMatch): string {
  if (form.kind === 'identifier') {
    const kind = IDENTIFIER_KIND_LABELS[form.identifierKind ?? 'other'].toLowerCase();
    return `“${form.text}” (${kind} of ${person.label})`;
  }
  if (form.kind === 'name') return `“${form.text}”`;
  return `“${form.text}” (a form of ${possessive(person.label)} name)`;
}

function possessive(name: string): string {
  return /s$/i.test(name) ? `${name}'` : `${name}'s`;
}

/** The sentence of a finding; `where` names a place outside the release's fields ("in the export's file name"). */
export function protectedMessage(match: ProtectedMatch, where = ''): string {
  const place = where ? ` ${where}` : '';
  return match.form.kind === 'identifier'
    ? `${describeMatch(match)} must not appear${place}: it identifies ${match.person.label}, a protected person`
    : `${describeMatch(match)} must not appear${place}: ${match.person.label} is a protected person`;
}

export interface CheckedText {
  section: SectionId;
  field: string;
  text: string;
  /** For texts outside the form: where it is published, as words ("in the export's file name"). */
  where?: string;
}

/**
 * One error per field, person and form found: `protected-person` for a form of a name, `protected-person.identifier`
 * for an identifying detail. `people` may be compiled already (a caller checking many texts compiles once).
 */
export function protectedPersonFindings(
  texts: readonly CheckedText[],
  people: readonly ProtectedPerson[] | readonly CompiledPerson[],
): Finding[] {
  const compiled = isCompiled(people) ? people : compileProtectedPeople(people);
  if (compiled.length === 0) return [];
  const out: Finding[] = [];
  for (const text of texts) {
    if (!text.text || !text.text.trim()) continue;
    for (const match of matchProtected(text.text, compiled)) {
      out.push({
        rule: match.form.kind === 'identifier' ? PROTECTED_IDENTIFIER_RULE : PROTECTED_PERSON_RULE,
        severity: 'error',
        section: text.section,
        field: text.field,
        message: protectedMessage(match, text.where),
      });
    }
  }
  return out;
}

function isCompiled(
  people: readonly ProtectedPerson[] | readonly CompiledPerson[],
): people is readonly CompiledPerson[] {
  return people.length > 0 && typeof (people[0] as CompiledPerson).findIn === 'function';
}
