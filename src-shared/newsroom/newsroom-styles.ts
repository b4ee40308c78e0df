/**
 * The newsroom's own few rules, on top of the release stylesheet (RELEASE_STYLES) that every page of the site
 * carries, so that the list pages and the release pages share one face, one measure and one set of colours. Each
 * page inlines them: the release page's CSP admits no stylesheet file, and one rule for every page keeps each page
 * whole wherever it is opened (a web server, a shared drive, an attachment).
 */
export const NEWSROOM_STYLES = `
.site-header { border-bottom: 4px solid var(--ink); font-family: var(--font-sans); }
.site-header .site-inner, .site-footer .site-inner { max-width: 42rem; margin: 0 auto; padding: 16px 32px; }
.site-header .site-inner { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 16px; }
.site-header .site-home { display: inline-flex; align-items: center; gap: 12px; font-weight: 700; font-size: 1.125rem; color: var(--ink); text-decoration: none; }
.site-header .site-home:hover { text-decoration: underline; }
.site-header .site-home img { max-height: 40px; max-width: 160px; }
.site-header .site-section { margin: 0; color: var(--muted); }
.site-header .site-section::before { content: "|"; margin-right: 16px; color: var(--rule); }
.newsroom { max-width: 42rem; margin: 0 auto; padding: 40px 32px 48px; }
.newsroom h1 { margin-bottom: 8px; }
.newsroom .list-intro { font-family: var(--font-sans); color: var(--muted); margin: 0 0 32px; }
.news-list { list-style: none; margin: 0; padding: 0; }
.news-item { padding: 24px 0; border-top: 1px solid var(--rule); }
.news-item h2 { font-family: var(--font-serif); font-size: 1.5rem; line-height: 1.25; margin: 0 0 8px; }
.news-item .news-meta { font-family: var(--font-sans); font-size: 0.9375rem; color: var(--muted); margin: 0 0 8px; }
.news-item .news-meta .release-type { font-weight: 700; color: var(--ink); }
.news-item .news-meta .separator { padding: 0 8px; }
.news-item .standfirst { margin: 0 0 8px; }
.news-item .withdrawn-mark { font-family: var(--font-sans); font-weight: 700; color: var(--draft); }
.tag-links { font-family: var(--font-sans); font-size: 0.9375rem; margin: 0; padding: 0; list-style: none; display: flex; flex-wrap: wrap; gap: 8px; }
.tag-links a { display: inline-block; padding: 2px 8px; border: 1px solid var(--rule); border-radius: 4px; text-decoration: none; }
.tag-links a:hover { text-decoration: underline; }
.tag-links .tag-count { color: var(--muted); }
.tag-links a[aria-current="page"] { background: var(--ink); border-color: var(--ink); color: #ffffff; }
.tag-links a[aria-current="page"] .tag-count { color: #ffffff; }
.back-to-index { font-family: var(--font-sans); margin: 0 0 16px; }
.pagination { font-family: var(--font-sans); display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: 8px 16px; border-top: 1px solid var(--rule); padding-top: 24px; margin-top: 8px; }
.pagination .page-of { color: var(--muted); margin: 0; }
.pagination a { font-weight: 700; }
.browse { margin-top: 48px; }
.browse h2 { margin-top: 0; }
.site-footer { border-top: 1px solid var(--rule); font-family: var(--font-sans); font-size: 0.9375rem; color: var(--muted); margin-top: 24px; }
.site-footer p { margin: 0 0 8px; }
.site-nav { font-family: var(--font-sans); font-size: 0.9375rem; }
/* The release's tags follow its article closely: the article's own bottom padding is for a page that ends there. */
.release:has(+ .release-tags) { padding-bottom: 24px; }
.release-tags { max-width: 42rem; margin: 0 auto; padding: 0 32px 32px; }
.release-tags h2 { font-size: 1rem; margin: 0 0 8px; }
@media (max-width: 40rem) {
  .site-header .site-inner, .site-footer .site-inner { padding: 12px 16px; }
  .site-header .site-section::before { display: none; }
  .newsroom { padding: 24px 16px 40px; }
  .news-item h2 { font-size: 1.25rem; }
  .release-tags { padding: 0 16px 16px; }
}
@media print {
  .site-header, .site-footer, .site-nav, .pagination, .browse { display: none; }
}
`;
