import { useEffect, useRef } from 'react';
import { useWatch, type Control } from 'react-hook-form';
import { renderReleaseBody, renderReleaseDocument } from '../../../../src-shared/render/render-release';
import { PRINT_VIEW_STYLES } from '../../../../src-shared/render/release-styles';
import type { OrganisationProfile, ReleaseContent, ReleaseStatus } from '../../../../src-shared/release/schema';

export type PreviewView = 'desktop' | 'narrow' | 'print';

/**
 * The live preview: the same render function as the export, drawn in a sandboxed frame in which no script can
 * run. The frame's document is written once; later keystrokes replace only its body, which is far cheaper
 * than reloading a srcdoc document on every character. Clicking a part of the page focuses its field.
 */
export function PreviewPane({
  control,
  profile,
  status,
  view,
  onFocusField,
}: {
  control: Control<ReleaseContent>;
  profile: OrganisationProfile;
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
      doc.body.innerHTML = html;
      lastHtml.current = html;
    }
    doc.documentElement.classList.toggle('print-view', view === 'print');
    doc.documentElement.dataset.rendered = String(performance.now());
  };

  useEffect(paint);

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
        }}
      />
    </div>
  );
}
