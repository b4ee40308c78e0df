/**
 * The house stylesheet of a rendered release, inlined into both the preview and the exported page so that they
 * look the same. Spacing is on an 8px grid (px for spacing, rem for type so that a reader's font size still
 * applies).
 *
 * The body face is named 'Pressroom Serif' first: the export will add an @font-face with that family name (the
 * font shipped in resources/, inlined as a data: URL, which the page's CSP allows); until then, and wherever the
 * font is missing, the fallbacks apply.
 */

export const RELEASE_SERIF_FAMILY = 'Pressroom Serif';

/** What each voice falls back to where the house font is not loaded (the preview) or lacks a glyph. */
export const SERIF_FALLBACKS = "Georgia, 'Times New Roman', serif";
export const SANS_FALLBACKS =
  "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

export const RELEASE_STYLES = `
:root {
  color-scheme: light;
  --ink: #1b1b1b;
  --muted: #505a5f;
  --rule: #b1b4b6;
  --link: #1d4f91;
  --link-visited: #4c2c92;
  --focus: #ffdd00;
  --embargo-bg: #0b0c0c;
  --embargo-fg: #ffffff;
  --draft: #b10e1e;
  --draft-bg: #fcf3f3;
  --font-serif: '${RELEASE_SERIF_FAMILY}', ${SERIF_FALLBACKS};
  --font-sans: ${SANS_FALLBACKS};
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0;
  background: #ffffff;
  color: var(--ink);
  font-family: var(--font-serif);
  font-size: 1.125rem;
  line-height: 1.5;
  overflow-wrap: break-word;
}
.release { max-width: 42rem; margin: 0 auto; padding: 48px 32px 64px; }
.release p { margin: 0 0 16px; }
.release ul, .release ol { margin: 0 0 16px; padding-left: 32px; }
.release li { margin: 0 0 8px; }
.release li > p:last-child, .release li > ul:last-child, .release li > ol:last-child { margin-bottom: 0; }

a { color: var(--link); text-underline-offset: 0.15em; }
a:visited { color: var(--link-visited); }
a:focus-visible { outline: 3px solid var(--focus); outline-offset: 0; background: var(--focus); color: var(--ink); }

/* Issuer and date line: the newsroom's sans "meta" voice, quieter than the text. */
.release-header {
  font-family: var(--font-sans);
  font-size: 0.9375rem;
  color: var(--muted);
  border-bottom: 1px solid var(--rule);
  padding-bottom: 16px;
  margin-bottom: 24px;
}
.release-header p { margin: 0 0 8px; }
.release-header .logo { display: block; max-height: 64px; max-width: 240px; margin: 0 0 16px; }
.release-header .issuer { color: var(--ink); font-size: 1.125rem; font-weight: 700; line-height: 1.35; }
.release-header .release-type { font-weight: 700; color: var(--ink); }
.release-header .separator { padding: 0 8px; }

/* Timing: an embargo must be impossible to miss, on screen and on paper. */
.release .embargo {
  margin: 0 0 24px;
  padding: 16px 24px;
  background: var(--embargo-bg);
  color: var(--embargo-fg);
  border: 4px solid var(--embargo-bg);
  border-left: 8px solid var(--focus);
  font-family: var(--font-sans);
  font-size: 1.125rem;
  font-weight: 700;
  letter-spacing: 0.02em;
}
.release .embargo + .embargo-copy { margin: -16px 0 24px; font-family: var(--font-sans); font-weight: 700; }
.release .immediate {
  margin: 0 0 24px;
  font-family: var(--font-sans);
  font-size: 0.9375rem;
  font-weight: 700;
  letter-spacing: 0.08em;
}
/* Issue 17: a withdrawn release keeps its text under this notice; the change history sits at the foot. */
.release .withdrawn-notice {
  margin: 0 0 24px;
  padding: 12px 16px;
  border-left: 6px solid #8a5a00;
  background: #fdf6e3;
  font-family: var(--font-sans);
}
.release .withdrawn-notice p { margin: 0 0 8px; }
.release .withdrawn-notice p:last-child { margin-bottom: 0; }
.release .change-history { list-style: none; padding: 0; }
.release .change-history li { margin: 0 0 8px; }
.release .change-history time,
.release .change-history .pending { font-weight: 700; margin-right: 8px; }
.release .draft-banner {
  margin: 0 0 24px;
  padding: 8px 16px;
  border: 4px solid var(--draft);
  background: var(--draft-bg);
  color: var(--draft);
  font-family: var(--font-sans);
  font-weight: 700;
  letter-spacing: 0.08em;
  text-align: center;
}

h1 { font-size: 2.25rem; line-height: 1.2; margin: 0 0 24px; font-weight: 700; }
h1.placeholder { color: var(--muted); font-style: italic; font-weight: 400; }
h2 { font-family: var(--font-sans); font-size: 1.25rem; line-height: 1.4; margin: 40px 0 16px; }
h3 { font-family: var(--font-sans); font-size: 1.0625rem; line-height: 1.4; margin: 0 0 8px; }
.release .standfirst { font-size: 1.3125rem; line-height: 1.45; font-weight: 600; margin: 0 0 24px; }
.release .key-details { margin: 0 0 24px; padding: 16px 24px; border-left: 4px solid #1d1d1f; background: #f3f4f6; }
.release .key-detail + .key-detail { margin-top: 8px; }
.release .key-details dt { font-family: var(--font-sans); font-weight: 700; font-size: 0.9375rem; }
.release .key-details dd { margin: 0; }

/* Quotes as a release prints them: who said it ("Role Name said:"), then the words in their quotation marks. */
figure.quote { margin: 32px 0; padding: 0 0 0 24px; border-left: 4px solid var(--ink); }
figure.quote .attribution { display: block; font-family: var(--font-sans); font-weight: 700; margin: 0 0 8px; }
blockquote { margin: 0; padding: 0; }
blockquote p { margin: 0 0 16px; }
figure.quote .credit { font-family: var(--font-sans); font-size: 0.9375rem; color: var(--muted); }
figure.quote cite { font-style: normal; }

.notes-to-editors ol { padding-left: 32px; }
.media-contacts address { font-style: normal; font-family: var(--font-sans); font-size: 0.9375rem; margin: 0 0 16px; }
.media-contacts address p { margin: 0 0 8px; }
.media-contacts .contact-name { font-weight: 700; }
.links ul { padding-left: 24px; }

.release .end-mark {
  text-align: center;
  font-family: var(--font-sans);
  font-weight: 700;
  letter-spacing: 0.24em;
  margin: 48px 0;
}

.latest-news { margin-top: 48px; padding-top: 24px; border-top: 1px solid var(--rule); font-family: var(--font-sans); font-size: 0.9375rem; }
.latest-news h2 { margin-top: 0; }
/* .release: stronger than the list indents above and the small-screen ones below, which are for the story's lists. */
.release .latest-news ul { list-style: none; padding: 0; }
.latest-news li { margin: 0 0 24px; }
.latest-news p { margin: 0 0 8px; }
.latest-news time { color: var(--muted); }

/* A small screen; not the preview's print view, which lays the page out as on A4 whatever the frame's width. */
@media (max-width: 40rem) {
  :where(html:not(.print-view)) body { font-size: 1rem; }
  :where(html:not(.print-view)) .release { padding: 24px 16px 48px; }
  :where(html:not(.print-view)) h1 { font-size: 1.75rem; }
  :where(html:not(.print-view)) .release .standfirst { font-size: 1.125rem; }
  :where(html:not(.print-view)) figure.quote { padding-left: 16px; }
  :where(html:not(.print-view)) .release ul, :where(html:not(.print-view)) .release ol { padding-left: 24px; }
}

@media print {
  @page { size: A4; margin: 20mm 18mm 22mm; }
  body { font-size: 11pt; background: none; }
  .release { max-width: none; margin: 0; padding: 0; }
  a, a:visited { color: inherit; text-decoration: underline; }
  /* Paper cannot be clicked: print where a link in the text goes. */
  a.inline-link[href^="http"]::after, .related-links a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.9em; overflow-wrap: anywhere; }
  h1, h2, h3, .attribution { break-after: avoid; page-break-after: avoid; }
  figure.quote, blockquote, address, .latest-news li { break-inside: avoid; page-break-inside: avoid; }
  p, li { orphans: 3; widows: 3; }
  .release .embargo, .release .draft-banner { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  /* Chromium repeats fixed boxes on every printed page: an unapproved release is marked on each one. */
  .release.is-draft::after {
    content: "DRAFT — NOT APPROVED";
    position: fixed;
    top: 45%;
    left: 0;
    right: 0;
    text-align: center;
    transform: rotate(-30deg);
    font-family: var(--font-sans);
    font-size: 40pt;
    font-weight: 700;
    color: rgba(177, 14, 30, 0.16);
    pointer-events: none;
  }
}
`;

/**
 * The preview's "print" view: the page as it will sit on A4, for a writer checking length and breaks. Applied
 * with a class on <html> because the preview frame cannot switch to print media; it mirrors the print rules
 * above that change layout (page width and margins, type size).
 */
export const PRINT_VIEW_STYLES = `
html.print-view { background: #d9dadc; overflow-x: hidden; }
html.print-view body {
  width: 210mm;
  min-height: 297mm;
  margin: 16px 0 calc(16px + var(--print-shrink, 0px)) var(--print-left, 16px);
  padding: 20mm 18mm 22mm;
  font-size: 11pt;
  background: #ffffff;
  box-shadow: 0 1px 6px rgba(0, 0, 0, 0.25);
  /* Scaled to the frame's width by the preview (fitPrintPage), keeping the page's own line breaks. */
  transform: scale(var(--print-scale, 1));
  transform-origin: 0 0;
}
html.print-view .release { max-width: none; margin: 0; padding: 0; }
`;
