import {
  RELEASE_TYPE_LABELS,
  type Embargo,
  type EndMarkPlacement,
  type OrganisationProfile,
  type Quote,
  type ReleaseContent,
} from '../release/schema';
import { FIELD_LIST, type FieldSpec } from '../release/structure';
import { str } from '../release/loose-values';
import {
  formatEmbargoLine,
  formatEmbargoTime,
  formatReleaseDate,
  isEmbargoActive,
  toIsoWithOffset,
} from './format-date';

/**
 * What the HTML and the plain-text renderers decide alike, so that the two print the same release: the order the
 * fields are printed in (the structure table's, with the end mark where the house puts it), where the quotes sit
 * among the body paragraphs, the words of the masthead (the meta line "News release · 18 July 2024" and the timing
 * line "FOR IMMEDIATE RELEASE" or the embargo) and the words of a quote ("Role Name said:" and the quotation marks).
 * The Word export (src-main/services/export/docx-export.ts) prints from these too.
 *
 * Everything here takes half-filled values (the preview renders live form values) without throwing.
 */

// --- reading order ----------------------------------------------------------------------------------------------

export const DEFAULT_END_MARK_PLACEMENT: EndMarkPlacement = 'after-story';

/** The profile's end-mark placement; a profile saved before the setting existed prints it after the story. */
export function endMarkPlacementOf(
  profile: Partial<OrganisationProfile> | null | undefined,
): EndMarkPlacement {
  return profile?.endMarkPlacement === 'after-everything' ? 'after-everything' : DEFAULT_END_MARK_PLACEMENT;
}

/** Whether the house prints "Name, role, organisation" under each quotation too (off unless set). */
export function quoteCreditOf(profile: Partial<OrganisationProfile> | null | undefined): boolean {
  return profile?.quoteCredit === true;
}

function orderFor(placement: EndMarkPlacement): readonly FieldSpec[] {
  // Internal fields (tags, protected people) are never printed, whatever their placement says.
  const printed = FIELD_LIST.filter((spec) => spec.published && spec.render.placement !== 'internal');
  const endMarks = printed.filter((spec) => spec.render.placement === 'end-mark');
  const atFoot = printed.filter((spec) => spec.render.atFoot === true);
  const rest = printed.filter((spec) => spec.render.placement !== 'end-mark' && spec.render.atFoot !== true);
  const firstForEditors = rest.findIndex((spec) => spec.render.forEditors === true);
  const at = placement === 'after-story' && firstForEditors >= 0 ? firstForEditors : rest.length;
  return [...rest.slice(0, at), ...endMarks, ...rest.slice(at), ...atFoot];
}

const ORDERS: Readonly<Record<EndMarkPlacement, readonly FieldSpec[]>> = {
  'after-story': orderFor('after-story'),
  'after-everything': orderFor('after-everything'),
};

/**
 * The published fields in the order a release prints them: the structure table's reading order, with the end
 * mark after the story ('after-story': before notes to editors, about, contacts and links, the first field the
 * table marks `forEditors`) or after everything.
 */
export function printedFields(placement: EndMarkPlacement): readonly FieldSpec[] {
  return ORDERS[placement];
}

/** The organisation that issues the release: its own header's, else the profile's name. */
export function issuerOf(
  release: Partial<ReleaseContent>,
  profile: Partial<OrganisationProfile> | null | undefined,
): string {
  const own = str(release.header?.organisation).trim();
  return own !== '' ? own : str(profile?.name).trim();
}

// --- the masthead -----------------------------------------------------------------------------------------------

export const IMMEDIATE_RELEASE = 'FOR IMMEDIATE RELEASE';

/** Between the items of the meta line: "News release · 18 July 2024". */
export const META_SEPARATOR = '·';

/** The label of a release type ("Witness appeal"), or '' for a value that is none of the types. */
export function releaseTypeLabel(type: string): string {
  return Object.hasOwn(RELEASE_TYPE_LABELS, type)
    ? RELEASE_TYPE_LABELS[type as keyof typeof RELEASE_TYPE_LABELS]
    : '';
}

/** One item of the meta line, with the field it prints (the HTML marks it for comments and jumps). */
export type MetaItem =
  | { kind: 'type'; spec: FieldSpec; text: string }
  /** `datetime`: the instant with its offset, for `<time datetime>`. */
  | { kind: 'date'; spec: FieldSpec; text: string; datetime: string }
  | { kind: 'text'; spec: FieldSpec; text: string };

/**
 * The items of the masthead's meta line, in the table's order: the release type's label, the release date in the
 * zone beside it (the zone is printed with its date, never alone), and the text of any other `meta` field; empty
 * items left out. `masthead` is the masthead group's fields; `read` is the renderer's reading of a field's text
 * (each output cleans a writer's text for its own medium, and the line must read what that output reads).
 */
export function metaLineItems(
  masthead: readonly FieldSpec[],
  locale: string,
  read: (spec: FieldSpec) => string,
): MetaItem[] {
  const zoneSpec = masthead.find((spec) => spec.kind === 'time-zone');
  const items: MetaItem[] = [];
  for (const spec of masthead) {
    if (spec.render.placement !== 'meta') continue;
    switch (spec.kind) {
      case 'choice': {
        const text = releaseTypeLabel(read(spec));
        if (text) items.push({ kind: 'type', spec, text });
        break;
      }
      case 'date-time': {
        const zone = zoneSpec ? read(zoneSpec) : '';
        const text = formatReleaseDate(read(spec), zone, locale);
        const datetime = toIsoWithOffset(read(spec), zone);
        // Both are null together (a date or zone that is not valid): the line then leaves the date out.
        if (text && datetime) items.push({ kind: 'date', spec, text, datetime });
        break;
      }
      case 'time-zone':
        break; // printed with the date it belongs to
      default: {
        const text = read(spec);
        if (text) items.push({ kind: 'text', spec, text });
      }
    }
  }
  return items;
}

/** The meta line as text ("News release · 18 July 2024"), for the outputs without markup; '' when it is empty. */
export function metaLineText(items: readonly MetaItem[]): string {
  return items.map((item) => item.text).join(` ${META_SEPARATOR} `);
}

/**
 * The timing line at the top of a release: "FOR IMMEDIATE RELEASE" without an embargo, the embargo line while the
 * embargo holds at `now` (`until` split out for `<time datetime>` when the embargo's date is valid), and null once
 * it has passed.
 */
export type TimingWords =
  | { kind: 'immediate'; text: string }
  | { kind: 'embargo'; text: string; until: { when: string; datetime: string } | null };

export function timingWords(
  embargo: Embargo | null | undefined,
  now: Date,
  locale: string,
): TimingWords | null {
  if (!embargo) return { kind: 'immediate', text: IMMEDIATE_RELEASE };
  if (!isEmbargoActive(embargo, now)) return null;
  const when = formatEmbargoTime(embargo, locale);
  const datetime = toIsoWithOffset(str(embargo.until), str(embargo.timeZone));
  return {
    kind: 'embargo',
    text: formatEmbargoLine(embargo, locale),
    until: when && datetime ? { when, datetime } : null,
  };
}

// --- the body with its quotes -----------------------------------------------------------------------------------

export type BodyItem = { kind: 'paragraph'; index: number } | { kind: 'quote'; index: number };

/**
 * Body paragraphs in order, each quote after the paragraph it names; a quote whose paragraph is unknown (or null)
 * closes the body. A repeated paragraph id places its quotes once, after the first.
 */
export function bodyFlow(body: readonly unknown[], quotes: readonly unknown[]): BodyItem[] {
  const idOf = (paragraph: unknown) => str((paragraph as { id?: unknown } | null)?.id);
  const ids = new Set(body.map(idOf));
  const after = new Map<string, number[]>();
  const trailing: number[] = [];
  quotes.forEach((quote, index) => {
    const anchor = (quote as { afterParagraphId?: unknown } | null)?.afterParagraphId;
    if (typeof anchor === 'string' && ids.has(anchor))
      after.set(anchor, [...(after.get(anchor) ?? []), index]);
    else trailing.push(index);
  });
  const flow: BodyItem[] = [];
  body.forEach((paragraph, index) => {
    flow.push({ kind: 'paragraph', index });
    const id = idOf(paragraph);
    for (const quote of after.get(id) ?? []) flow.push({ kind: 'quote', index: quote });
    after.delete(id);
  });
  for (const quote of trailing) flow.push({ kind: 'quote', index: quote });
  return flow;
}

// --- the words of a quote ---------------------------------------------------------------------------------------

/** A piece of composed text: `writer` pieces are what the writer typed (each renderer isolates them), others ours. */
export interface Segment {
  text: string;
  writer: boolean;
}

export interface QuoteWords {
  /** "IOPC regional director Charmaine Arbouin said:", in pieces; empty when the quote names nobody. */
  attribution: Segment[];
  /** The quotation, paragraph by paragraph, in its quotation marks; inline markup left as typed. */
  paragraphs: string[];
  /** "Charmaine Arbouin, IOPC regional director, IOPC": for the optional caption (quoteCredit). */
  credit: string[];
}

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim().toLocaleLowerCase('en-GB');

/** The first letter in capitals, the rest as written ("regional director" at the start of a sentence). */
function capitaliseFirst(text: string): string {
  const first = text.codePointAt(0);
  if (first === undefined) return text;
  const char = String.fromCodePoint(first);
  return /^\p{Ll}$/u.test(char) ? char.toUpperCase() + text.slice(char.length) : text;
}

/**
 * The attribution as UK releases print it: the role as written (an organisation prefix included, never
 * lower-cased; only a lower-case first letter is capitalised, as it starts the sentence), then the name, then
 * "said:". The quote's organisation is added (", of Victim Care,") unless it is the issuing organisation or the
 * role already names it.
 */
function attribution(quote: Partial<Quote>, issuer: string): Segment[] {
  const role = str(quote.speakerRole).trim();
  const name = str(quote.speakerName).trim();
  const organisation = str(quote.organisation).trim();
  const speaker: Segment[] = [];
  if (role) speaker.push({ text: capitaliseFirst(role), writer: true });
  if (name) {
    if (speaker.length > 0) speaker.push({ text: ' ', writer: false });
    speaker.push({ text: name, writer: true });
  }
  const showOrganisation =
    organisation !== '' &&
    normalise(organisation) !== normalise(issuer) &&
    !normalise(role).includes(normalise(organisation));
  if (!showOrganisation) return speaker.length > 0 ? [...speaker, { text: ' said:', writer: false }] : [];
  if (speaker.length === 0)
    return [
      { text: organisation, writer: true },
      { text: ' said:', writer: false },
    ];
  return [
    ...speaker,
    { text: ', of ', writer: false },
    { text: organisation, writer: true },
    { text: ', said:', writer: false },
  ];
}

const OPENS = /^["“]/;
const CLOSES = /["”]$/;

/**
 * The quotation in curly quotation marks, UK style for several paragraphs: an opening mark at every paragraph and
 * a closing mark at the end of the last only. A blank line inside a paragraph starts a new one. Marks the writer
 * typed are kept and not doubled.
 */
export function quotationParagraphs(paragraphs: readonly unknown[]): string[] {
  const texts = paragraphs
    .flatMap((paragraph) => str(paragraph).split(/(?:\r\n?|\n)[ \t]*(?:\r\n?|\n)/))
    .map((text) => text.trim())
    .filter((text) => text !== '');
  return texts.map((text, index) => {
    const open = OPENS.test(text) ? '' : '“';
    const close = index === texts.length - 1 && !CLOSES.test(text) ? '”' : '';
    return `${open}${text}${close}`;
  });
}

/** The words of one quote, or null when it holds nothing at all. */
export function quoteWords(quote: Partial<Quote> | null | undefined, issuer: string): QuoteWords | null {
  const q = quote ?? {};
  const paragraphs = quotationParagraphs(Array.isArray(q.paragraphs) ? q.paragraphs : []);
  const credit = [q.speakerName, q.speakerRole, q.organisation]
    .map((part) => str(part).trim())
    .filter(Boolean);
  if (paragraphs.length === 0 && credit.length === 0) return null;
  return { attribution: attribution(q, issuer), paragraphs, credit };
}

// --- laying out the walk ----------------------------------------------------------------------------------------

interface Group<T> {
  specs: FieldSpec[];
  render: (specs: readonly FieldSpec[]) => T;
}

/**
 * The printed page as the renderers build it, walking `printedFields`: output added at its place in the reading
 * order, and groups of fields printed together (a section's fields under one heading, the body with its quotes,
 * the masthead), each placed where its first field falls and rendered once all of its fields are known. Groups
 * render in reading order, so whatever a group collects from the text before it (the plain text's numbered links)
 * is complete.
 */
export class Layout<T> {
  private readonly items: Array<{ out: T } | Group<T>> = [];
  private readonly groups = new Map<string, Group<T>>();

  add(out: T): void {
    this.items.push({ out });
  }

  join(key: string, spec: FieldSpec, render: (specs: readonly FieldSpec[]) => T): void {
    let group = this.groups.get(key);
    if (!group) {
      group = { specs: [], render };
      this.groups.set(key, group);
      this.items.push(group);
    }
    group.specs.push(spec);
  }

  render(): T[] {
    return this.items.map((item) => ('out' in item ? item.out : item.render(item.specs)));
  }
}
