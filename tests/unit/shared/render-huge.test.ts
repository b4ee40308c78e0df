import { parse, type DefaultTreeAdapterTypes } from 'parse5';
import { describe, expect, it } from 'vitest';
import { breakLongWords } from '../../../src-shared/render/break-long-words';
import {
  inlineToPlainText,
  MAX_BLOCK_LINES,
  MAX_INLINE_ELEMENTS,
  renderInline,
  renderParagraphBlock,
} from '../../../src-shared/render/inline-markup';

/**
 * Issue 13, item 4: huge input has a bounded cost. What the renderer emits for it is what keeps Chromium linear
 * (the timings themselves are rows of `npm run bench -- huge`): line-break offers inside a long word however its
 * markup splits it, and a bounded number of inline elements and lines per block.
 */

type Node = DefaultTreeAdapterTypes.Node;
type Element = DefaultTreeAdapterTypes.Element;

function body(html: string): Element {
  const doc = parse(`<!doctype html><html><body>${html}</body></html>`);
  const htmlEl = doc.childNodes.find((n) => n.nodeName === 'html') as Element;
  return htmlEl.childNodes.find((n) => n.nodeName === 'body') as Element;
}
function all(node: Node): Element[] {
  const out: Element[] = [];
  const walk = (n: Node) => {
    if ('tagName' in n) out.push(n);
    if ('childNodes' in n) n.childNodes.forEach(walk);
  };
  walk(node);
  return out;
}
function textOf(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterTypes.TextNode).value;
  return 'childNodes' in node ? node.childNodes.map(textOf).join('') : '';
}
/** The longest stretch of text with no space and no break offer, counted across inline tags. */
function longestUnbroken(html: string): number {
  const pieces = html
    .replace(/<wbr>|<br>|<\/?p[^>]*>/g, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&[a-z0-9#]+;/g, '&')
    .split(/\s+/);
  return Math.max(...pieces.map((piece) => piece.length));
}

describe('a long word split by inline markup (`*[*[*[…`)', () => {
  const hostile = '*['.repeat(20_000);
  const html = breakLongWords(`<p>${renderInline(hostile)}</p>`);

  it('is offered a line break at least every 64 characters, across the tags', () => {
    expect(longestUnbroken(html)).toBeLessThanOrEqual(64);
  });

  it(`makes at most ${MAX_INLINE_ELEMENTS} elements in its block and prints the rest of the markup as typed`, () => {
    const elements = all(body(html)).filter((el) => el.tagName === 'em' || el.tagName === 'strong');
    expect(elements.length).toBeGreaterThan(0);
    expect(elements.length).toBeLessThanOrEqual(MAX_INLINE_ELEMENTS);
    // Nothing is lost: the page reads what the plain text does, and that is every bracket and the rest of the stars.
    const shown = textOf(body(html));
    expect(shown).toBe(inlineToPlainText(hostile));
    expect(shown.replace(/\*/g, '')).toBe('['.repeat(20_000));
  });

  it('leaves an ordinary word alone, and cuts a plain long word as before', () => {
    expect(breakLongWords('<p>a <em>short</em>word</p>')).toBe('<p>a <em>short</em>word</p>');
    expect(breakLongWords(`<p>${'x'.repeat(64)}<em>${'y'.repeat(40)}</em></p>`)).toBe(
      `<p>${'x'.repeat(64)}<wbr><em>${'y'.repeat(40)}</em></p>`,
    );
    // A block tag ends the run: two 60-character words in two paragraphs are not one long word.
    expect(breakLongWords(`<p>${'x'.repeat(60)}</p><p>${'y'.repeat(60)}</p>`)).not.toContain('<wbr>');
  });
});

describe('bounded elements per block', () => {
  it('prints links past the limit as typed', () => {
    const text = '[a](https://example.org/) '.repeat(MAX_INLINE_ELEMENTS + 50);
    const tree = body(renderInline(text));
    expect(all(tree).filter((el) => el.tagName === 'a')).toHaveLength(MAX_INLINE_ELEMENTS);
    expect(textOf(tree)).toContain('[a](https://example.org/)');
  });

  it(`continues a paragraph of many lines in another <p> every ${MAX_BLOCK_LINES} lines, with its attributes`, () => {
    const lines = Array.from({ length: 2 * MAX_BLOCK_LINES + 1 }, (_, i) => `line ${i + 1}`);
    const tree = body(renderParagraphBlock(lines.join('\n'), { 'data-field': 'body.0' }));
    const paragraphs = all(tree).filter((el) => el.tagName === 'p');
    expect(paragraphs).toHaveLength(3);
    expect(
      paragraphs.every((p) => p.attrs.some((a) => a.name === 'data-field' && a.value === 'body.0')),
    ).toBe(true);
    expect(all(tree).filter((el) => el.tagName === 'br')).toHaveLength(lines.length - 3);
    expect(textOf(paragraphs[2]!)).toBe(`line ${lines.length}`);
  });

  it('continues a long numbered list in another, numbered on', () => {
    const items = Array.from({ length: 2 * MAX_BLOCK_LINES + 5 }, (_, i) => `${i + 1}. item`);
    const tree = body(renderParagraphBlock(items.join('\n')));
    const lists = all(tree).filter((el) => el.tagName === 'ol');
    expect(lists.map((ol) => ol.attrs.find((a) => a.name === 'start')?.value ?? '1')).toEqual([
      '1',
      String(MAX_BLOCK_LINES + 1),
      String(2 * MAX_BLOCK_LINES + 1),
    ]);
    expect(all(tree).filter((el) => el.tagName === 'li')).toHaveLength(items.length);
  });
});
