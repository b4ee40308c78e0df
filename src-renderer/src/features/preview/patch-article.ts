import { partHtml, type ArticlePart, type ArticleParts } from '../../../../src-shared/render/render-release';

/**
 * What the preview frame's body was last brought to: the article in its parts (renderReleaseBodyParts), and the
 * nodes each part became; null when that is not known, and the next paint then patches the whole article.
 */
export interface PaintedArticle {
  doc: Document;
  painted: PaintedGroup | null;
}

/** An element drawn from parts: the parts, and by part the nodes it became. */
interface PaintedGroup {
  group: ArticleParts;
  parts: PaintedPart[];
}

interface PaintedPart {
  nodes: Node[];
  /** A part that is itself in parts (the body), drawn as one element: its own parts' nodes, where known. */
  inner: PaintedGroup | null;
}

/**
 * Brings the frame's `body` to the article `next`, touching only what changed. A part whose markup is the same as
 * at the last paint is neither parsed nor compared; a changed part is parsed on its own and its nodes patched like
 * the rest (morphNode), and within the body, only the paragraph or quote that changed. A keystroke in the headline
 * or in one paragraph of a 600-word release then parses that heading or paragraph, not the whole page. When an
 * element's own tag or its number of parts changed (a draft mark dropped, a paragraph added), that element is
 * patched whole; when the frame is not as the last paint left it, the whole article is, as it always was before.
 */
export function paintArticle(
  doc: Document,
  body: HTMLElement,
  next: ArticleParts,
  previous: PaintedArticle | null,
): PaintedArticle {
  const article = body.firstElementChild;
  if (previous?.doc === doc && previous.painted && article && body.childNodes.length === 1) {
    const painted = patchGroup(doc, article, previous.painted, next);
    if (painted) return { doc, painted };
  }
  patchChildren(doc, body, partHtml(next));
  const drawn = body.childNodes.length === 1 ? body.firstElementChild : null;
  return { doc, painted: drawn ? paintedFrom(doc, drawn, next) : null };
}

/**
 * Brings `container`, drawn from `previous`, to `next` part by part; null, having changed nothing, when the two
 * differ in their tags or number of parts, or the container is not as it was drawn.
 */
function patchGroup(
  doc: Document,
  container: Element,
  previous: PaintedGroup,
  next: ArticleParts,
): PaintedGroup | null {
  const before = previous.group;
  if (
    before.open !== next.open ||
    before.close !== next.close ||
    before.parts.length !== next.parts.length ||
    !stillAsPainted(container, previous.parts)
  ) {
    return null;
  }
  const parts = previous.parts.slice();
  for (let i = 0; i < next.parts.length; i++) {
    const part = next.parts[i]!;
    if (samePart(before.parts[i]!, part)) continue;
    const old = parts[i]!;
    const element = old.nodes.length === 1 ? old.nodes[0]! : null;
    if (typeof part !== 'string' && old.inner && element && isElement(element)) {
      const inner = patchGroup(doc, element, old.inner, part);
      if (inner) {
        parts[i] = { nodes: old.nodes, inner };
        continue;
      }
    }
    parts[i] = replacePart(doc, container, parts, i, part);
  }
  return { group: next, parts };
}

/** Part `index` of `container` brought to `part`: parsed alone, its nodes patched (or replaced, if more or fewer). */
function replacePart(
  doc: Document,
  container: Element,
  parts: PaintedPart[],
  index: number,
  part: ArticlePart,
): PaintedPart {
  const old = parts[index]!.nodes;
  const template = doc.createElement('template');
  template.innerHTML = partHtml(part);
  const fresh = Array.from(template.content.childNodes);
  let nodes: Node[];
  if (old.length === fresh.length) {
    nodes = fresh.map((node, j) => morphNode(old[j]!, node));
  } else {
    // The part's nodes came or went: its old nodes give way to the new, in the same place.
    const after = old.at(-1)?.nextSibling ?? firstNodeAfter(parts, index) ?? null;
    for (const node of old) container.removeChild(node);
    for (const node of fresh) container.insertBefore(node, after);
    nodes = fresh;
  }
  return { nodes, inner: innerOf(doc, nodes, part) };
}

/** A part in parts, drawn as one element: what its own parts became; null for plain markup. */
function innerOf(doc: Document, nodes: Node[], part: ArticlePart): PaintedGroup | null {
  if (typeof part === 'string' || nodes.length !== 1 || !isElement(nodes[0]!)) return null;
  return paintedFrom(doc, nodes[0], part);
}

/**
 * The nodes each part of `group` became in `container`, counted by parsing each part on its own; null when they
 * do not add up to the container's nodes (a part the parser would join with its neighbour), so that the next
 * paint patches the container whole rather than go by a wrong count.
 */
function paintedFrom(doc: Document, container: Element, group: ArticleParts): PaintedGroup | null {
  const live = Array.from(container.childNodes);
  const template = doc.createElement('template');
  const parts: PaintedPart[] = [];
  let at = 0;
  for (const part of group.parts) {
    template.innerHTML = partHtml(part);
    const nodes = live.slice(at, at + template.content.childNodes.length);
    at += nodes.length;
    parts.push({ nodes, inner: innerOf(doc, nodes, part) });
  }
  return at === live.length ? { group, parts } : null;
}

/** The same markup: the same text, or the same tags around the same parts. */
function samePart(a: ArticlePart, b: ArticlePart): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return (
    a.open === b.open &&
    a.close === b.close &&
    a.parts.length === b.parts.length &&
    a.parts.every((part, i) => samePart(part, b.parts[i]!))
  );
}

/**
 * The container holds exactly the nodes the parts became, in order: nothing else changed it since the last paint.
 */
function stillAsPainted(container: Element, parts: PaintedPart[]): boolean {
  let live = container.firstChild;
  for (const part of parts) {
    for (const node of part.nodes) {
      if (node !== live) return false;
      live = live.nextSibling;
    }
  }
  return live === null;
}

/** The first node of the parts after `index`, if any has one: where a part with no nodes yet goes before. */
function firstNodeAfter(parts: PaintedPart[], index: number): Node | undefined {
  for (let i = index + 1; i < parts.length; i++) if (parts[i]!.nodes.length > 0) return parts[i]!.nodes[0];
  return undefined;
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
