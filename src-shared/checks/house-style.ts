import { inlineToPlainText } from '../render/inline-markup';
import { bodyFlow } from '../render/release-layout';
import type { HouseStyle, ReleaseContent } from '../release/schema';
import type { SectionId } from '../release/sections';
import { findDateProblems, findTimeProblems, formatGovukDate, MONTH_NAME } from './dates-and-times';
import type { CheckContext, Finding } from './editorial-checks';
import { memoByText } from '../render/memo-by-text';

/**
 * House style from the GOV.UK style guide's A to Z (https://www.gov.uk/guidance/style-guide/a-to-z): acronyms
 * spelled out at first use, dates as "18 July 2024", times as "5:30pm", "today (18 July 2024)", headlines active
 * and in sentence case. Every rule is a warning (advice, never a block) and each can be turned off in the
 * organisation profile (`profile.houseStyle`). The rules are heuristics on purpose: they prompt, and a person
 * decides.
 */

export interface TextField {
  section: SectionId;
  /** The react-hook-form path of the field, so that "jump to field" lands on it. */
  field: string;
  text: string;
}

// --- which fields each rule reads -------------------------------------------------------------------------------

/** Names, contact details, addresses, the reference and the end mark are not prose: no house-style rule reads them. */
function isProse(field: TextField): boolean {
  return !(
    field.section === 'header' ||
    field.section === 'mediaContacts' ||
    field.section === 'endMark' ||
    field.field === 'canonicalUrl' ||
    /\.url$/.test(field.field) ||
    /^details\.\d+\.label$/.test(field.field) ||
    /^quotes\.\d+\.speakerName$/.test(field.field)
  );
}

/**
 * The fields in the order a reader meets them: a quote sits after the body paragraph it follows
 * (`afterParagraphId`), or after the last one. Everything else keeps the order `textFields` gives.
 */
export function inReadingOrder(content: ReleaseContent, fields: readonly TextField[]): TextField[] {
  const groupOf = (field: TextField) => /^(body|quotes)\.(\d+)\./.exec(field.field);
  const byGroup = new Map<string, TextField[]>();
  for (const field of fields) {
    const group = groupOf(field);
    if (!group) continue;
    const key = `${group[1]}.${group[2]}`;
    byGroup.set(key, [...(byGroup.get(key) ?? []), field]);
  }
  // The renderers' own order of paragraphs and quotes, so that "first use" is where a reader first meets it.
  const flow = bodyFlow(content.body, content.quotes).flatMap((item) => {
    const key = `${item.kind === 'paragraph' ? 'body' : 'quotes'}.${item.index}`;
    const group = byGroup.get(key) ?? [];
    byGroup.delete(key);
    return group;
  });
  for (const rest of byGroup.values()) flow.push(...rest);

  const ordered: TextField[] = [];
  let flowPlaced = false;
  for (const field of fields) {
    if (!groupOf(field)) ordered.push(field);
    else if (!flowPlaced) {
      ordered.push(...flow);
      flowPlaced = true;
    }
  }
  return ordered;
}

// --- acronyms ---------------------------------------------------------------------------------------------------

const ACRONYM = /(?<![\p{L}\p{N}&/@\\._])(\p{Lu}{2,6})(s?)(?![\p{L}\p{N}&/@\\_]|\.\p{L})/gu;
const ROMAN_NUMERAL = /^[IVX]+$/;

function letters(word: string): string {
  return word.replace(/[^\p{L}\p{N}]/gu, '').toLowerCase();
}

function isSubsequence(needle: string, haystack: string): boolean {
  let at = 0;
  for (const ch of haystack) if (ch === needle[at]) at++;
  return at === needle.length;
}

/** The spelled-out form just before "(IOPC)": "Independent Office for Police Conduct". */
export function expansionBefore(before: string, acronym: string): string | null {
  const words = before.trimEnd().split(/\s+/).filter(Boolean);
  const wanted = acronym.toLowerCase();
  const reach = Math.max(0, words.length - (acronym.length * 2 + 3));
  for (let i = words.length - 1; i >= reach; i--) {
    const word = letters(words[i]!);
    if (!word.startsWith(wanted[0]!)) continue;
    const span = words.slice(i);
    if (span.length < 2 && acronym.length > 1 && letters(span[0]!).length <= acronym.length) continue;
    if (isSubsequence(wanted, span.map(letters).join(''))) return span.join(' ').replace(/[,;:]$/, '');
  }
  return null;
}

/** The spelled-out form in brackets just after "IOPC": "IOPC (Independent Office for Police Conduct)". */
function expansionAfter(after: string, acronym: string): string | null {
  const bracket = /^\s*\(([^()]{3,160})\)/.exec(after);
  if (!bracket) return null;
  const inside = bracket[1]!.trim();
  const words = inside.split(/\s+/);
  if (words.length < 2) return null;
  const wanted = acronym.toLowerCase();
  return letters(words[0]!).startsWith(wanted[0]!) && isSubsequence(wanted, words.map(letters).join(''))
    ? inside
    : null;
}

const isCapitals = (word: string | undefined) =>
  word !== undefined && word.length >= 2 && word === word.toUpperCase() && word !== word.toLowerCase();

/**
 * Capitals that are a name, not an acronym: a run of them ("named as JOHN DOE") or a surname in capitals after a
 * first name, as police releases write a charged person ("John SMITH, 34, of Ashford").
 */
function looksLikeName(before: string, after: string): boolean {
  const previous = /([\p{L}'’-]+)\s+$/u.exec(before)?.[1];
  const next = /^\s+([\p{L}'’-]+)/u.exec(after)?.[1];
  if (isCapitals(previous) || isCapitals(next)) return true;
  return previous !== undefined && /^\p{Lu}\p{Ll}+$/u.test(previous) && /^(?:[,.;:]|$)/.test(after);
}

/** A field written mostly in capitals is shouting (the headline rules say so); its words are not acronyms. */
const isShouting = memoByText((text: string): boolean => {
  const words = text.match(/[\p{L}][\p{L}'’-]*/gu) ?? [];
  if (words.length < 3) return false;
  const capitals = words.filter((w) => w.length >= 2 && w === w.toUpperCase() && w !== w.toLowerCase());
  return capitals.length / words.length >= 0.6;
});

/**
 * Acronyms an organisation needs no spelled-out form for: the profile's list, the organisation's own initials
 * ("Northshire Office for Police Conduct" gives NOPC) and any acronym inside its name ("NHS England").
 */
export function knownAcronyms(style: HouseStyle, organisations: readonly string[]): Set<string> {
  const known = new Set(style.knownAcronyms.map((a) => a.trim().toUpperCase()).filter(Boolean));
  for (const organisation of organisations) {
    const initials = organisation
      .split(/\s+/)
      .filter((w) => /^\p{Lu}/u.test(w))
      .map((w) => w[0])
      .join('');
    if (initials.length >= 2) known.add(initials.toUpperCase());
    for (const m of organisation.matchAll(ACRONYM)) known.add(m[1]!);
  }
  return known;
}

function checkAcronyms(fields: readonly TextField[], known: Set<string>, out: Finding[]): void {
  const texts = fields.map((field) => ({ field, text: field.text }));
  // Where each acronym is spelled out anywhere in the release, to quote it in the message.
  const spelledOut = new Map<string, string>();
  for (const { text } of texts) {
    for (const m of text.matchAll(ACRONYM)) {
      const acronym = m[1]!;
      if (spelledOut.has(acronym)) continue;
      const end = m.index + m[0].length;
      const form =
        text[m.index - 1] === '(' && text[end] === ')'
          ? expansionBefore(text.slice(0, m.index - 1), acronym)
          : expansionAfter(text.slice(end), acronym);
      if (form) spelledOut.set(acronym, form);
    }
  }
  const met = new Set<string>();
  for (const { field, text } of texts) {
    if (isShouting(text)) continue;
    for (const m of text.matchAll(ACRONYM)) {
      const acronym = m[1]!;
      const end = m.index + m[0].length;
      if (ROMAN_NUMERAL.test(acronym) || known.has(acronym) || met.has(acronym)) continue;
      if (looksLikeName(text.slice(0, m.index), text.slice(end))) continue;
      met.add(acronym);
      const defined =
        text[m.index - 1] === '(' && text[end] === ')'
          ? expansionBefore(text.slice(0, m.index - 1), acronym) !== null
          : expansionAfter(text.slice(end), acronym) !== null;
      if (defined) continue;
      const form = spelledOut.get(acronym);
      out.push({
        rule: 'house-style.acronym',
        severity: 'warning',
        section: field.section,
        field: field.field,
        message: form
          ? `Spell out “${acronym}” here, where it is first used: “${form} (${acronym})”`
          : `Spell out “${acronym}” the first time it is used, with the short form in brackets: “Full name (${acronym})”`,
      });
    }
  }
}

// --- dates, times, today ----------------------------------------------------------------------------------------

function checkDates(fields: readonly TextField[], out: Finding[]): void {
  for (const field of fields) {
    for (const problem of findDateProblems(field.text)) {
      out.push({
        rule: 'house-style.date',
        severity: 'warning',
        section: field.section,
        field: field.field,
        message: `Write “${problem.found}” as “${problem.suggestion}” (dates as “18 July 2024”)`,
      });
    }
  }
}

function checkTimes(fields: readonly TextField[], out: Finding[]): void {
  for (const field of fields) {
    for (const problem of findTimeProblems(field.text)) {
      out.push({
        rule: 'house-style.time',
        severity: 'warning',
        section: field.section,
        field: field.field,
        message: `Write “${problem.found}” as “${problem.suggestion}” (times as “5:30pm”, “midday”, “midnight”)`,
      });
    }
  }
}

/** The release date plus `offset` days, as "18 July 2024"; null if the date cannot be read. */
function releaseDay(content: ReleaseContent, offset: number): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(content.header.releaseDate);
  if (!m) return null;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + offset));
  if (Number.isNaN(date.getTime())) return null;
  return formatGovukDate(date.getUTCDate(), date.getUTCMonth() + 1, date.getUTCFullYear());
}

const RELATIVE_DAY = /(?<![\p{L}\p{N}'’-])(today|yesterday|tomorrow)(?![\p{L}\p{N}'’-])/giu;
const OFFSETS: Record<string, number> = { yesterday: -1, today: 0, tomorrow: 1 };

/** A bracket straight after the word that holds a date ("(18 July 2024)", "(Thursday 18 July)"). */
function datedAfter(after: string): boolean {
  const bracket = /^\s*\(([^()]{1,80})\)/.exec(after);
  if (!bracket) return false;
  return new RegExp(`\\b${MONTH_NAME}\\b|\\d{1,2}[/.-]\\d{1,2}`).test(bracket[1]!);
}

function checkRelativeDates(content: ReleaseContent, fields: readonly TextField[], out: Finding[]): void {
  for (const field of fields) {
    // A headline carries no bracketed date, and a quotation is the speaker's own words.
    if (field.section === 'headline' || /^quotes\.\d+\.paragraphs\./.test(field.field)) continue;
    const text = field.text;
    for (const m of text.matchAll(RELATIVE_DAY)) {
      if (datedAfter(text.slice(m.index + m[0].length))) continue;
      const word = m[1]!;
      const date = releaseDay(content, OFFSETS[word.toLowerCase()]!) ?? 'the date';
      out.push({
        rule: 'house-style.relative-date',
        severity: 'warning',
        section: field.section,
        field: field.field,
        message: `Put the date in brackets after “${word}”: “${word} (${date})”`,
      });
    }
  }
}

// --- headline ---------------------------------------------------------------------------------------------------

const BE = new Set(['am', 'is', 'are', 'was', 'were', 'be', 'been', 'being']);
const BETWEEN = new Set(['not', 'now', 'also', 'still', 'again', 'being', 'been', 'be', 'to', 'finally']);
const IRREGULAR_PARTICIPLES = new Set(
  (
    'arisen awoken beaten become begun bent bitten blown broken brought built burnt bought caught chosen cut dealt ' +
    'done drawn driven drunk eaten fallen fed felt fought found forbidden forgiven forgotten frozen given gone ' +
    'ground grown hung heard held hidden hit hurt kept known laid led left lent let lit lost made meant met paid ' +
    'put quit read rung risen run said seen sought sold sent set shaken shot shown shut slain sped spent spoken ' +
    'spun split spread stolen stuck stung struck sworn swept swum taken taught torn told thought thrown undone ' +
    'understood upheld withdrawn withheld won worn woken written overturned overtaken overseen'
  ).split(' '),
);
/** Words ending in -ed that are not participles, or participles that read as adjectives of feeling or place. */
const NOT_PASSIVE = new Set(
  (
    'red bed need seed feed speed shed breed bleed deed weed greed indeed hundred sacred naked wicked kindred ' +
    'rugged ragged beloved aged based pleased delighted concerned worried disappointed excited determined ' +
    'saddened shocked thrilled interested committed dedicated proud'
  ).split(' '),
);

function isParticiple(word: string): boolean {
  const w = word.toLowerCase();
  if (NOT_PASSIVE.has(w)) return false;
  return IRREGULAR_PARTICIPLES.has(w) || /^[a-z]{2,}ed$/.test(w);
}

/** The first "was arrested" / "is dismissed" of a headline, or null. */
export function passivePhrase(headline: string): string | null {
  const words = headline.split(/\s+/).map((w) => w.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, ''));
  for (let i = 0; i < words.length; i++) {
    if (!BE.has(words[i]!.toLowerCase())) continue;
    let j = i + 1;
    while (j < words.length && (BETWEEN.has(words[j]!.toLowerCase()) || /ly$/i.test(words[j]!))) j++;
    if (j < words.length && isParticiple(words[j]!)) return words.slice(i, j + 1).join(' ');
  }
  return null;
}

const FUNCTION_WORDS = new Set(
  (
    'a an the and but or nor for of in on at to by from with into onto over as after before about under up out ' +
    'off via per than so yet is are was be its his her their our'
  ).split(' '),
);

/** "Council Opens New Library In Ashford": the words after the first are capitalised throughout. */
export function isTitleCase(headline: string): boolean {
  const tokens = headline.split(/\s+/).filter(Boolean);
  let first = true;
  let capitalContent = 0;
  let lowerContent = 0;
  let capitalFunction = 0;
  for (const token of tokens) {
    const word = token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    const startsClause = first;
    // A colon or a dash starts a new clause, whose first word takes a capital in sentence case too.
    first = /[:?!]$/.test(token) || /^[-–—]$/.test(token);
    if (startsClause || !/^\p{L}/u.test(word)) continue;
    const isAcronym = word.length >= 2 && word === word.toUpperCase();
    if (isAcronym) continue;
    const capital = /^\p{Lu}/u.test(word);
    if (FUNCTION_WORDS.has(word.toLowerCase())) {
      if (capital) capitalFunction++;
    } else if (capital) capitalContent++;
    else lowerContent++;
  }
  if (lowerContent > 0) return false;
  return capitalContent >= 3 || (capitalFunction >= 1 && capitalContent >= 2);
}

function checkHeadline(content: ReleaseContent, style: HouseStyle, out: Finding[]): void {
  const headline = inlineToPlainText(content.headline).trim();
  if (!headline) return;
  const letters = headline.replace(/[^\p{L}]/gu, '');
  // An all-capitals headline has its own warning (headline.all-caps); case and voice are read from the words.
  const shouting = letters.length >= 4 && letters === letters.toUpperCase();
  const add = (rule: string, message: string) =>
    out.push({ rule, severity: 'warning', section: 'headline', field: 'headline', message });
  if (style.headlineActive) {
    const passive = passivePhrase(headline);
    if (passive) {
      add(
        'house-style.headline-passive',
        `Headline is in the passive voice (“${passive}”): say who did what, for example “Police arrest man” rather than “Man was arrested”`,
      );
    }
  }
  if (style.headlineSentenceCase && !shouting && isTitleCase(headline)) {
    add(
      'house-style.headline-title-case',
      'Headline is in Title Case: use sentence case, with capitals only for the first word and for names',
    );
  }
}

// --- the entry point --------------------------------------------------------------------------------------------

/**
 * The GOV.UK house-style rules the profile has on, over the published text fields (`textFields(content)`), each
 * finding naming the exact field it is about.
 */
export function checkHouseStyle(
  content: ReleaseContent,
  context: CheckContext,
  fields: readonly TextField[],
  out: Finding[],
): void {
  const style = context.profile.houseStyle;
  // Links and emphasis are read as the words a reader sees: a link's address is not prose.
  const prose = inReadingOrder(content, fields)
    .filter(isProse)
    .map((field) => ({ ...field, text: inlineToPlainText(field.text) }));
  if (style.acronyms) {
    checkAcronyms(prose, knownAcronyms(style, [context.profile.name, content.header.organisation]), out);
  }
  if (style.dates) checkDates(prose, out);
  if (style.times) checkTimes(prose, out);
  if (style.relativeDates) checkRelativeDates(content, prose, out);
  checkHeadline(content, style, out);
}
