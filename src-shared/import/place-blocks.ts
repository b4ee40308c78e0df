import { frameMarkerOf } from '../checks/pasted-structure';
import { inlineToPlainText } from '../render/inline-markup';
import type { ReleaseType } from '../release/schema';
import type { ImportZone } from '../release/structure';
import { RELEASE_TEMPLATES } from '../release/templates';
import { readAttribution } from './speakers';
import {
  IMPORT_ROUTES as ROUTES,
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
} from './read-lines';

/**
 * The classifier of the import (issue 16, item 1): a document's blocks in, a proposed placement out, each block
 * in one field of the structure (placement.ts) or left out, and a flag on each block it could not place (those go
 * to the body, for the writer to move). Pure: the same for a Word file, Markdown, plain text and a paste.
 *
 * It reads a release the way a UK press office lays one out: type line, issuer, "FOR IMMEDIATE RELEASE" or the
 * embargo line, date line, headline, a first paragraph (the standfirst), the story with its quotes ("Role Name
 * said:" then the quoted paragraphs), "ENDS", then headed sections: notes to editors, about, media contacts, links.
 *
 * Which field each of these fills is the structure table's word (each field's `importFrom`, read through
 * `IMPORT_ROUTES`): nothing here names a field.
 */

export interface PlaceOptions {
  locale: string;
  /** Supplies the year of a date line without one. */
  now: Date;
  source: string;
}

/**
 * Where the reading is, past the headline: each frame heading moves it on to the zone it opens. A heading
 * read-lines.ts knows (`SectionHeading`) that is not a zone of the table does not compile where it is assigned.
 */
type Zone = ImportZone | 'after-ends';

/** Where a block the classifier cannot place goes, flagged, for the writer to move: the story's own field. */
const UNPLACED: ImportTarget = ROUTES.zone.story.path;

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
  const placed: PlacedBlock[] = readings.map(({ block }) => ({ ...block, target: UNPLACED, flag: null }));
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
    if (marker === 'immediate') return ROUTES.line.embargo.path;
    if (marker === 'embargo' || readEmbargoLine(plain, options.locale, options.now)) {
      embargoed = true;
      return ROUTES.line.embargo.path;
    }
    const lineType = releaseTypeOfLine(plain);
    if (lineType) {
      type ??= lineType;
      return ROUTES.line.type.path;
    }
    if (readDateLine(plain, options.locale, options.now)) return ROUTES.line.date.path;
    if (readReferenceLine(plain)) return ROUTES.line.reference.path;
    if (readIssuerLine(plain)) return ROUTES.line.issuer.path;
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
      if (target === ROUTES.line.issuer.path) issuerFound = true;
    } else if (
      !issuerFound &&
      readings[index]!.plain.length <= 120 &&
      !/[.!?]$/.test(readings[index]!.plain)
    ) {
      // A short line above the headline that is none of the header's lines: the issuing organisation.
      put(index, ROUTES.line.issuer.path);
      issuerFound = true;
    } else {
      put(index, UNPLACED, 'Above the headline, but not a date, an embargo, a type or the issuer.');
    }
  }
  if (headline < readings.length) put(headline, ROUTES.part.headline.path);

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
      put(index, ROUTES.part['end-mark'].path);
      zone = 'after-ends';
      inQuote = false;
      continue;
    }
    if (
      heading &&
      (block.kind === 'heading' || isWholeLine(block.text) || heading.section !== 'background')
    ) {
      put(index, LEFT_OUT);
      zone = heading.section; // a SectionHeading: read-lines' headings are zones of the table
      inQuote = false;
      continue;
    }
    if (marker === 'immediate' || marker === 'embargo' || lineType) {
      // A header line printed under the headline (some offices date the release there).
      put(index, lineType ?? ROUTES.line.embargo.path);
      continue;
    }

    if (zone === 'after-ends') {
      const original = originalLink(plain);
      if (original) put(index, original);
      else if (block.ordered || NUMBERED.test(plain)) put(index, ROUTES.afterEnds.numbered.path);
      else if (EMAIL.test(plain) || PHONE.test(plain)) put(index, ROUTES.afterEnds.contact.path);
      else
        put(
          index,
          UNPLACED,
          'After “ENDS” without a heading: not part of the story, but Pressroom could not tell which section.',
        );
      continue;
    }
    // The zone's field decides how its blocks are read, by its kind: paragraphs are a story's (the story itself,
    // the background), among which quotes, key details and the original link sit; links take lines with an
    // address; any other field takes the zone's lines, but for the original link.
    const zoneField = ROUTES.zone[zone];
    if (zoneField.kind === 'paragraphs') {
      const target = storyTarget(block, plain);
      if (target) {
        put(index, target);
        continue;
      }
    }
    if (zone === 'story' && !standfirstDone) {
      put(index, ROUTES.part.lead.path);
      standfirstDone = true;
      continue;
    }
    if (zoneField.kind === 'paragraphs') {
      put(index, zoneField.path);
      inQuote = false;
    } else if (zoneField.kind === 'links') {
      if (URL_IN_TEXT.test(block.text) || URL_IN_TEXT.test(plain))
        put(index, originalLink(plain, true) ?? zoneField.path);
      else
        put(
          index,
          UNPLACED,
          `Under “${zoneField.render.heading ?? zoneField.label}” but holds no web address.`,
        );
    } else {
      put(index, originalLink(plain) ?? zoneField.path);
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
      return ROUTES.part.quotation.path;
    }
    if (inQuote && /^(?:\*{1,2})?["“‘]/.test(block.text.trim())) return ROUTES.part.quotation.path;
    inQuote = false;
    const original = originalLink(plain);
    if (original) return original;
    const label = /^([^:]{2,40}):\s*\S/.exec(plain)?.[1]?.toLowerCase();
    if (label && detailLabels().includes(label)) return ROUTES.part['key-detail'].path;
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
        return ROUTES.part['key-detail'].path;
    }
    return null;
  }
}

/**
 * "Original article: https://…": the original-article link's field, for a line with an address whose words say so
 * (under a links heading, the address may be the line's link alone); null for any other line.
 */
function originalLink(plain: string, inLinks = false): ImportTarget | null {
  if (!URL_IN_TEXT.test(plain) && !inLinks) return null;
  return CANONICAL_LABEL.test(plain) ? ROUTES.part['original-link'].path : null;
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
