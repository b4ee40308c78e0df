import { isAllowedUrl, type ReleaseContent } from '../release/schema';
import {
  assertNever,
  fieldValue,
  SECTION_LABELS,
  type FieldSpec,
  type SectionId,
} from '../release/structure';
import { balanceBidi } from './bidi';
import { resolveLocale } from './format-date';
import { inlineToPlainTextWithReferences } from './inline-markup';
import {
  bodyFlow,
  endMarkPlacementOf,
  issuerOf,
  Layout,
  metaLineItems,
  metaLineText,
  printedFields,
  quoteCreditOf,
  quoteWords,
  releaseTypeLabel,
  timingWords,
  type Segment,
} from './release-layout';
import {
  changeNoteLines,
  DRAFT_MARK,
  ON_PUBLICATION,
  UNTITLED_HEADLINE,
  withdrawnNotice,
  type RenderOptions,
} from './render-release';
import { append, clean, heading, isolate, References, wrap, wrapBlock } from './text-wrap';
import { str, list, record } from '../release/loose-values';

/**
 * Release -> plain text, for pasting into an email: the same walk of the structure table as the HTML page
 * (render-release.ts; `printedFields`, placement then kind), wrapped at 72 columns so that no mail client
 * re-wraps it into ragged lines. Two differences of the medium: the timing line (and a draft's mark) opens the
 * text, as an inbox shows the first line; and links cannot be clicked, while a long address in mid-sentence
 * wrecks the wrapping, so each link's text is followed by a number ("the appeal page [1]") and the addresses are
 * listed, numbered, under "Links".
 *
 * Like the HTML renderer, this accepts half-filled input without throwing.
 */

export type TextRenderOptions = Pick<RenderOptions, 'draftMark' | 'now' | 'profile' | 'withdrawn'> & {
  /** Columns to wrap at; 72 leaves room for the "> " of a reply. */
  width?: number;
};

export const TEXT_WIDTH = 72;

/** What every part of the walk needs to know. */
interface Context {
  release: ReleaseContent;
  options: TextRenderOptions;
  width: number;
  locale: string;
  issuer: string;
  references: References;
  /** Inline markup to plain text, each allowed link's label followed by its number ("the appeal [1]"). */
  plain: (text: string) => string;
}

const value = (ctx: Context, spec: FieldSpec) => fieldValue(ctx.release, spec.path);
const text = (ctx: Context, spec: FieldSpec) => clean(str(value(ctx, spec)).trim());

/** A sentence we compose around what the writer typed: their pieces isolated, so ours keep their order. */
function segments(parts: readonly Segment[]): string {
  return parts.map((part) => (part.writer ? isolate(clean(part.text)) : part.text)).join('');
}

/** Blocks of lines, each block separated from the next by a blank line. */
type Blocks = string[][];
/** The blocks that have lines. An array, never spread arguments: a field may make 100,000 of them. */
const blocks = (lines: readonly string[][]): Blocks => lines.filter((block) => block.length > 0);

// --- the walk ---------------------------------------------------------------------------------------------------

/** Where one field of the table goes in the text. `top` is what an inbox shows first: the timing line. */
function place(layout: Layout<Blocks>, top: Blocks, spec: FieldSpec, ctx: Context): void {
  const placement = spec.render.placement;
  switch (placement) {
    case 'issuer':
    case 'meta':
    case 'reference':
      return layout.join('masthead', spec, (specs) => blocks([mastheadLines(specs, ctx)]));
    case 'timing':
      append(top, blocks([contentLines(spec, ctx)]));
      return;
    case 'headline': {
      const notice = withdrawnNotice(
        ctx.options.withdrawn,
        str(record(ctx.release.header).timeZone) || 'Europe/London',
        ctx.locale,
      );
      if (notice) {
        const line = `${notice.heading.toUpperCase()}${notice.dateText ? ` ON ${notice.dateText.toUpperCase()}` : ''}`;
        layout.add(blocks([wrap(line, ctx.width), wrapBlock(clean(notice.explanation), ctx.width)]));
      }
      return layout.add([heading(text(ctx, spec) || UNTITLED_HEADLINE, '=', ctx.width)]);
    }
    case 'standfirst':
      return layout.add(blocks([wrapBlock(ctx.plain(str(value(ctx, spec))).trim(), ctx.width)]));
    case 'key-details':
      return layout.add(keyDetailBlocks(spec, ctx));
    case 'body':
      return layout.join('body', spec, (specs) => bodyBlocks(specs, ctx));
    case 'section':
      return layout.join(`section ${spec.section}`, spec, (specs) => sectionBlocks(spec.section, specs, ctx));
    case 'end-mark':
      return layout.add(blocks([wrap(text(ctx, spec), ctx.width).filter(Boolean)]));
    case 'internal':
      // Never printed (printedFields leaves these out as well).
      return;
    default:
      return assertNever(placement);
  }
}

/** The issuer, "Type · date" and the reference, one block. */
function mastheadLines(specs: readonly FieldSpec[], ctx: Context): string[] {
  const of = (placement: string) => specs.filter((spec) => spec.render.placement === placement);
  const lines: string[] = [];
  for (const spec of of('issuer')) {
    const issuer = spec.path === 'header.organisation' ? ctx.issuer : text(ctx, spec);
    if (issuer) append(lines, wrap(issuer, ctx.width));
  }
  const meta = metaLineText(metaLineItems(specs, ctx.locale, (spec) => text(ctx, spec)));
  if (meta) append(lines, wrap(meta, ctx.width));
  for (const spec of of('reference')) {
    const reference = text(ctx, spec);
    if (reference) append(lines, wrap(`${spec.label}: ${isolate(reference)}`, ctx.width));
  }
  return lines;
}

function keyDetailBlocks(spec: FieldSpec, ctx: Context): Blocks {
  return blocks(
    list(value(ctx, spec)).map((detail) => {
      const item = record(detail);
      const detailText = ctx.plain(str(item.text)).trim();
      if (!detailText) return [];
      const label = clean(str(item.label).trim());
      return wrapBlock(label ? `${label}: ${detailText}` : detailText, ctx.width);
    }),
  );
}

/** Body paragraphs, each quote after the paragraph it names: the placement of the HTML page (bodyFlow). */
function bodyBlocks(specs: readonly FieldSpec[], ctx: Context): Blocks {
  const paragraphs = specs.find((spec) => spec.kind === 'paragraphs');
  const quotes = specs.find((spec) => spec.kind === 'quotes');
  const paragraphValues = paragraphs ? list(value(ctx, paragraphs)) : [];
  const quoteValues = quotes ? list(value(ctx, quotes)) : [];
  const out = blocks(
    bodyFlow(paragraphValues, quoteValues).map((item) =>
      item.kind === 'paragraph'
        ? wrapBlock(ctx.plain(str(record(paragraphValues[item.index]).text)), ctx.width)
        : quoteLines(quoteValues[item.index], ctx),
    ),
  );
  for (const spec of specs) {
    if (spec !== paragraphs && spec !== quotes) append(out, blocks([contentLines(spec, ctx)]));
  }
  return out;
}

/**
 * "Role Name said:" (with the quote's organisation where the HTML page prints it: the same words, quoteWords),
 * then the quotation, each paragraph opened with a quotation mark and only the last closed.
 */
function quoteLines(quote: unknown, ctx: Context): string[] {
  const words = quoteWords(record(quote), ctx.issuer);
  if (!words) return [];
  const out: string[] = [];
  const said = segments(words.attribution);
  if (said) append(out, wrap(said, ctx.width));
  for (const paragraph of words.paragraphs) {
    if (out.length > 0) out.push('');
    append(out, wrapBlock(ctx.plain(paragraph).trim(), ctx.width));
  }
  if (quoteCreditOf(ctx.options.profile) && words.credit.length > 0) {
    out.push('');
    append(out, wrap(`— ${words.credit.map((part) => isolate(clean(part))).join(', ')}`, ctx.width));
  }
  return out;
}

/** A section of its own: the heading from the table, underlined, then its fields; nothing when all are empty. */
function sectionBlocks(section: SectionId, specs: readonly FieldSpec[], ctx: Context): Blocks {
  const lines: string[] = [];
  for (const spec of specs) {
    const more = contentLines(spec, ctx);
    if (more.length === 0) continue;
    if (lines.length > 0) lines.push('');
    append(lines, more);
  }
  let listed: string[] = [];
  if (specs.some((spec) => spec.kind === 'url' || spec.kind === 'links')) {
    // The section of the links lists every address of the text, numbered as the text refers to them.
    listed = referenceLines(ctx);
    if (listed.length > 0 && lines.length > 0) listed.push('');
    ctx.references.listed = true;
  }
  if (lines.length === 0 && listed.length === 0) return [];
  const first = specs[0]!;
  const title = first.render.heading ?? SECTION_LABELS[section];
  const named = first.render.namesIssuer ? `${title} ${ctx.issuer ? isolate(ctx.issuer) : 'us'}` : title;
  const out = heading(named, '-', ctx.width);
  out.push('');
  return [append(append(out, listed), lines)];
}

/** A field's value as the text prints it, by kind. */
function contentLines(spec: FieldSpec, ctx: Context): string[] {
  const { width } = ctx;
  const kind = spec.kind;
  switch (kind) {
    case 'line':
      return text(ctx, spec) ? wrap(text(ctx, spec), width) : [];
    case 'prose':
      return wrapBlock(ctx.plain(str(value(ctx, spec))).trim(), width);
    case 'paragraphs':
      return joinBlocks(list(value(ctx, spec)).map((p) => wrapBlock(ctx.plain(str(record(p).text)), width)));
    case 'notes':
      return noteLines(
        list(value(ctx, spec))
          .map((note) => ctx.plain(str(record(note).text)).trim())
          .filter(Boolean),
        width,
      );
    case 'list':
      return list(value(ctx, spec))
        .map((item) => clean(str(item).trim()))
        .filter(Boolean)
        .flatMap((item) => wrap(item, width, '- ', '  '));
    case 'key-details':
      return joinBlocks(keyDetailBlocks(spec, ctx));
    case 'quotes':
      return joinBlocks(list(value(ctx, spec)).map((quote) => quoteLines(quote, ctx)));
    case 'contacts':
      return joinBlocks(list(value(ctx, spec)).map((contact) => contactLines(record(contact), width)));
    case 'url': {
      // An allowed address joins the numbered list; another is shown as typed, never as a reference.
      const url = text(ctx, spec);
      if (!url) return [];
      if (isAllowedUrl(url)) {
        ctx.references.number(url, 'Original article');
        return [];
      }
      return wrap(`Original article: ${url}`, width);
    }
    case 'links':
      return list(value(ctx, spec)).flatMap((link) => {
        const label = clean(str(record(link).label).trim());
        const url = clean(str(record(link).url).trim());
        if (!label && !url) return [];
        if (url && isAllowedUrl(url)) {
          ctx.references.number(url, label === url ? '' : label);
          return [];
        }
        return wrap(url ? `${label} (${url})` : label, width, '- ', '  ');
      });
    case 'choice':
      return releaseTypeLabel(text(ctx, spec)) ? [releaseTypeLabel(text(ctx, spec))] : [];
    case 'date-time':
    case 'time-zone':
      // Dates print in the masthead's meta line, with their zone.
      return [];
    case 'embargo': {
      const timing = timingWords(
        value(ctx, spec) as ReleaseContent['header']['embargo'] | undefined,
        ctx.options.now,
        ctx.locale,
      );
      if (!timing) return [];
      // The immediate line is one short line of ours: never wrapped.
      return timing.kind === 'immediate' ? [timing.text] : wrap(timing.text, width);
    }
    case 'protected-people':
      // Never printed, whatever the table says of it.
      return [];
    case 'change-notes':
      return changeNoteLines(
        list(value(ctx, spec)),
        str(record(ctx.release.header).timeZone) || 'Europe/London',
        ctx.locale,
      ).flatMap((note) =>
        wrap(`${note.when?.text ?? ON_PUBLICATION} ${clean(note.text)}`, ctx.width, '- ', '  '),
      );
    default:
      return assertNever(kind);
  }
}

/** Blocks run together with a blank line between them. */
function joinBlocks(parts: readonly string[][]): string[] {
  return parts.filter((part) => part.length > 0).flatMap((part, index) => (index > 0 ? ['', ...part] : part));
}

/** Numbered notes, each wrapped under its own text ("10. " as wide as the widest number). */
function noteLines(texts: readonly string[], width: number): string[] {
  const markerWidth = `${texts.length}. `.length;
  return joinBlocks(
    texts.map((noteText, index) => {
      const marker = `${index + 1}. `.padEnd(markerWidth);
      const [firstLine = '', ...more] = wrapBlock(noteText, width - markerWidth);
      return [
        `${marker}${firstLine}`.trimEnd(),
        ...more.map((line) => (line ? ' '.repeat(markerWidth) + line : '')),
      ];
    }),
  );
}

function contactLines(contact: Record<string, unknown>, width: number): string[] {
  const name = clean(str(contact.name).trim());
  const role = clean(str(contact.role).trim());
  const phone = clean(str(contact.phone).trim());
  const email = clean(str(contact.email).trim());
  const outOfHours = clean(str(contact.outOfHours).trim());
  return [
    ...(name ? wrap(name, width) : []),
    ...(role ? wrap(role, width) : []),
    ...(phone ? wrap(`Phone: ${phone}`, width) : []),
    ...(email ? wrap(`Email: ${email}`, width) : []),
    ...(outOfHours ? wrap(outOfHours, width) : []),
  ];
}

/** "[1] https://…", "[2] Original article: https://…": every address the text refers to, in order. */
function referenceLines(ctx: Context): string[] {
  return ctx.references.entries.flatMap((entry) => {
    const marker = `[${entry.number}] `;
    const line = entry.label ? `${entry.label}: ${entry.href}` : entry.href;
    return wrap(line, ctx.width, marker, ' '.repeat(marker.length));
  });
}

/** The release as plain text: lines of at most `width` columns (addresses excepted), ending with a newline. */
export function renderReleaseText(release: ReleaseContent, options: TextRenderOptions): string {
  const references = new References();
  const ctx: Context = {
    release: release ?? ({} as ReleaseContent),
    options,
    width: Math.max(20, options.width ?? TEXT_WIDTH),
    locale: resolveLocale(str(options.profile?.locale)),
    issuer: clean(issuerOf(release ?? {}, options.profile)),
    references,
    plain: (source: string) =>
      clean(inlineToPlainTextWithReferences(clean(source), (href) => ` [${references.number(href)}]`)),
  };
  const top: Blocks = options.draftMark ? [[DRAFT_MARK]] : [];
  const layout = new Layout<Blocks>();
  for (const spec of printedFields(endMarkPlacementOf(options.profile))) place(layout, top, spec, ctx);
  const rendered = append(top, layout.render().flat());
  // Addresses with no links section to list them (a table without one) still get their list.
  if (!references.listed && references.entries.length > 0) {
    const links = heading('Links', '-', ctx.width);
    links.push('');
    rendered.push(append(links, referenceLines(ctx)));
  }
  // Each field arrives balanced (clean), but wrapping can leave an isolate or override open at the end of a line:
  // closed there, line by line, as a reader of plain text ends the bidi paragraph at each line break anyway.
  return `${balanceBidi(rendered.map((lines) => lines.join('\n')).join('\n\n'))}\n`;
}
