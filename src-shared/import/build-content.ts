import { inlineToPlainText } from '../render/inline-markup';
import type {
  Contact,
  Detail,
  Embargo,
  Link,
  Note,
  Paragraph,
  Quote,
  ReleaseContent,
  ReleaseContact,
} from '../release/schema';
import { RELEASE_TEMPLATES } from '../release/templates';
import { assertNever, FIELD_LIST, type FieldPath, type FieldSpec } from '../release/structure';
import { kindTakesBlocks, type ImportPlacement, type PlacedBlock } from './placement';
import {
  readDateLine,
  readEmbargoLine,
  readIssuerLine,
  readReferenceLine,
  sectionHeadingOf,
  type DateReading,
} from './read-lines';
import { readAttribution, stripQuotationMarks } from './speakers';

/**
 * A placement (after the writer's moves) turned into the release's content: each field of the structure that
 * takes blocks is filled from the blocks placed in it, by its kind. Fields the document left empty keep what a
 * new release of the type starts with (the profile's about paragraph and contacts, the template's text), so an
 * import is a new draft like any other, with the same checks.
 */

export interface BuildOptions {
  locale: string;
  timeZone: string;
  now: Date;
  makeId: () => string;
}

export interface BuiltContent {
  content: ReleaseContent;
  /** Things the writer should check, in a sentence each ("The date line gave no time: 9:00am was assumed."). */
  notes: string[];
}

const plain = (markup: string) => inlineToPlainText(markup).replace(/\s+/g, ' ').trim();

/** The content of `blank` (a new release of the placement's type) with every field the document filled replaced. */
export function buildContent(
  placement: ImportPlacement,
  blank: ReleaseContent,
  options: BuildOptions,
): BuiltContent {
  const notes: string[] = [];
  const content = JSON.parse(JSON.stringify(blank)) as ReleaseContent;
  const header = content.header as unknown as Record<string, unknown>;
  const root = content as unknown as Record<string, unknown>;
  const set = (path: FieldPath, value: unknown) => {
    if (path.startsWith('header.')) header[path.slice('header.'.length)] = value;
    else root[path] = value;
  };
  const byField = new Map<FieldPath, PlacedBlock[]>();
  placement.blocks.forEach((block) => {
    if (block.target === 'left-out') return;
    byField.set(block.target, [...(byField.get(block.target) ?? []), block]);
  });
  // Quotes sit after the body paragraph before them in the document.
  const bodyIdBefore = new Map<PlacedBlock, string | null>();
  const bodyIds = new Map<PlacedBlock, string>();
  let lastBody: string | null = null;
  for (const block of placement.blocks) {
    if (block.target === 'body') {
      const id = options.makeId();
      bodyIds.set(block, id);
      lastBody = id;
    }
    bodyIdBefore.set(block, lastBody);
  }

  for (const spec of FIELD_LIST) {
    if (!kindTakesBlocks(spec.kind)) continue;
    const blocks = byField.get(spec.path) ?? [];
    if (blocks.length === 0) continue;
    const value = fieldFromBlocks(spec, blocks);
    if (value !== undefined) set(spec.path, value);
  }

  // The type is the writer's choice on the review screen; an embargoed release is dated at its embargo.
  content.header.type = placement.type;
  const embargo = content.header.embargo;
  if (embargo && !byField.has('header.releaseDate')) content.header.releaseDate = embargo.until;
  return { content, notes };

  function fieldFromBlocks(spec: FieldSpec, blocks: PlacedBlock[]): unknown {
    const texts = blocks.map((block) => block.text);
    switch (spec.kind) {
      case 'choice':
        return undefined; // the placement's type, set above
      case 'line': {
        const line = texts.map((text) => lineValue(spec.path, plain(text))).join(' ');
        return line.slice(0, spec.limits.maxCharacters ?? line.length);
      }
      case 'date-time': {
        const reading = firstReading(texts, (text) => readDateLine(text, options.locale, options.now));
        if (!reading) {
          notes.push(
            `Pressroom could not read a date in “${plain(texts[0]!)}”: the release keeps today’s date.`,
          );
          return undefined;
        }
        if (reading.timeGuessed) {
          notes.push(
            `The date line gave no time, so the release is dated at ${reading.value.slice(11)}: check it.`,
          );
        }
        return reading.value;
      }
      case 'embargo': {
        const embargoLine = texts.map(plain).find((text) => /embargo/i.test(text));
        if (!embargoLine) return null; // "For immediate release"
        const reading = readEmbargoLine(embargoLine, options.locale, options.now);
        if (!reading) {
          notes.push(
            `Pressroom could not read the embargo time in “${embargoLine}”: set it in the Header section.`,
          );
          return undefined;
        }
        if (reading.timeGuessed)
          notes.push('The embargo line gave no time: set the time in the Header section.');
        return { until: reading.value, timeZone: options.timeZone } satisfies Embargo;
      }
      case 'prose':
        return texts.map((text) => unwrapBold(text)).join('\n\n');
      case 'key-details':
        return keyDetails(texts);
      case 'paragraphs':
        return joinLists(blocks).map(({ block, text }): Paragraph => ({
          id: bodyIds.get(block) ?? options.makeId(),
          text,
        }));
      case 'notes':
        return texts.map((text): Note => ({
          id: options.makeId(),
          text: text.replace(/^\s*\(?\d{1,3}[.)]\s+/, ''),
        }));
      case 'quotes':
        return quotes(blocks);
      case 'contacts':
        return contacts(texts);
      case 'url':
        return links(texts)[0]?.url ?? '';
      case 'links':
        return links(texts);
      case 'time-zone':
      case 'list':
      case 'protected-people':
      case 'change-notes':
        return undefined;
      default:
        return assertNever(spec.kind);
    }
  }

  function keyDetails(texts: string[]): Detail[] {
    const template = RELEASE_TEMPLATES[placement.type].details;
    const details: Detail[] = template.map((detail) => ({ key: detail.key, label: detail.label, text: '' }));
    for (const text of texts) {
      const labelled = /^\s*(?:\*\*)?([^:*]{2,40}?)(?:\*\*)?\s*:\s*(?:\*\*)?\s*([\s\S]+)$/.exec(text);
      const label = labelled?.[1]?.trim() ?? '';
      const known = details.find((detail) => detail.label.toLowerCase() === label.toLowerCase());
      // An unlabelled line fills the first empty detail (an appeal's "Anyone with information…").
      const target = known ?? (labelled ? undefined : details.find((detail) => detail.text === ''));
      if (target) {
        const value = known ? labelled![2]!.trim() : text.trim();
        target.text = target.text ? `${target.text}\n${value}` : value;
      } else {
        details.push({
          key: `detail-${details.length + 1}`,
          label: (label || 'Detail').slice(0, 200),
          text: (labelled?.[2] ?? text).trim(),
        });
      }
    }
    return details;
  }

  function quotes(blocks: PlacedBlock[]): Quote[] {
    const out: Quote[] = [];
    for (const block of blocks) {
      const attribution = readAttribution(block.text, inlineToPlainText);
      const current = out.at(-1);
      if (attribution?.kind === 'speaker') {
        out.push({
          id: options.makeId(),
          ...attribution.speaker,
          paragraphs: attribution.quotation ? [stripQuotationMarks(attribution.quotation)] : [],
          afterParagraphId: bodyIdBefore.get(block) ?? null,
        });
      } else if (attribution?.kind === 'continuation' && current) {
        if (attribution.quotation) current.paragraphs.push(stripQuotationMarks(attribution.quotation));
      } else if (current) {
        current.paragraphs.push(stripQuotationMarks(block.text));
      } else {
        // A quotation with nobody named: kept as a quote, which the checks flag until a speaker is given.
        out.push({
          id: options.makeId(),
          speakerName: '',
          speakerRole: '',
          organisation: '',
          paragraphs: [stripQuotationMarks(block.text)],
          afterParagraphId: bodyIdBefore.get(block) ?? null,
        });
      }
    }
    return out;
  }

  function contacts(texts: string[]): ReleaseContact[] {
    const out: Array<Contact & { id: string }> = [];
    let sharedOutOfHours = '';
    const fresh = () => {
      const contact = { id: options.makeId(), name: '', role: '', phone: '', email: '', outOfHours: '' };
      out.push(contact);
      return contact;
    };
    for (const text of texts) {
      for (const line of plain(text.replace(/\n/g, ' ¶ ')).split(' ¶ ')) {
        for (const piece of contactPieces(line)) {
          let current = out.at(-1);
          const ooh =
            /^(?:out[\s-]+of[\s-]+hours?|ooh|after\s+hours|evenings?\s+and\s+weekends?)(?:[^:]*)[:\s-]+(.+)$/i.exec(
              piece,
            );
          if (ooh) {
            if (current) current.outOfHours = ooh[1]!.trim();
            else sharedOutOfHours = ooh[1]!.trim();
            continue;
          }
          const email = EMAIL_PIECE.exec(piece);
          if (email) {
            current ??= fresh();
            if (current.email) current = fresh();
            current.email = email[0].replace(/^mailto:/i, '');
            continue;
          }
          const phone = PHONE_PIECE.exec(piece);
          if (phone) {
            current ??= fresh();
            if (current.phone) current = fresh();
            current.phone = phone[1]!.trim();
            continue;
          }
          const words = piece.replace(/^(?:name|contact)\s*:\s*/i, '').trim();
          if (!words || sectionHeadingOf(words)) continue;
          if (!current || current.phone || current.email || (current.name && current.role)) {
            current = fresh();
          }
          if (!current.name) {
            // "Tom Bennett, Senior Communications Officer": the name, then the role.
            const [name = '', ...role] = words.split(/\s*,\s*/);
            current.name = name;
            if (role.length > 0) current.role = role.join(', ');
          } else current.role = words;
        }
      }
    }
    for (const contact of out) {
      if (!contact.outOfHours) contact.outOfHours = sharedOutOfHours;
      contact.name = contact.name.slice(0, 200);
      contact.role = contact.role.slice(0, 200);
      contact.phone = contact.phone.slice(0, 60);
      contact.outOfHours = contact.outOfHours.slice(0, 200);
    }
    return out;
  }

  /** The link of each block: "[label](url)", "Label: url", or a bare address. */
  function links(texts: string[]): Link[] {
    const out: Link[] = [];
    for (const text of texts) {
      const marked = /\[([^\]]*)\]\(([^)\s]+)\)/.exec(text);
      if (marked) {
        const before = plain(text.slice(0, marked.index)).replace(/[:\s–-]+$/, '');
        const label = marked[1]!.trim() === marked[2] ? before : plain(marked[1]!);
        out.push({ id: options.makeId(), label: (label || before).slice(0, 300), url: marked[2]! });
        continue;
      }
      const bare = /(https?:\/\/\S+?)[.,;)]?$/.exec(plain(text)) ?? /(https?:\/\/\S+)/.exec(plain(text));
      if (!bare) continue;
      const label = plain(text)
        .slice(0, plain(text).indexOf(bare[1]!))
        .replace(/[:\s–-]+$/, '');
      out.push({ id: options.makeId(), label: label.slice(0, 300), url: bare[1]! });
    }
    return out;
  }

  function lineValue(path: FieldPath, text: string): string {
    if (path === 'header.reference') return readReferenceLine(text) ?? text;
    if (path === 'header.organisation') return readIssuerLine(text) ?? text;
    // "– ENDS –", "-ends-", "###": the mark itself; the renderer prints it in the house's place.
    if (path === 'endMark') return text.replace(/^[-–—*#\s]+|[-–—*#\s.]+$/g, '') || text;
    return text;
  }

  /** Consecutive list items become one paragraph with "- " or "1. " lines, which the renderer prints as a list. */
  function joinLists(blocks: PlacedBlock[]): Array<{ block: PlacedBlock; text: string }> {
    const out: Array<{ block: PlacedBlock; text: string }> = [];
    let counter = 0;
    blocks.forEach((block, index) => {
      const previous = blocks[index - 1];
      if (block.kind !== 'list-item') {
        out.push({ block, text: block.kind === 'heading' ? boldHeading(block.text) : block.text });
        return;
      }
      const continues =
        previous?.kind === 'list-item' &&
        placement.blocks.indexOf(previous) === placement.blocks.indexOf(block) - 1;
      counter = continues ? counter + 1 : 1;
      const line = `${block.ordered ? `${counter}.` : '-'} ${block.text}`;
      if (continues && out.length > 0) out[out.length - 1]!.text += `\n${line}`;
      else out.push({ block, text: line });
    });
    return out;
  }
}

const EMAIL_PIECE = /(?:mailto:)?[^\s@<>()[\]:]+@[^\s@<>()[\]]+\.[a-z]{2,}/i;
const PHONE_PIECE =
  /^(?:(?:tel(?:ephone)?|phone|mobile|mob|t|m|direct(?:\s+line)?|office|press\s+office)\.?\s*[:\s-]\s*)?(\+?[\d(][\d\s()-]{5,}\d(?:\s*(?:ext\.?|extension)\s*\d+)?)$/i;

/** A contact line cut into pieces: "Jane Smith, Press Officer, 01234 567890, jane@x.org" or "Tel: … | Email: …". */
function contactPieces(line: string): string[] {
  return line
    .split(/\s*(?:\||;|\t|\s–\s|\s-\s)\s*/)
    .flatMap((part) =>
      EMAIL_PIECE.test(part) || /\d{5,}|\d{3,}\s\d{3,}/.test(part) ? part.split(/\s*,\s*/) : [part],
    )
    .flatMap((part) => {
      // "Email: x@y.org" and "Tel: 01234 567890" keep only what follows the label.
      const labelled = /^(?:e-?mail|e)\s*[:.-]\s*(.+)$/i.exec(part);
      return labelled ? [labelled[1]!] : [part];
    })
    .map((part) => part.trim())
    .filter(Boolean);
}

function firstReading(texts: string[], read: (text: string) => DateReading | null): DateReading | null {
  for (const text of texts) {
    const reading = read(plain(text));
    if (reading) return reading;
  }
  return null;
}

/** A standfirst or about paragraph typed all in bold: the release prints the standfirst in its own style. */
function unwrapBold(text: string): string {
  const bold = /^\s*\*\*([\s\S]+)\*\*\s*$/.exec(text);
  return bold && !bold[1]!.includes('**') ? bold[1]!.trim() : text.trim();
}

/** A subheading inside the story: the body has no headings, so it is kept as a bold line. */
function boldHeading(text: string): string {
  const inner = plain(text);
  return inner ? `**${inner}**` : '';
}
