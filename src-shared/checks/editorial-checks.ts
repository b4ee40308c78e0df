import { inlineLinkAddresses, inlineToPlainText } from '../render/inline-markup';
import { zonedToInstant } from '../release/new-release';
import {
  isAllowedUrl,
  type OrganisationProfile,
  type ProtectedPerson,
  type ReleaseContent,
} from '../release/schema';
import { publishedTexts, SECTION_IDS, type SectionId } from '../release/structure';
import { checkHouseStyle } from './house-style';
import { localAddressKind } from './local-address';
import { pastedStructureFindings } from './pasted-structure';
import { protectedPersonFindings } from './protected-people';
import { countWords, findPhrase, readingEase, readingEaseOfParagraphs, sentences } from './text-stats';

export type Severity = 'error' | 'warning';

export interface Finding {
  /** Stable rule name, for tests and for grouping. */
  rule: string;
  severity: Severity;
  section: SectionId;
  /** The form field to focus, as a react-hook-form path: `headline`, `body.2.text`, `quotes.0.speakerName`. */
  field: string;
  message: string;
}

export interface CheckContext {
  profile: OrganisationProfile;
  now: Date;
  /** People this release must not identify (victims, witnesses, people under 18...). */
  anonymityList?: readonly ProtectedPerson[];
}

/**
 * Every published text of a release with its section and form path, walked from the structure table: the one
 * walk that the word rules and the protected-person guard share. Internal fields (tags, the protected people
 * themselves) are not published and so not checked for what must not be published.
 */
export function textFields(
  content: ReleaseContent,
): Array<{ section: SectionId; field: string; text: string }> {
  return publishedTexts(content).map(({ section, field, text }) => ({ section, field, text }));
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function checkHeadline(content: ReleaseContent, { profile }: CheckContext, out: Finding[]): void {
  const headline = content.headline.trim();
  const add = (rule: string, severity: Severity, message: string) =>
    out.push({ rule, severity, section: 'headline', field: 'headline', message });
  if (!headline) {
    add('headline.required', 'error', 'Enter a headline');
    return;
  }
  const overChars = [...headline].length - profile.limits.headlineCharacters;
  if (overChars > 0)
    add('headline.characters', 'warning', `Headline: you have ${plural(overChars, 'character')} too many`);
  const overWords = countWords(headline) - profile.limits.headlineWords;
  if (overWords > 0)
    add('headline.words', 'warning', `Headline: you have ${plural(overWords, 'word')} too many`);
  const letters = headline.replace(/[^\p{L}]/gu, '');
  if (letters.length >= 4 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()) {
    add('headline.all-caps', 'warning', 'Headline is in capitals: write it in sentence case');
  }
  if (/[^.]\.$/.test(headline) || headline === '.') {
    add('headline.full-stop', 'warning', 'Headline ends with a full stop: headlines take none');
  }
}

const WHO =
  /\b(?:police|council|office|officers?|court|department|ministry|service|commission|trust|agency|watchdog|government|investigators?|spokes(?:person|man|woman))\b/i;
const WHEN =
  /\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tonight|yesterday|tomorrow|morning|afternoon|evening|week|month|year|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b|\b\d{1,2}(?::|\.)\d{2}\b|\b\d{1,2}\s?(?:am|pm)\b|\b(?:19|20)\d{2}\b|\b\d{1,2}(?:st|nd|rd|th)\b/i;
const WHAT =
  /\b(?:is|are|was|were|has|have|had|will|would|can|could|said|says|appeal(?:s|ed|ing)?|announce[sd]?|open(?:s|ed)?|close[sd]?|found|find(?:s)?|launch(?:es|ed)?|charge[sd]?|arrest(?:s|ed)?|investigat(?:e|es|ed|ing)|publish(?:es|ed)?|warn(?:s|ed)?|confirm(?:s|ed)?|die[sd]?|injur(?:ed|es)|sentenced|jailed|fined|cleared|dismissed|agreed|decided|approved|received|began|begin(?:s)?|start(?:s|ed)?)\b|\b\w{3,}(?:ed|es)\b/i;
const WHERE = /\b(?:in|at|near|outside|on|from|across|throughout)\s+(?:the\s+)?\p{Lu}[\p{L}'’-]+/u;

/** Which of who/what/when/where a lead seems to lack. Heuristic on purpose: it prompts, it never blocks. */
export function missingFiveWs(lead: string, organisation: string): Array<'who' | 'what' | 'when' | 'where'> {
  const text = lead.trim();
  const missing: Array<'who' | 'what' | 'when' | 'where'> = [];
  // A named person or body: a capitalised word that does not start a sentence, or a known kind of body.
  const namedInside = /[\p{Ll},;:]\s+\p{Lu}\p{Ll}+/u.test(text);
  const mentionsOrganisation = organisation.trim() !== '' && findPhrase(text, organisation) > 0;
  if (!(namedInside || mentionsOrganisation || WHO.test(text))) missing.push('who');
  if (!WHAT.test(text)) missing.push('what');
  if (!WHEN.test(text)) missing.push('when');
  if (!WHERE.test(text)) missing.push('where');
  return missing;
}

function checkStandfirst(content: ReleaseContent, { profile }: CheckContext, out: Finding[]): void {
  const standfirst = content.standfirst.trim();
  const add = (rule: string, severity: Severity, message: string) =>
    out.push({ rule, severity, section: 'standfirst', field: 'standfirst', message });
  if (!standfirst) {
    add(
      'standfirst.required',
      'error',
      'Enter a standfirst: one or two sentences saying who, what, when and where',
    );
    return;
  }
  const overWords = countWords(standfirst) - profile.limits.standfirstWords;
  if (overWords > 0)
    add('standfirst.words', 'warning', `Standfirst: you have ${plural(overWords, 'word')} too many`);
  const overChars = [...standfirst].length - profile.limits.standfirstCharacters;
  if (overChars > 0) {
    add(
      'standfirst.characters',
      'warning',
      `Standfirst: you have ${plural(overChars, 'character')} too many`,
    );
  }
  if (sentences(standfirst).length > 2)
    add('standfirst.sentences', 'warning', 'Standfirst: keep it to one or two sentences');
  const missing = missingFiveWs(standfirst, content.header.organisation);
  if (missing.length > 0) {
    const hints: Record<string, string> = {
      who: 'who (a named person or body)',
      what: 'what happened (a verb)',
      when: 'when (a day, date or time)',
      where: 'where (a place)',
    };
    add(
      'standfirst.five-ws',
      'warning',
      `Standfirst: cannot find ${missing.map((m) => hints[m]).join(', ')}`,
    );
  }
}

function checkParagraphs(content: ReleaseContent, { profile }: CheckContext, out: Finding[]): void {
  const groups: Array<{ section: SectionId; label: string; field: (i: number) => string; texts: string[] }> =
    [
      {
        section: 'body',
        label: 'Body paragraph',
        field: (i) => `body.${i}.text`,
        texts: content.body.map((p) => p.text),
      },
      {
        section: 'background',
        label: 'Background paragraph',
        field: (i) => `background.${i}.text`,
        texts: content.background.map((p) => p.text),
      },
    ];
  for (const group of groups) {
    group.texts.forEach((raw, i) => {
      const text = inlineToPlainText(raw);
      const wordCount = countWords(text);
      if (wordCount > profile.limits.paragraphWords) {
        out.push({
          rule: 'paragraph.long',
          severity: 'warning',
          section: group.section,
          field: group.field(i),
          message: `${group.label} ${i + 1} has ${wordCount} words: consider splitting it (house limit ${profile.limits.paragraphWords})`,
        });
      }
      const longest = sentences(text).reduce((max, s) => Math.max(max, countWords(s)), 0);
      if (longest > profile.limits.sentenceWords) {
        out.push({
          rule: 'sentence.long',
          severity: 'warning',
          section: group.section,
          field: group.field(i),
          message: `${group.label} ${i + 1} has a sentence of ${longest} words (house limit ${profile.limits.sentenceWords})`,
        });
      }
    });
  }
  if (content.body.every((p) => p.text.trim() === '')) {
    out.push({
      rule: 'body.required',
      severity: 'error',
      section: 'body',
      field: 'body.0.text',
      message: 'Write at least one body paragraph',
    });
  }
}

function checkQuotes(content: ReleaseContent, out: Finding[]): void {
  content.quotes.forEach((quote, i) => {
    const add = (rule: string, field: string, message: string) =>
      out.push({ rule, severity: 'error', section: 'quotes', field: `quotes.${i}.${field}`, message });
    if (!quote.speakerName.trim())
      add('quote.speaker', 'speakerName', `Quote ${i + 1} has no speaker: every quote needs a name`);
    if (!quote.speakerRole.trim())
      add('quote.role', 'speakerRole', `Quote ${i + 1} has no role for its speaker`);
    if (quote.paragraphs.every((p) => p.trim() === ''))
      add('quote.empty', 'paragraphs.0', `Quote ${i + 1} has no quoted words`);
  });
}

function checkEmbargo(content: ReleaseContent, { now }: CheckContext, out: Finding[]): void {
  const embargo = content.header.embargo;
  if (!embargo) return;
  let until: Date;
  let releaseAt: Date;
  try {
    until = zonedToInstant(embargo.until, embargo.timeZone);
    releaseAt = zonedToInstant(content.header.releaseDate, content.header.timeZone);
  } catch {
    out.push({
      rule: 'embargo.invalid',
      severity: 'error',
      section: 'header',
      field: 'header.embargo',
      message: 'Enter a valid embargo date and time',
    });
    return;
  }
  if (until.getTime() < now.getTime()) {
    out.push({
      rule: 'embargo.past',
      severity: 'warning',
      section: 'header',
      field: 'header.embargo',
      message: 'The embargo time has already passed: remove the embargo or correct the time',
    });
  }
  if (until.getTime() > releaseAt.getTime()) {
    out.push({
      rule: 'embargo.after-release',
      severity: 'error',
      section: 'header',
      field: 'header.embargo',
      message:
        'The embargo ends after the release date: the release cannot be issued before its embargo lifts',
    });
  }
}

function checkLinks(content: ReleaseContent, out: Finding[]): void {
  const message =
    'Enter a full address starting with https:// (only http, https and mailto links are allowed)';
  if (content.canonicalUrl.trim() && !isAllowedUrl(content.canonicalUrl)) {
    out.push({
      rule: 'link.scheme',
      severity: 'error',
      section: 'links',
      field: 'canonicalUrl',
      message: `Original article link: ${message}`,
    });
  } else {
    checkLocalAddress(content.canonicalUrl, 'links', 'canonicalUrl', 'Original article link', out);
  }
  content.relatedLinks.forEach((link, i) => {
    if (link.url.trim() && !isAllowedUrl(link.url)) {
      out.push({
        rule: 'link.scheme',
        severity: 'error',
        section: 'links',
        field: `relatedLinks.${i}.url`,
        message: `Link ${i + 1}: ${message}`,
      });
    } else {
      checkLocalAddress(link.url, 'links', `relatedLinks.${i}.url`, `Link ${i + 1}`, out);
    }
  });
  // Links typed inside the text ("[the appeal](https://…)"), in every published field.
  for (const field of textFields(content)) {
    for (const href of inlineLinkAddresses(field.text)) {
      checkLocalAddress(href, field.section, field.field, 'A link in the text', out);
    }
  }
}

/** An error for a link to this computer or a private network (local-address.ts says why). */
function checkLocalAddress(
  url: string,
  section: SectionId,
  field: string,
  what: string,
  out: Finding[],
): void {
  const kind = url.trim() ? localAddressKind(url) : null;
  if (!kind) return;
  out.push({
    rule: 'link.local',
    severity: 'error',
    section,
    field,
    message: `${what} points at ${kind} (${url.trim()}): a reader who clicks it would reach a service there, not a public page. Link to a public address.`,
  });
}

/**
 * "[place]" left from a template: an error, each one listed, because a placeholder published by mistake is
 * printed as it stands. A Markdown link "[label](url)" is not a placeholder.
 */
function checkPlaceholders(content: ReleaseContent, out: Finding[]): void {
  for (const field of textFields(content)) {
    for (const match of field.text.matchAll(/\[([^[\]\n]{1,60})\](?!\()/g)) {
      out.push({
        rule: 'placeholder',
        severity: 'error',
        section: field.section,
        field: field.field,
        message: `Replace the placeholder “[${match[1]}]”`,
      });
    }
  }
}

function checkWordLists(content: ReleaseContent, context: CheckContext, out: Finding[]): void {
  const fields = textFields(content);
  // Every form of every protected person's name, and their identifying details, in every published field.
  out.push(...protectedPersonFindings(fields, context.anonymityList ?? []));
  for (const word of context.profile.wordsToAvoid) {
    if (!word.trim()) continue;
    for (const field of fields) {
      if (field.section === 'boilerplate' || field.section === 'mediaContacts') continue;
      if (findPhrase(field.text, word) > 0) {
        out.push({
          rule: 'avoid-word',
          severity: 'warning',
          section: field.section,
          field: field.field,
          message: `“${word.trim()}” is on the house list of words to avoid`,
        });
      }
    }
  }
}

/** All findings for a release, errors first, then in the order of the structure. */
export function checkRelease(content: ReleaseContent, context: CheckContext): Finding[] {
  const out: Finding[] = [];
  checkEmbargo(content, context, out);
  checkHeadline(content, context, out);
  checkStandfirst(content, context, out);
  checkParagraphs(content, context, out);
  checkQuotes(content, out);
  checkLinks(content, out);
  checkPlaceholders(content, out);
  out.push(...pastedStructureFindings(textFields(content)));
  checkWordLists(content, context, out);
  checkHouseStyle(content, context, textFields(content), out);
  return out
    .map((finding, index) => ({ finding, index }))
    .sort(
      (a, b) =>
        (a.finding.severity === b.finding.severity ? 0 : a.finding.severity === 'error' ? -1 : 1) ||
        SECTION_IDS.indexOf(a.finding.section) - SECTION_IDS.indexOf(b.finding.section) ||
        a.index - b.index,
    )
    .map(({ finding }) => finding);
}

/** Reading-ease figure per prose section, for the guidance beside each section. */
export function sectionReadingEase(content: ReleaseContent): Partial<Record<SectionId, number | null>> {
  const plain = (texts: string[]) => readingEaseOfParagraphs(texts.map(inlineToPlainText));
  return {
    standfirst: readingEase(content.standfirst),
    body: plain(content.body.map((p) => p.text)),
    quotes: plain(content.quotes.flatMap((q) => q.paragraphs)),
    background: plain(content.background.map((p) => p.text)),
  };
}
