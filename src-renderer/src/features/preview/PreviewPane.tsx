import { useEffect, useRef } from 'react';
import { useWatch, type Control } from 'react-hook-form';
import { renderReleaseBody, renderReleaseDocument } from '../../../../src-shared/render/render-release';
import type {
  OrganisationProfile,
  ReleaseContent,
  ReleaseStatus,
} from '../../../../src-shared/release/schema';

/**
 * The live preview: the same render function as the export, drawn in a sandboxed frame in which no script can
 * run. The frame's document is written once; later keystrokes replace only its body, which is far cheaper
 * than reloading a srcdoc document on every character.
 */
export function PreviewPane({
  control,
  profile,
  status,
}: {
  control: Control<ReleaseContent>;
  profile: OrganisationProfile;
  status: ReleaseStatus;
}) {
  const content = useWatch({ control }) as ReleaseContent;
  const frame = useRef<HTMLIFrameElement>(null);
  const loaded = useRef(false);
  const options = {
    mode: 'preview' as const,
    draftMark: status !== 'approved' && status !== 'published',
    now: new Date(),
    profile,
  };

  // The first document carries the stylesheet and CSP; it is written once per mount.
  const initialDocument = useRef<string | null>(null);
  if (initialDocument.current === null) initialDocument.current = renderReleaseDocument(content, options);

  useEffect(() => {
    const doc = frame.current?.contentDocument;
    if (!loaded.current || !doc?.body) return;
    doc.body.innerHTML = renderReleaseBody(content, options);
  });

  return (
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
        if (doc?.body) doc.body.innerHTML = renderReleaseBody(content, options);
      }}
    />
  );
}
