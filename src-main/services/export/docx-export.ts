import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  Footer,
  Header,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
  type IParagraphOptions,
  type ParagraphChild,
} from 'docx';
import { parseFragment, type DefaultTreeAdapterTypes } from 'parse5';
import {
  isAllowedUrl,
  type OrganisationProfile,
  type ReleaseContent,
} from '../../../src-shared/release/schema';
import {
  assertNever,
  fieldValue,
  SECTION_LABELS,
  type FieldSpec,
  type SectionId,
} from '../../../src-shared/release/structure';
import { resolveLocale } from '../../../src-shared/render/format-date';
import { renderParagraphBlock } from '../../../src-shared/render/inline-markup';
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
} from '../../../src-shared/render/release-layout';
import {
  changeNoteLines,
  DRAFT_MARK,
  ON_PUBLICATION,
  UNTITLED_HEADLINE,
  type PageSize,
} from '../../../src-shared/render/render-release';
import { clean, isolate } from '../../../src-shared/render/text-wrap';
import { list, record, str } from '../../../src-shared/release/loose-values';

/**
 * Release -> Word document (.docx, issue 16 item 2): the same walk of the structure table as the HTML page and the
 * plain text (`printedFields` through a `Layout`, placement then kind, with `assertNever` so a new kind does not
 * compile until it is printed here too). Inline markup (emphasis, links, lists) is the HTML renderer's own
 * (renderParagraphBlock), read back into Word runs, so the three formats cannot disagree on what a paragraph says.
 *
 * Every page carries, in its header, the draft mark of an unapproved release and the embargo line while the
 * embargo holds, and any extra lines the caller asks for (a per-recipient "copy for" line); the footer names the
 * organisation, the draft mark again, and "Page 2 of 3", as the PDF's does. "Latest news" is a newsroom page's
 * list and is not part of a Word document.
 */

export interface DocxRenderOptions {
  /** Unapproved: "DRAFT — NOT APPROVED" in the header and footer of every page and above the headline. */
  draftMark: boolean;
  /** Decides whether the embargo line still shows. */
  now: Date;
  profile: OrganisationProfile;
  pageSize?: PageSize;
  /** More lines for the header of every page, under the draft mark and embargo line ("Copy for …"). */
  headerLines?: readonly string[];
  /** Custom document properties (File > Properties in Word), e.g. a copy's fingerprint. */
  customProperties?: Readonly<Record<string, string>>;
}

const FONT = 'Arial';
const DRAFT_COLOUR = 'B10E1E';
/** Twentieths of a point: A4 and US Letter. */
const PAGE_SIZES: Readonly<Record<PageSize, { width: number; height: number }>> = {
  A4: { width: 11906, height: 16838 },
  Letter: { width: 12240, height: 15840 },
};
/** About 18 and 20 mm, as the PDF's margins. */
const MARGIN = { top: 1134, right: 1020, bottom: 1247, left: 1020, header: 567, footer: 567 };

const NOTES = 'notes';
const BULLETS = 'bullets';

/**
 * Characters Word's XML cannot hold (XML 1.0): what clean() leaves of control characters, lone surrogates and the
 * two non-characters. A document carrying one does not open at all, so they go.
 */
function xmlSafe(text: string): string {
  return (
    clean(text)
      // eslint-disable-next-line no-control-regex -- removing what XML forbids is the point
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
  );
}

/** What every part of the walk needs to know. */
interface Context {
  release: ReleaseContent;
  options: DocxRenderOptions;
  locale: string;
  issuer: string;
  /** Each numbered list (notes, a writer's "1." list) restarts at its own instance. */
  nextList: () => number;
}

type Blocks = Paragraph[];

const value = (ctx: Context, spec: FieldSpec) => fieldValue(ctx.release, spec.path);
const text = (ctx: Context, spec: FieldSpec) => xmlSafe(str(value(ctx, spec)).trim());

const run = (content: string, style: { bold?: boolean; italics?: boolean; color?: string } = {}) =>
  new TextRun({ text: content, ...style });

function para(children: ParagraphChild[], options: Omit<IParagraphOptions, 'children'> = {}): Paragraph {
  return new Paragraph({ ...options, children });
}

/** A sentence we compose around what the writer typed: their pieces isolated, so ours keep their order. */
function segments(parts: readonly Segment[]): string {
  return parts.map((part) => (part.writer ? isolate(xmlSafe(part.text)) : part.text)).join('');
}

// --- inline markup: the HTML renderer's output read back as runs ------------------------------------------------

type HtmlNode = DefaultTreeAdapterTypes.ChildNode;
type HtmlElement = DefaultTreeAdapterTypes.Element;
const isElement = (node: HtmlNode): node is HtmlElement => 'tagName' in node;

interface RunStyle {
  bold?: boolean;
  italics?: boolean;
}

function inlineRuns(nodes: readonly HtmlNode[], style: RunStyle = {}): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const node of nodes) {
    if (node.nodeName === '#text') {
      const content = xmlSafe((node as DefaultTreeAdapterTypes.TextNode).value);
      if (content) out.push(new TextRun({ text: content, ...style }));
      continue;
    }
    if (!isElement(node)) continue;
    switch (node.tagName) {
      case 'em':
      case 'i':
        out.push(...inlineRuns(node.childNodes, { ...style, italics: true }));
        break;
      case 'strong':
      case 'b':
        out.push(...inlineRuns(node.childNodes, { ...style, bold: true }));
        break;
      case 'br':
        out.push(new TextRun({ text: '', break: 1 }));
        break;
      case 'a': {
        const href = node.attrs.find((attribute) => attribute.name === 'href')?.value ?? '';
        const label = inlineRuns(node.childNodes, style);
        // The HTML renderer writes an href only for an allowed address; checked again, as Word follows it.
        if (href && isAllowedUrl(href)) {
          const words = label.length > 0 ? textOfNodes(node.childNodes) : href;
          out.push(
            new ExternalHyperlink({
              link: href,
              children: [new TextRun({ text: xmlSafe(words), style: 'Hyperlink', ...style })],
            }),
          );
        } else out.push(...label);
        break;
      }
      default:
        out.push(...inlineRuns(node.childNodes, style));
    }
  }
  return out;
}

function textOfNodes(nodes: readonly HtmlNode[]): string {
  return nodes
    .map((node) =>
      node.nodeName === '#text'
        ? (node as DefaultTreeAdapterTypes.TextNode).value
        : isElement(node)
          ? textOfNodes(node.childNodes)
          : '',
    )
    .join('');
}

/**
 * A paragraph field (inline markup, "- " and "1. " lists, blank lines between paragraphs) as Word paragraphs.
 * `base` styles each of them (a quotation's indent).
 */
function paragraphBlock(
  source: string,
  base: Omit<IParagraphOptions, 'children'> = {},
  style: RunStyle = {},
): Blocks {
  const fragment = parseFragment(renderParagraphBlock(str(source)));
  const out: Blocks = [];
  for (const node of fragment.childNodes) {
    if (!isElement(node)) continue;
    if (node.tagName === 'p') {
      out.push(para(inlineRuns(node.childNodes, style), base));
    } else if (node.tagName === 'ul') {
      for (const item of node.childNodes.filter(isElement)) {
        out.push(
          para(inlineRuns(item.childNodes, style), { ...base, numbering: { reference: BULLETS, level: 0 } }),
        );
      }
    } else if (node.tagName === 'ol') {
      // The writer's own numbers (a list may start at 5): printed as typed, with a hanging indent.
      const start = Number(node.attrs.find((attribute) => attribute.name === 'start')?.value ?? '1') || 1;
      node.childNodes.filter(isElement).forEach((item, index) => {
        out.push(
          para(
            [new TextRun({ text: `${start + index}.\t`, ...style }), ...inlineRuns(item.childNodes, style)],
            {
              ...base,
              indent: { left: 720, hanging: 360 },
            },
          ),
        );
      });
    }
  }
  return out;
}

// --- the walk ---------------------------------------------------------------------------------------------------

/** Where one field of the table goes in the document. */
function place(layout: Layout<Blocks>, spec: FieldSpec, ctx: Context): void {
  const placement = spec.render.placement;
  switch (placement) {
    case 'issuer':
    case 'meta':
    case 'reference':
      return layout.join('masthead', spec, (specs) => masthead(specs, ctx));
    case 'timing':
      return layout.add(timing(spec, ctx));
    case 'headline': {
      // The draft mark right above the headline too, where no reader can miss it.
      if (ctx.options.draftMark) layout.add([para([run(DRAFT_MARK, { bold: true, color: DRAFT_COLOUR })])]);
      return layout.add([
        para([run(text(ctx, spec) || UNTITLED_HEADLINE)], { heading: HeadingLevel.HEADING_1 }),
      ]);
    }
    case 'standfirst':
      return layout.add(paragraphBlock(str(value(ctx, spec)).trim(), {}, { bold: true }));
    case 'key-details':
      return layout.add(keyDetails(spec, ctx));
    case 'body':
      return layout.join('body', spec, (specs) => body(specs, ctx));
    case 'section':
      return layout.join(`section ${spec.section}`, spec, (specs) => section(spec.section, specs, ctx));
    case 'end-mark': {
      const endMark = text(ctx, spec);
      return layout.add(
        endMark ? [para([run(endMark, { bold: true })], { alignment: AlignmentType.CENTER })] : [],
      );
    }
    case 'internal':
      // Never printed (printedFields leaves these out as well).
      return;
    default:
      return assertNever(placement);
  }
}

function masthead(specs: readonly FieldSpec[], ctx: Context): Blocks {
  const of = (placement: string) => specs.filter((spec) => spec.render.placement === placement);
  const out: Blocks = [];
  for (const spec of of('issuer')) {
    const issuer = spec.path === 'header.organisation' ? ctx.issuer : text(ctx, spec);
    if (issuer) out.push(para([run(issuer, { bold: true })]));
  }
  const meta = metaLineText(metaLineItems(specs, ctx.locale, (spec) => text(ctx, spec)));
  if (meta) out.push(para([run(meta)]));
  for (const spec of of('reference')) {
    const reference = text(ctx, spec);
    if (reference) out.push(para([run(`${spec.label}: ${isolate(reference)}`)]));
  }
  return out;
}

/** "FOR IMMEDIATE RELEASE", or the embargo line while the embargo holds. */
function timing(spec: FieldSpec, ctx: Context): Blocks {
  const timing = timingWords(
    value(ctx, spec) as ReleaseContent['header']['embargo'] | undefined,
    ctx.options.now,
    ctx.locale,
  );
  return timing ? [para([run(timing.text, { bold: true })])] : [];
}

function keyDetails(spec: FieldSpec, ctx: Context): Blocks {
  return list(value(ctx, spec)).flatMap((detail) => {
    const item = record(detail);
    const detailText = str(item.text).trim();
    if (!detailText) return [];
    const label = xmlSafe(str(item.label).trim());
    const [first, ...rest] = paragraphBlock(detailText);
    if (!first || !label) return first ? [first, ...rest] : [];
    // The label leads the first paragraph, as the page's definition list and the text's "Label: text" do.
    const fragment = parseFragment(renderParagraphBlock(detailText));
    const firstNode = fragment.childNodes.find(isElement);
    const runs = firstNode?.tagName === 'p' ? inlineRuns(firstNode.childNodes) : [];
    return firstNode?.tagName === 'p'
      ? [para([run(`${label}: `, { bold: true }), ...runs]), ...rest]
      : [para([run(label, { bold: true })]), first, ...rest];
  });
}

/** Body paragraphs, each quote after the paragraph it names (bodyFlow), then any other kind. */
function body(specs: readonly FieldSpec[], ctx: Context): Blocks {
  const paragraphs = specs.find((spec) => spec.kind === 'paragraphs');
  const quotes = specs.find((spec) => spec.kind === 'quotes');
  const paragraphValues = paragraphs ? list(value(ctx, paragraphs)) : [];
  const quoteValues = quotes ? list(value(ctx, quotes)) : [];
  const out = bodyFlow(paragraphValues, quoteValues).flatMap((item) =>
    item.kind === 'paragraph'
      ? paragraphBlock(str(record(paragraphValues[item.index]).text))
      : quote(quoteValues[item.index], ctx),
  );
  for (const spec of specs) if (spec !== paragraphs && spec !== quotes) out.push(...content(spec, ctx));
  return out;
}

/** "Role Name said:" (the words of every format: quoteWords), then the quotation, indented. */
function quote(value: unknown, ctx: Context): Blocks {
  const words = quoteWords(record(value), ctx.issuer);
  if (!words) return [];
  const out: Blocks = [];
  const said = segments(words.attribution);
  if (said) out.push(para([run(said)], { keepNext: true }));
  const indent = { left: 567 };
  for (const paragraph of words.paragraphs) out.push(...paragraphBlock(paragraph, { indent }));
  if (quoteCreditOf(ctx.options.profile) && words.credit.length > 0) {
    const credit = words.credit.map((part) => isolate(xmlSafe(part))).join(', ');
    out.push(para([run(`— ${credit}`, { italics: true })], { indent }));
  }
  return out;
}

/** A section of its own: the heading from the table, then its fields; nothing when all are empty. */
function section(sectionId: SectionId, specs: readonly FieldSpec[], ctx: Context): Blocks {
  const inside = specs.flatMap((spec) => content(spec, ctx));
  if (inside.length === 0) return [];
  const first = specs[0]!;
  const title = first.render.heading ?? SECTION_LABELS[sectionId];
  const named = first.render.namesIssuer ? `${title} ${ctx.issuer ? isolate(ctx.issuer) : 'us'}` : title;
  return [para([run(named)], { heading: HeadingLevel.HEADING_2, keepNext: true }), ...inside];
}

/** A field's value as the document prints it, by kind. */
function content(spec: FieldSpec, ctx: Context): Blocks {
  const kind = spec.kind;
  switch (kind) {
    case 'line':
      return text(ctx, spec) ? [para([run(text(ctx, spec))])] : [];
    case 'prose':
      return paragraphBlock(str(value(ctx, spec)));
    case 'paragraphs':
      return list(value(ctx, spec)).flatMap((p) => paragraphBlock(str(record(p).text)));
    case 'notes': {
      // Numbered by Word ("1.", "2." …), restarting for this list.
      const instance = ctx.nextList();
      return list(value(ctx, spec))
        .map((note) => str(record(note).text).trim())
        .filter(Boolean)
        .flatMap((note) => {
          const [first, ...rest] = paragraphBlock(note);
          if (!first) return [];
          return [
            para(inlineRunsOfFirstParagraph(note), { numbering: { reference: NOTES, level: 0, instance } }),
            ...rest,
          ];
        });
    }
    case 'list':
      return list(value(ctx, spec))
        .map((item) => xmlSafe(str(item).trim()))
        .filter(Boolean)
        .map((item) => para([run(item)], { numbering: { reference: BULLETS, level: 0 } }));
    case 'key-details':
      return keyDetails(spec, ctx);
    case 'quotes':
      return list(value(ctx, spec)).flatMap((each) => quote(each, ctx));
    case 'contacts':
      return list(value(ctx, spec)).flatMap((contact) => contactBlocks(record(contact)));
    case 'url': {
      const url = text(ctx, spec);
      return url ? [para([run('Original article: '), linkOrText('', url)])] : [];
    }
    case 'links':
      return list(value(ctx, spec)).flatMap((link) => {
        const label = xmlSafe(str(record(link).label).trim());
        const url = xmlSafe(str(record(link).url).trim());
        if (!label && !url) return [];
        return [
          para([url ? linkOrText(label, url) : run(label)], { numbering: { reference: BULLETS, level: 0 } }),
        ];
      });
    case 'choice':
      return releaseTypeLabel(text(ctx, spec)) ? [para([run(releaseTypeLabel(text(ctx, spec)))])] : [];
    case 'date-time':
    case 'time-zone':
      // Dates print in the masthead's meta line, with their zone.
      return [];
    case 'embargo':
      return timing(spec, ctx);
    case 'change-notes':
      // Dated as the page dates them (changeNoteLines); one not yet published says so.
      return changeNoteLines(
        list(value(ctx, spec)),
        str(record(ctx.release.header).timeZone) || 'Europe/London',
        ctx.locale,
      ).map((note) =>
        para([run(`${note.when?.text ?? ON_PUBLICATION} `, { bold: true }), run(xmlSafe(note.text))], {
          numbering: { reference: BULLETS, level: 0 },
        }),
      );
    case 'protected-people':
      // Never printed, whatever the table says of it.
      return [];
    default:
      return assertNever(kind);
  }
}

/** The runs of a note's first paragraph (a note is one numbered item; later paragraphs follow unnumbered). */
function inlineRunsOfFirstParagraph(source: string): ParagraphChild[] {
  const first = parseFragment(renderParagraphBlock(source)).childNodes.find(isElement);
  if (!first) return [];
  if (first.tagName === 'p') return inlineRuns(first.childNodes);
  const item = first.childNodes.find(isElement);
  return item ? inlineRuns(item.childNodes) : [];
}

function contactBlocks(contact: Record<string, unknown>): Blocks {
  const field = (name: string) => xmlSafe(str(contact[name]).trim());
  const name = field('name');
  const role = field('role');
  const phone = field('phone');
  const email = field('email');
  const outOfHours = field('outOfHours');
  const lines: Paragraph[] = [];
  if (name) lines.push(para([run(name, { bold: true })], { keepNext: true }));
  if (role) lines.push(para([run(role)], { keepNext: true }));
  if (phone) lines.push(para([run(`Phone: ${phone}`)], { keepNext: true }));
  if (email) {
    const mailto = `mailto:${email}`;
    lines.push(
      para([
        run('Email: '),
        isAllowedUrl(mailto)
          ? new ExternalHyperlink({
              link: mailto,
              children: [new TextRun({ text: email, style: 'Hyperlink' })],
            })
          : run(email),
      ]),
    );
  }
  if (outOfHours) lines.push(para([run(outOfHours)]));
  return lines;
}

/** A link when the address is allowed; otherwise the label and the address as text, so nothing is lost. */
function linkOrText(label: string, url: string): ParagraphChild {
  const href = url.trim();
  if (isAllowedUrl(href)) {
    return new ExternalHyperlink({
      link: href,
      children: [new TextRun({ text: label || href, style: 'Hyperlink' })],
    });
  }
  return run(!label || label === url ? url : `${label} (${url})`);
}

// --- the document -----------------------------------------------------------------------------------------------

/** The embargo line while the embargo holds at `now`, else null: the header of every page carries it. */
export function docxEmbargoLine(
  release: ReleaseContent,
  options: Pick<DocxRenderOptions, 'now' | 'profile'>,
) {
  const timing = timingWords(
    release?.header?.embargo,
    options.now,
    resolveLocale(str(options.profile?.locale)),
  );
  // Only the embargo: "FOR IMMEDIATE RELEASE" is said once, at the top of the release, not on every page.
  return timing?.kind === 'embargo' ? timing.text : null;
}

/** The release as a Word document's bytes. */
export async function renderReleaseDocx(
  release: ReleaseContent,
  options: DocxRenderOptions,
): Promise<Uint8Array> {
  let lists = 0;
  const ctx: Context = {
    release: release ?? ({} as ReleaseContent),
    options,
    locale: resolveLocale(str(options.profile?.locale)),
    issuer: xmlSafe(issuerOf(release ?? {}, options.profile)),
    nextList: () => ++lists,
  };
  const layout = new Layout<Blocks>();
  for (const spec of printedFields(endMarkPlacementOf(options.profile))) place(layout, spec, ctx);
  const children = layout.render().flat();

  const embargoLine = docxEmbargoLine(ctx.release, options);
  const headerParagraphs = [
    ...(options.draftMark ? [para([run(DRAFT_MARK, { bold: true, color: DRAFT_COLOUR })])] : []),
    ...(embargoLine ? [para([run(embargoLine, { bold: true })])] : []),
    ...(options.headerLines ?? [])
      .map((line) => xmlSafe(line).trim())
      .filter(Boolean)
      .map((line) => para([run(line)])),
  ];
  const footer = para(
    [
      ...(ctx.issuer ? [run(`${ctx.issuer}   `)] : []),
      ...(options.draftMark ? [run(`${DRAFT_MARK}   `, { bold: true, color: DRAFT_COLOUR })] : []),
      new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES] }),
    ],
    { alignment: AlignmentType.CENTER },
  );

  const headline = xmlSafe(str(release?.headline).trim()) || UNTITLED_HEADLINE;
  const document = new Document({
    title: options.draftMark ? `${DRAFT_MARK}: ${headline}` : headline,
    creator: ctx.issuer || 'Pressroom',
    lastModifiedBy: ctx.issuer || 'Pressroom',
    description: '',
    ...(options.customProperties
      ? {
          customProperties: Object.entries(options.customProperties).map(([name, propertyValue]) => ({
            name: xmlSafe(name),
            value: xmlSafe(propertyValue),
          })),
        }
      : {}),
    styles: {
      default: {
        document: { run: { font: FONT, size: 22 }, paragraph: { spacing: { after: 160, line: 276 } } },
        heading1: {
          run: { font: FONT, size: 36, bold: true, color: '1B1B1B' },
          paragraph: { spacing: { before: 240, after: 200 } },
        },
        heading2: {
          run: { font: FONT, size: 26, bold: true, color: '1B1B1B' },
          paragraph: { spacing: { before: 280, after: 120 } },
        },
      },
    },
    numbering: {
      config: [
        {
          reference: NOTES,
          levels: [
            {
              level: 0,
              format: LevelFormat.DECIMAL,
              text: '%1.',
              alignment: AlignmentType.START,
              style: { paragraph: { indent: { left: 720, hanging: 360 } } },
            },
          ],
        },
        {
          reference: BULLETS,
          levels: [
            {
              level: 0,
              format: LevelFormat.BULLET,
              text: '•',
              alignment: AlignmentType.START,
              style: { paragraph: { indent: { left: 720, hanging: 360 } } },
            },
          ],
        },
      ],
    },
    sections: [
      {
        properties: { page: { size: PAGE_SIZES[options.pageSize ?? 'A4'], margin: MARGIN } },
        headers: {
          default: new Header({ children: headerParagraphs.length > 0 ? headerParagraphs : [para([])] }),
        },
        footers: { default: new Footer({ children: [footer] }) },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
