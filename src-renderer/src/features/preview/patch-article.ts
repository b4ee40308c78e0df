import type { ArticleParts } from '../../../../src-shared/render/render-release';

/**
 * What the preview frame's body was last brought to: the article in its parts (renderReleaseBodyParts), and the
 * nodes of the article each part became, by part; null when that is not known (the parts did not parse apart as
 * the whole did), and the next paint then patches the whole article.
 */
export interface PaintedArticle {
  doc: Document;
  article: ArticleParts;
  nodes: Node[][] | null;
}

/**
 * Brings the frame's `body` to the article `next`, touching only what changed. A part whose markup is the same as
 * at the last paint is neither parsed nor compared; a changed part is parsed on its own and its nodes patched like
 * the rest (morphChildren). A keystroke in the headline of a 600-word release then parses the headline, not the
 * whole page. When the article's own tag or its number of parts changed (a draft mark dropped, a "Latest news"
 * list arriving), or the body is not as this last left it, the whole article is patched, as it always was before.
 */
export function paintArticle(
  doc: Document,
  body: HTMLElement,
  next: ArticleParts,
  painted: PaintedArticle | null,
): PaintedArticle {
  const article = body.firstElementChild;
  const previous = painted?.doc === doc ? painted : null;
  if (
    !previous?.nodes ||
    !article ||
    previous.article.open !== next.open ||
    previous.article.close !== next.close ||
    previous.article.parts.length !== next.parts.length ||
    !stillAsPainted(body, article, previous.nodes)
  ) {
    patchChildren(doc, body, `${next.open}${next.parts.join('')}${next.close}`);
    return { doc, article: next, nodes: partNodes(doc, body, next) };
  }
  const nodes = previous.nodes.slice();
  for (let i = 0; i < next.parts.length; i++) {
    if (next.parts[i] === previous.article.parts[i]) continue;
    const old = nodes[i]!;
    const template = doc.createElement('template');
    template.innerHTML = next.parts[i]!;
    const fresh = Array.from(template.content.childNodes);
    if (old.length === fresh.length) {
      nodes[i] = fresh.map((node, j) => morphNode(old[j]!, node));
    } else {
      // The part's nodes came or went: its old nodes give way to the new, in the same place.
      const after = old.at(-1)?.nextSibling ?? firstNodeAfter(nodes, i) ?? null;
      for (const node of old) article.removeChild(node);
      for (const node of fresh) article.insertBefore(node, after);
      nodes[i] = fresh;
    }
  }
  return { doc, article: next, nodes };
}

/**
 * The body holds the article alone, and the article exactly the nodes the parts became, in order: nothing else
 * changed it since the last paint (else the whole article is patched, and the parts counted again).
 */
function stillAsPainted(body: HTMLElement, article: Element, nodes: Node[][]): boolean {
  if (body.childNodes.length !== 1) return false;
  let live = article.firstChild;
  for (const part of nodes) {
    for (const node of part) {
      if (node !== live) return false;
      live = live.nextSibling;
    }
  }
  return live === null;
}

/** The first node of the parts after `index`, if any has one: where a part with no nodes yet goes before. */
function firstNodeAfter(nodes: Node[][], index: number): Node | undefined {
  for (let i = index + 1; i < nodes.length; i++) if (nodes[i]!.length > 0) return nodes[i]![0];
  return undefined;
}

/**
 * The nodes of the article each part became, counted by parsing each part on its own; null when they do not add
 * up to the article's nodes (a part that the parser would join with its neighbour), so that no patch ever goes by
 * a count that is wrong.
 */
function partNodes(doc: Document, body: HTMLElement, next: ArticleParts): Node[][] | null {
  const article = body.firstElementChild;
  if (!article || body.childNodes.length !== 1) return null;
  const live = Array.from(article.childNodes);
  const template = doc.createElement('template');
  const nodes: Node[][] = [];
  let at = 0;
  for (const part of next.parts) {
    template.innerHTML = part;
    const count = template.content.childNodes.length;
    nodes.push(live.slice(at, at + count));
    at += count;
  }
  return at === live.length ? nodes : null;
}

/**
 * Brings `container` to the markup `html` while touching only what changed: the new markup is parsed into an
 * inert template, then compared node by node with the live page, descending into blocks of the same shape. A
 * keystroke in one paragraph of a 10,000-word release then re-lays-out that paragraph, not the whole page.
 */
export function patchChildren(doc: Document, container: Element, html: string): void {
  const template = doc.createElement('template');
  template.innerHTML = html;
  morphChildren(container, template.content);
}

function morphChildren(live: Element | DocumentFragment, next: Element | DocumentFragment): void {
  const liveNodes = Array.from(live.childNodes);
  const nextNodes = Array.from(next.childNodes);
  if (liveNodes.length !== nextNodes.length) {
    // A block added or removed: rebuilding this one level is simple and rare enough.
    (live as Element).replaceChildren(...nextNodes);
    return;
  }
  for (let i = 0; i < nextNodes.length; i++) morphNode(liveNodes[i]!, nextNodes[i]!);
}

/** Brings the live node `a` to `b`: kept as it is, patched within, or replaced by `b`. The node now in place. */
function morphNode(a: Node, b: Node): Node {
  if (a.isEqualNode(b)) return a;
  if (
    isElement(a) &&
    isElement(b) &&
    a.tagName === b.tagName &&
    sameAttributes(a, b) &&
    b.children.length > 0
  ) {
    morphChildren(a, b);
    return a;
  }
  a.parentNode!.replaceChild(b, a);
  return b;
}

/**
 * By node type, not `instanceof Element`: the frame's nodes are Elements of the frame's window, not of the editor's,
 * so `instanceof` was always false and every keystroke replaced the whole article (and re-laid-out the page).
 */
function isElement(node: Node): node is Element {
  return node.nodeType === Node.ELEMENT_NODE;
}

function sameAttributes(a: Element, b: Element): boolean {
  if (a.attributes.length !== b.attributes.length) return false;
  for (const attribute of Array.from(b.attributes)) {
    if (a.getAttribute(attribute.name) !== attribute.value) return false;
  }
  return true;
}
