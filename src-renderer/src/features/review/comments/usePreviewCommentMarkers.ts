import { useCallback, useEffect, useRef, type RefObject } from 'react';
import type { ReleaseContent } from '../../../../../src-shared/release/schema';
import type { CommentAnchor, CommentThread } from '../../../../../src-shared/workflow/review-records';
import { placeAnchor } from './anchors';
import { anchorKey, type CommentsStore } from './comments-store';
import { useCommentsSelector, useCommentsStore } from './useComments';

const NO_THREADS: readonly CommentThread[] = [];
const LAYER_ID = 'pressroom-comment-markers';
const STYLE_ID = 'pressroom-comment-marker-styles';
const MARKER_CLASS = 'pressroom-comment-marker';
const BADGE = 26;
const GAP = 6;
/** outline-offset of the highlight, so that a corner badge sits on the drawn corner. */
const OUTLINE = 3;

const MARKER_STYLES = `
#${LAYER_ID} { position: absolute; top: 0; left: 0; width: 0; height: 0; z-index: 10; }
.${MARKER_CLASS} {
  position: absolute; box-sizing: border-box; min-width: ${BADGE}px; height: ${BADGE}px; margin: 0;
  padding: 0 6px; border: 2px solid #ffffff; border-radius: 13px 13px 13px 3px;
  background: #ffdd00; color: #1d1d1f; font: 700 13px/22px system-ui, 'Segoe UI', sans-serif;
  text-align: center; cursor: pointer; box-shadow: 0 1px 3px rgba(0, 0, 0, 0.35);
}
.${MARKER_CLASS}:hover { background: #ffe94d; }
.${MARKER_CLASS}:focus-visible { outline: 3px solid #1d1d1f; outline-offset: 1px; }
@media print { #${LAYER_ID} { display: none; } }
`;

interface Marker {
  key: string;
  anchor: CommentAnchor;
  label: string;
  count: number;
  element: Element;
}

interface Latest {
  content: ReleaseContent;
  threads: readonly CommentThread[];
  store: CommentsStore | null;
  onFocusField: (mark: string) => void;
  markers: Map<string, Marker>;
}

/**
 * Comment markers on the live preview: the parts of the page with open threads get a yellow highlight and a
 * numbered badge (the count of open threads) in the margin; choosing a badge opens those threads beside the
 * field in the form.
 *
 * Drawn by the preview pane onto the frame's document, outside the rendered body: the shared render function and
 * every export stay free of comments, and the body that the pane patches on each keystroke is never touched (a
 * stray attribute there would make the patcher replace the element on every keystroke). The highlight is a
 * stylesheet rule in the head, keyed on the `data-field` marks; the badges sit in a layer after <body>, placed
 * from the marked elements' boxes. With no open comments nothing is drawn and nothing is measured, so typing
 * costs what it did.
 *
 * Returns `redraw`, for the pane to call once its frame has loaded.
 */
export function usePreviewCommentMarkers(
  frame: RefObject<HTMLIFrameElement | null>,
  content: ReleaseContent,
  onFocusField: (mark: string) => void,
): () => void {
  const store = useCommentsStore();
  const threads = useCommentsSelector((state) => state.threads, NO_THREADS);
  const latest = useRef<Latest>({ content, threads, store, onFocusField, markers: new Map() });
  latest.current = { ...latest.current, content, threads, store, onFocusField };
  const wired = useRef<Document | null>(null);

  const draw = useCallback(() => {
    const doc = frame.current?.contentDocument;
    if (!doc?.body) return;
    if (wired.current !== doc) {
      wired.current = doc;
      wire(doc, frame.current?.contentWindow ?? null, latest, () => draw());
    }
    drawMarkers(doc, latest.current);
  }, [frame]);

  // After every render of the pane (a keystroke, a view change) and every change of the threads.
  useEffect(draw);
  return draw;
}

function wire(doc: Document, win: Window | null, latest: RefObject<Latest>, redraw: () => void) {
  doc.addEventListener('click', (event) => {
    const target = event.target as Element | null;
    const button = target?.closest(`.${MARKER_CLASS}`);
    const key = button?.getAttribute('data-comment-anchor');
    const marker = key ? latest.current.markers.get(key) : undefined;
    if (!marker) return;
    event.preventDefault();
    const mark = marker.element.getAttribute('data-field') ?? marker.anchor.section;
    // Show the field (on a narrow window this switches to the form), then open its threads beside it.
    latest.current.onFocusField(mark);
    latest.current.store?.open(marker.anchor);
  });
  // The page reflows when the frame is resized (the divider, the window, the desktop/narrow views), when fonts
  // arrive and when an image loads: the badges follow.
  win?.addEventListener('resize', redraw);
  doc.addEventListener('load', redraw, true);
  void doc.fonts?.ready.then(redraw);
}

function drawMarkers(doc: Document, latest: Latest) {
  const open = latest.threads.filter((thread) => !thread.resolved);
  let layer = doc.getElementById(LAYER_ID);
  if (open.length === 0 && !layer) {
    latest.markers = new Map();
    return;
  }

  const markers = new Map<string, Marker>();
  for (const thread of open) {
    const key = anchorKey(thread.anchor);
    const existing = markers.get(key);
    if (existing) {
      existing.count += 1;
      continue;
    }
    const placed = placeAnchor(thread.anchor, latest.content);
    if (!placed.previewSelector) continue;
    const element = doc.body.querySelector(placed.previewSelector);
    if (!element) continue;
    markers.set(key, { key, anchor: thread.anchor, label: placed.label, count: 1, element });
  }
  latest.markers = markers;

  let style = doc.getElementById(STYLE_ID);
  if (!style) {
    style = doc.createElement('style');
    style.id = STYLE_ID;
    doc.head.append(style);
  }
  const highlighted = [...markers.values()].map((m) => placed(m)).join(',\n');
  const css =
    MARKER_STYLES +
    (highlighted
      ? `${highlighted} { outline: 2px solid #ffdd00; outline-offset: ${OUTLINE}px; background-color: rgba(255, 221, 0, 0.16); }\n`
      : '');
  if (style.textContent !== css) style.textContent = css;

  if (!layer) {
    layer = doc.createElement('div');
    layer.id = LAYER_ID;
    // After <body>: the pane patches the body on every keystroke and must find there exactly what it rendered.
    doc.documentElement.append(layer);
  }
  const win = doc.defaultView;
  const scrollX = win?.scrollX ?? 0;
  const scrollY = win?.scrollY ?? 0;
  const viewportWidth = doc.documentElement.clientWidth;
  const ordered = [...markers.values()]
    .map((marker) => ({ marker, box: marker.element.getBoundingClientRect() }))
    .sort((a, b) => a.box.top - b.box.top || a.box.left - b.box.left);

  const buttons = new Map<string, HTMLElement>();
  for (const child of Array.from(layer.children)) {
    const key = child.getAttribute('data-comment-anchor');
    if (key && markers.has(key) && child.tagName === 'BUTTON') buttons.set(key, child as HTMLElement);
    else child.remove();
  }
  let lastTop = -Infinity;
  for (const { marker, box } of ordered) {
    let button = buttons.get(marker.key);
    if (!button) {
      button = doc.createElement('button');
      button.setAttribute('type', 'button');
      button.className = MARKER_CLASS;
      button.setAttribute('data-comment-anchor', marker.key);
      layer.append(button);
      buttons.set(marker.key, button);
    }
    const name = `${marker.count} open comment${marker.count === 1 ? '' : 's'} on ${marker.label}`;
    if (button.textContent !== String(marker.count)) button.textContent = String(marker.count);
    if (button.getAttribute('aria-label') !== name) {
      button.setAttribute('aria-label', name);
      button.title = `${name}: show in the form`;
    }
    // In the left margin beside the part when the page has one; otherwise on the highlight's top-right corner,
    // like a badge on an icon, where it covers the least text.
    const inMargin = box.left >= BADGE + GAP * 2;
    const left = inMargin
      ? box.left - BADGE - GAP
      : Math.min(box.right + OUTLINE - BADGE / 2, viewportWidth - BADGE - 2);
    let top = inMargin ? box.top - OUTLINE : box.top - OUTLINE - BADGE / 2;
    // Parts that start on the same line (a section and its first paragraph) stack their badges.
    if (top < lastTop + BADGE + 2) top = lastTop + BADGE + 2;
    lastTop = top;
    button.style.left = `${Math.max(2, left + scrollX)}px`;
    button.style.top = `${Math.max(2, top + scrollY)}px`;
  }
  // Document order for keyboard users (Tab meets the badges from the top of the page down); moved only when the
  // order changed, so that a focused badge keeps its focus.
  const wanted = ordered.map(({ marker }) => marker.key);
  const current = Array.from(layer.children, (child) => child.getAttribute('data-comment-anchor'));
  if (wanted.some((key, i) => current[i] !== key)) {
    for (const key of wanted) layer.append(buttons.get(key)!);
  }
}

function placed(marker: Marker): string {
  const mark = marker.element.getAttribute('data-field');
  return mark ? `[data-field="${CSS.escape(mark)}"]` : 'article > .body';
}
