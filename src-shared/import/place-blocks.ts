import { frameMarkerOf } from '../checks/pasted-structure';
import { inlineToPlainText } from '../render/inline-markup';
import type { ReleaseType } from '../release/schema';
import { RELEASE_TEMPLATES } from '../release/templates';
import { readAttribution } from './speakers';
import {
  LEFT_OUT,
  type ImportBlock,
  type ImportPlacement,
  type ImportTarget,
  type PlacedBlock,
} from './placement';
import {
  readDateLine,
  readEmbargoLine,
  readIssuerLine,
  readReferenceLine,
  releaseTypeOfLine,
  sectionHeadingOf,
  type SectionHeading,
} from './read-lines';

/**
 * The classifier of the import (issue 16, item 1): a document's blocks in, a proposed placement out, each block
 * in one field of the structure (placement.ts) or left out, and a flag on each block it could not place (those go
 * to the body, for the writer to move). Pure: the same for a Word file, Markdown, plain text and a paste.
 *
 * It reads a release the way a UK press office lays one out: type line, issuer, "FOR IMMEDIATE RELEASE" or the
 * embargo line, date line, headline, a first paragraph (the standfirst), the story with its quotes ("Role Name
 * said:" then the quoted paragraphs), "ENDS", then headed sections: notes to editors, about, media contacts, links.
 */

export interface PlaceOptions {
  locale: string;
  /** Supplies the year of a date line without one. */
  now: Date;
  source: string;
}

/** Where the reading is, past the headline: each frame heading moves it on. */
type Zone = 'story' | SectionHeading | 'after-ends';

const ZONE_TARGET: Record<Zone, ImportTarget> = {
  story: 'body',
  background: 'background',
  notes: 'notesToEditors',
  about: 'boilerplate',
  contacts: 'mediaContacts',
  links: 'relatedLinks',
  details: 'details',
  'after-ends': 'body',
};

/** How far down a header line (type, date, embargo) is looked for: past it the story has begun. */
const HEADER_WINDOW = 10;

const CANONICAL_LABEL =
  /original\s+(?:article|release|story)|(?:read|view|see)\s+(?:this|the)\s+(?:release|story|article|news)|this\s+(?:release|story)\s+online|on\s+our\s+website|online\s+version|full\s+(?:release|story)|canonical|permalink/i;
const URL_IN_TEXT = /https?:\/\/\S+|\]\((?:https?|mailto):[^)]+\)/i;
const EMAIL = /[^\s@<>()[\]]+@[^\s@<>()[\]]+\.[a-z]{2,}/i;
const PHONE = /(?:\+44\s?|\b0)\d[\d\s]{8,12}\d\b|\b(?:101|999)\b/;
const NUMBERED = /^\s*(?:\(?\d{1,3}[.)]|\d{1,3}\s*-)\s+/;

interface Reading {
  block: ImportBlock;
  plain: string;
}

export function placeBlocks(blocks: readonly ImportBlock[], options: PlaceOptions): ImportPlacement {
  const readings: Reading[] = blocks
    .map((block) => ({ block, plain: inlineToPlainText(block.text).replace(/\s+/g, ' ').trim() }))
    .filter((reading) => reading.plain !== '');
  const placed: PlacedBlock[] = readings.map(({ block }) => ({ ...block, target: 'body', flag: null }));
  const put = (index: number, target: ImportTarget, flag: string | null = null) => {
    placed[index] = { ...placed[index]!, target, flag };
  };

  // --- the header, down to the headline -------------------------------------------------------------------------
  let type: ReleaseType | null = null;
  let embargoed = false;
  let lastHeaderLine = -1;
  const window = Math.min(readings.length, HEADER_WINDOW);
  const headerTarget = (plain: string): ImportTarget | null => {
    const marker = frameMarkerOf(plain);
    if (marker === 'immediate') return 'header.embargo';
    if (marker === 'embargo' || readEmbargoLine(plain, options.locale, options.now)) {
      embargoed = true;
      return 'header.embargo';
    }
    const lineType = releaseTypeOfLine(plain);
    if (lineType) {
      type ??= lineType;
      return 'header.type';
    }
    if (readDateLine(plain, options.locale, options.now)) return 'header.releaseDate';
    if (readReferenceLine(plain)) return 'header.reference';
    if (readIssuerLine(plain)) return 'header.organisation';
    return null;
  };
  const headerTargets = readings.slice(0, window).map((reading) => headerTarget(reading.plain));
  headerTargets.forEach((target, index) => {
    if (target) lastHeaderLine = index;
  });
  // The headline: a heading near the top, else the first line after the header's own lines.
  let headline = readings.findIndex(
    (reading, index) =>
      index < window &&
      !headerTargets[index] &&
      reading.block.kind === 'heading' &&
      !sectionHeadingOf(reading.plain),
  );
  if (headline < 0) {
    headline = readings.findIndex((_, index) => index > lastHeaderLine && !headerTargets[index]);
  }
  if (headline < 0) headline = readings.length;
  let issuerFound = false;
  for (let index = 0; index < headline; index++) {
    const target = headerTargets[index] ?? null;
    if (target) {
      put(index, target);
      if (target === 'header.organisation') issuerFound = true;
    } else if (
      !issuerFound &&
      readings[index]!.plain.length <= 120 &&
      !/[.!?]$/.test(readings[index]!.plain)
    ) {
      // A short line above the headline that is none of the header's lines: the issuing organisation.
      put(index, 'header.organisation');
      issuerFound = true;
    } else {
      put(index, 'body', 'Above the headline, but not a date, an embargo, a type or the issuer.');
    }
  }
  if (headline < readings.length) put(headline, 'headline');

  // --- the story and the frame after it ---------------------------------------------------------------------------
  let zone: Zone = 'story';
  let standfirstDone = false;
  /** The quote the next paragraph in quotation marks continues, if the last block was part of a quote. */
  let inQuote = false;
  const detailLabels = (): string[] =>
    RELEASE_TEMPLATES[type ?? guessType(readings[headline]?.plain ?? '', embargoed)].details.map((detail) =>
      detail.label.toLowerCase(),
    );

  for (let index = headline + 1; index < readings.length; index++) {
    const { block, plain } = readings[index]!;
    const marker = frameMarkerOf(plain);
    const heading = sectionHeadingOf(plain);
    const lineType = zone === 'story' && !standfirstDone ? headerTarget(plain) : null;

    if (marker === 'ends') {
      put(index, 'endMark');
      zone = 'after-ends';
      inQuote = false;
      continue;
    }
    if (
      heading &&
      (block.kind === 'heading' || isWholeLine(block.text) || heading.section !== 'background')
    ) {
      put(index, LEFT_OUT);
      zone = heading.section;
      inQuote = false;
      continue;
    }
    if (marker === 'immediate' || marker === 'embargo' || lineType) {
      // A header line printed under the headline (some offices date the release there).
      put(index, lineType ?? 'header.embargo');
      continue;
    }

    if (zone === 'story' || zone === 'background') {
      const target = storyTarget(block, plain);
      if (target) {
        put(index, target);
        continue;
      }
    }
    if (zone === 'story' && !standfirstDone) {
      put(index, 'standfirst');
      standfirstDone = true;
      continue;
    }
    switch (zone) {
      case 'story':
      case 'background':
        put(index, ZONE_TARGET[zone]);
        inQuote = false;
        break;
      case 'notes':
      case 'about':
      case 'contacts':
      case 'details':
        put(index, linkTarget(plain) ?? ZONE_TARGET[zone]);
        break;
      case 'links':
        if (URL_IN_TEXT.test(block.text) || URL_IN_TEXT.test(plain)) put(index, linkTarget(plain, true)!);
        else put(index, 'body', 'Under “Links” but holds no web address.');
        break;
      case 'after-ends':
        if (linkTarget(plain)) put(index, linkTarget(plain)!);
        else if (block.ordered || NUMBERED.test(plain)) put(index, 'notesToEditors');
        else if (EMAIL.test(plain) || PHONE.test(plain)) put(index, 'mediaContacts');
        else
          put(
            index,
            'body',
            'After “ENDS” without a heading: not part of the story, but Pressroom could not tell which section.',
          );
        break;
    }
  }

  return {
    source: options.source,
    type: type ?? guessType(readings[headline]?.plain ?? '', embargoed),
    blocks: placed,
  };

  /** A quote, a key detail or the original-article link inside the story; null for an ordinary paragraph. */
  function storyTarget(block: ImportBlock, plain: string): ImportTarget | null {
    const attribution = block.kind === 'heading' ? null : readAttribution(block.text, inlineToPlainText);
    if (attribution && (attribution.kind === 'speaker' || inQuote)) {
      inQuote = true;
      return 'quotes';
    }
    if (inQuote && /^(?:\*{1,2})?["“‘]/.test(block.text.trim())) return 'quotes';
    inQuote = false;
    const link = linkTarget(plain);
    if (link === 'canonicalUrl') return link;
    const label = /^([^:]{2,40}):\s*\S/.exec(plain)?.[1]?.toLowerCase();
    if (label && detailLabels().includes(label)) return 'details';
    if (
      (type ?? null) === 'witness-appeal' ||
      guessType(readings[headline]?.plain ?? '', embargoed) === 'witness-appeal'
    ) {
      if (
        /^(?:anyone\s+(?:with|who\s+(?:has|have|saw|witnessed))|if\s+you\s+(?:saw|have|witnessed|were))/i.test(
          plain,
        ) &&
        /\b(?:call|contact|ring|report|email|101|online)\b/i.test(plain)
      )
        return 'details';
    }
    return null;
  }
}

/** "Original article: https://…" goes to the original-article link, any other line with an address to links. */
function linkTarget(plain: string, inLinks = false): ImportTarget | null {
  if (!URL_IN_TEXT.test(plain) && !inLinks) return null;
  if (CANONICAL_LABEL.test(plain)) return 'canonicalUrl';
  return inLinks ? 'relatedLinks' : null;
}

/** The whole block is one short line (a heading typed as a paragraph in a plain-text file). */
function isWholeLine(text: string): boolean {
  return !text.includes('\n') && text.length <= 90;
}

/** The release type a document without a type line most likely is, from its embargo and headline. */
export function guessType(headline: string, embargoed: boolean): ReleaseType {
  if (embargoed) return 'embargoed-release';
  if (/\bappeal|witnesses?\b|can you help|information sought/i.test(headline)) return 'witness-appeal';
  if (
    /\b(?:jailed|sentenced|guilty|convicted|acquitted|dismissed|sacked|cleared|banned|ordered\s+to\s+pay|misconduct|imprisoned|spared\s+jail)\b/i.test(
      headline,
    )
  )
    return 'outcome';
  if (/\b(?:media|press)\s+(?:invited|invitation)|photocall|briefing|to\s+visit\b/i.test(headline))
    return 'media-advisory';
  if (/^statement\b|\bstatement\s+(?:on|from|following|about)\b/i.test(headline)) return 'statement';
  return 'news-release';
}
