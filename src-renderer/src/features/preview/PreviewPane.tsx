import { useEffect, useRef } from 'react';
import { useWatch, type Control } from 'react-hook-form';
import { renderReleaseBody, renderReleaseDocument } from '../../../../src-shared/render/render-release';
import { PRINT_VIEW_STYLES } from '../../../../src-shared/render/release-styles';
import { usePreviewCommentMarkers } from '../review/comments';
import type {
  OrganisationProfile,
  ReleaseContent,
  ReleaseStatus,
} from '../../../../src-shared/release/schema';

export type PreviewView = 'desktop' | 'narrow' | 'print';

/**
 * The live preview: the same render function as the export, drawn in a sandboxed frame in which no script can
 * run. The frame's document is written once; later keystrokes replace only its body, which is far cheaper
 * than reloading a srcdoc document on every character. Clicking a part of the page focuses its field.
 */
export function PreviewPane({
  control,
  profile,
  logoDataUrl,
  status,
  view,
  onFocusField,
}: {
  control: Control<ReleaseContent>;
  profile: OrganisationProfile;
  logoDataUrl: string | null;
  status: ReleaseStatus;
  view: PreviewView;
  onFocusField: (previewMark: string) => void;
}) {
  const content = useWatch({ control }) as ReleaseContent;
  const frame = useRef<HTMLIFrameElement>(null);
  const loaded = useRef(false);
  const lastHtml = useRef('');
  const onFocusRef = useRef(onFocusField);
  onFocusRef.current = onFocusField;
  const options = {
    mode: 'preview' as const,
    draftMark: status !== 'approved' && status !== 'published',
    now: new Date(),
    profile,
    logoDataUrl,
  };

  // The first document carries the stylesheet and CSP; it is written once per mount.
  const initialDocument = useRef<string | null>(null);
  if (initialDocument.current === null) {
    initialDocument.current = renderReleaseDocument(content, options).replace(
      '</head>',
      `<style>${PRINT_VIEW_STYLES}</style></head>`,
    );
  }

  const paint = () => {
    const doc = frame.current?.contentDocument;
    if (!loaded.current || !doc?.body) return;
    const html = renderReleaseBody(content, options);
    if (html !== lastHtml.current) {
      patchChildren(doc, doc.body, html);
      lastHtml.current = html;
    }
    doc.documentElement.classList.toggle('print-view', view === 'print');
  };

  useEffect(paint);
  // Comment markers are drawn on the frame after each paint, never into the rendered release (see the hook).
  const drawCommentMarkers = usePreviewCommentMarkers(frame, content, (mark) => onFocusRef.current(mark));

  return (
    <div className={`preview-stage preview-${view}`}>
      <iframe
        ref={frame}
        className="preview-frame"
        title="Preview of the finished release"
        // allow-same-origin without allow-scripts: the editor may update the page, the page can run nothing.
        sandbox="allow-same-origin"
        srcDoc={initialDocument.current}
        onLoad={() => {
          loaded.current = true;
          const doc = frame.current?.contentDocument;
          doc?.addEventListener('click', (event) => {
            const target = event.target as Element | null;
            // Links in the preview never navigate the frame; the click selects the part instead.
            if (target?.closest('a')) event.preventDefault();
            const marked = target?.closest('[data-field]');
            const mark = marked?.getAttribute('data-field');
            if (mark) onFocusRef.current(mark);
          });
          paint();
          drawCommentMarkers();
        }}
      />
    </div>
  );
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
  for (let i = 0; i < nextNodes.length; i++) {
    const a = liveNodes[i]!;
    const b = nextNodes[i]!;
    if (a.isEqualNode(b)) continue;
    if (
      a instanceof Element &&
      b instanceof Element &&
      a.tagName === b.tagName &&
      sameAttributes(a, b) &&
      b.children.length > 0
    ) {
      morphChildren(a, b);
    } else {
      live.replaceChild(b, a);
    }
  }
}

function sameAttributes(a: Element, b: Element): boolean {
  if (a.attributes.length !== b.attributes.length) return false;
  for (const attribute of Array.from(b.attributes)) {
    if (a.getAttribute(attribute.name) !== attribute.value) return false;
  }
  return true;
}
