import { useEffect, useMemo, useRef, useState } from 'react';
import { useWatch, type Control } from 'react-hook-form';
import type { PreviewExtras } from '../../../../src-shared/api/contract';
import { renderFontStyles } from '../../../../src-shared/render/font-faces';
import { renderReleaseBodyParts, renderReleaseDocument } from '../../../../src-shared/render/render-release';
import { PRINT_VIEW_STYLES } from '../../../../src-shared/render/release-styles';
import { callApi } from '../../api';
import { usePreviewCommentMarkers } from '../review/comments';
import { paintArticle, type PaintedArticle } from './patch-article';
import type {
  OrganisationProfile,
  ReleaseContent,
  ReleaseStatus,
} from '../../../../src-shared/release/schema';

export type PreviewView = 'desktop' | 'narrow' | 'print';

const NO_EXTRAS: PreviewExtras = { fontFaces: [], latestNews: [] };

/**
 * The house font and the "Latest news" list of a release, as its export has them (issue 14, item 6), asked of the
 * main side on open and whenever the release's status changes (a release published elsewhere joins the list).
 */
function usePreviewExtras(releaseId: string | undefined, status: ReleaseStatus): PreviewExtras {
  const [extras, setExtras] = useState<PreviewExtras>(NO_EXTRAS);
  useEffect(() => {
    if (!releaseId) return;
    let current = true;
    void callApi('preview.extras', { id: releaseId }).then((result) => {
      if (current && result.ok) setExtras(result.value);
    });
    return () => {
      current = false;
    };
  }, [releaseId, status]);
  return extras;
}

/**
 * The live preview: the same render function as the export, drawn in a sandboxed frame in which no script can
 * run. The frame's document is written once; later keystrokes replace only its body, which is far cheaper
 * than reloading a srcdoc document on every character. Clicking a part of the page focuses its field.
 *
 * The frame loads the export's own @font-face rules (renderFontStyles over the house font from resources/fonts,
 * as data: URLs: the page's CSP and the app's admit data: fonts and nothing remote), so lines break as in the PDF.
 */
export function PreviewPane({
  control,
  profile,
  logoDataUrl,
  status,
  withdrawn,
  releaseId,
  view,
  onFocusField,
}: {
  control: Control<ReleaseContent>;
  profile: OrganisationProfile;
  logoDataUrl: string | null;
  status: ReleaseStatus;
  /** A withdrawn release's notice (issue 17): the page says so above the kept text, as the export does. */
  withdrawn?: { at: string; explanation: string } | null;
  /** The release shown, for its font and "Latest news"; without it the preview has neither. */
  releaseId?: string;
  view: PreviewView;
  onFocusField: (previewMark: string) => void;
}) {
  const content = useWatch({ control }) as ReleaseContent;
  const frame = useRef<HTMLIFrameElement>(null);
  const loaded = useRef(false);
  const painted = useRef<PaintedArticle | null>(null);
  const onFocusRef = useRef(onFocusField);
  onFocusRef.current = onFocusField;
  const extras = usePreviewExtras(releaseId, status);
  const options = {
    mode: 'preview' as const,
    draftMark: status !== 'approved' && status !== 'published' && !withdrawn,
    withdrawn: withdrawn ?? null,
    now: new Date(),
    profile,
    logoDataUrl,
    latestNews: extras.latestNews,
  };
  // The fonts are data: URLs of some hundred kilobytes: build their rules once per answer, not per keystroke.
  const fontStyles = useMemo(() => renderFontStyles(extras.fontFaces), [extras.fontFaces]);

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
    setFontStyles(doc, fontStyles);
    painted.current = paintArticle(doc, doc.body, renderReleaseBodyParts(content, options), painted.current);
    doc.documentElement.classList.toggle('print-view', view === 'print');
    fitPrintPage(doc, view === 'print');
  };

  useEffect(paint);
  // The print view's page is scaled to the frame's width: refit when the frame is resized (window, divider).
  useEffect(() => {
    const element = frame.current;
    if (!element || view !== 'print') return;
    const observer = new ResizeObserver(() => {
      const doc = element.contentDocument;
      if (loaded.current && doc?.body) fitPrintPage(doc, true);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [view]);
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

const FONT_STYLE_ID = 'pressroom-house-fonts';

/** The rules each frame's font style element holds: reading textContent back would copy the fonts every time. */
const appliedFontStyles = new WeakMap<Document, string>();

/** The export's @font-face rules, in the frame's head after the release styles (so its voices win). */
function setFontStyles(doc: Document, css: string): void {
  if (appliedFontStyles.get(doc) === css) return;
  appliedFontStyles.set(doc, css);
  let style = doc.getElementById(FONT_STYLE_ID);
  if (!css) {
    style?.remove();
    return;
  }
  if (!style) {
    style = doc.createElement('style');
    style.id = FONT_STYLE_ID;
    doc.head.appendChild(style);
  }
  style.textContent = css;
}

/** The gap kept around the page in the print view, in CSS pixels (PRINT_VIEW_STYLES' margin). */
const PRINT_GAP = 16;

/**
 * The print view shows the whole A4 page however narrow the frame: the page keeps its width (so its lines break
 * as on paper) and is scaled down to fit, never cut off at the right (issue 14, item 6). A transform does not
 * change layout, so the room it leaves below is taken back with a negative margin.
 */
export function fitPrintPage(doc: Document, on: boolean): void {
  const root = doc.documentElement;
  const body = doc.body;
  if (!on) {
    root.style.removeProperty('--print-scale');
    root.style.removeProperty('--print-left');
    root.style.removeProperty('--print-shrink');
    return;
  }
  const page = body.offsetWidth;
  const room = root.clientWidth - 2 * PRINT_GAP;
  if (page <= 0 || room <= 0) return;
  const scale = Math.min(1, room / page);
  const left = Math.max(PRINT_GAP, (root.clientWidth - page * scale) / 2);
  root.style.setProperty('--print-scale', scale.toFixed(4));
  root.style.setProperty('--print-left', `${left.toFixed(1)}px`);
  root.style.setProperty('--print-shrink', `${(-(1 - scale) * body.offsetHeight).toFixed(1)}px`);
}
