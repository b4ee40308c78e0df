import { RELEASE_CSP } from '../render/render-release';
import { escapeAttribute, escapeHtml } from '../render/escape';
import { renderFontStyles, type EmbeddedFontFace } from '../render/font-faces';
import { resolveLocale } from '../render/format-date';
import { renderInline } from '../render/inline-markup';
import { RELEASE_STYLES } from '../render/release-styles';
import { isSafeLogoDataUrl } from '../render/render-release';
import { formatNewsroomDateTime } from './newsroom-dates';
import { pagePathOf, relativeHref, type NewsroomItem, type NewsroomTag } from './newsroom-paths';
import { NEWSROOM_STYLES } from './newsroom-styles';

/**
 * The newsroom's list pages: the index of published releases (newest first, a page at a time) and one list per
 * tag (the release's region or topic tags). A release's own page is not made here: it is the HTML export's page,
 * from the one release renderer (render-release.ts), with the newsroom's links added.
 */

export const NEWSROOM_PAGE_SIZE = 10;

/** What every page of the site shares: who issues it, in which language, with which face and logo. */
export interface SiteFrame {
  organisation: string;
  locale: string;
  fontFaces: readonly EmbeddedFontFace[];
  logoDataUrl: string | null;
  /** Root-relative paths of the site's index and feed. */
  indexPath: string;
  feedPath: string;
}

export interface ListPageInput {
  frame: SiteFrame;
  /** Root-relative path of the list's first page ("index.html", "tags/ashford.html"). */
  firstPath: string;
  title: string;
  heading: string;
  intro: string;
  /** Every item of the list, newest first; the page shows its share. */
  items: readonly NewsroomItem[];
  /** Every tag of the site, for the "Browse by area or topic" list. */
  allTags: readonly NewsroomTag[];
  pageSize?: number;
}

/** Pages of a list: one path and document per page (at least one, saying there is nothing yet when empty). */
export function renderListPages(input: ListPageInput): Array<{ path: string; html: string }> {
  const size = input.pageSize ?? NEWSROOM_PAGE_SIZE;
  const pageCount = Math.max(1, Math.ceil(input.items.length / size));
  return Array.from({ length: pageCount }, (_, index) => {
    const page = index + 1;
    const path = pagePathOf(input.firstPath, page);
    const items = input.items.slice(index * size, page * size);
    const href = (to: string) => relativeHref(path, to);
    const list =
      items.length > 0
        ? `<ol class="news-list">${items.map((item) => renderListItem(item, input.frame.locale, href)).join('')}</ol>`
        : '<p>No news has been published yet.</p>';
    const pager =
      pageCount > 1 ? renderPagination(page, pageCount, (n) => href(pagePathOf(input.firstPath, n))) : '';
    const title = page > 1 ? `${input.title} (page ${page} of ${pageCount})` : input.title;
    // A tag's list leads back to all the news; the index is where that link would lead.
    const back =
      input.firstPath === input.frame.indexPath
        ? ''
        : `<p class="back-to-index"><a href="${escapeAttribute(href(input.frame.indexPath))}">← All news from ` +
          `${escapeHtml(input.frame.organisation)}</a></p>`;
    const main =
      `${back}<h1>${escapeHtml(input.heading)}</h1>` +
      `<p class="list-intro">${escapeHtml(input.intro)}</p>${list}${pager}` +
      renderBrowse(input.allTags, href, input.firstPath);
    return { path, html: renderSitePage({ frame: input.frame, path, title, main }) };
  });
}

function renderListItem(item: NewsroomItem, locale: string, href: (to: string) => string): string {
  const when = formatNewsroomDateTime(item.releaseDate, item.timeZone, locale);
  const meta = [
    item.typeLabel ? `<span class="release-type">${escapeHtml(item.typeLabel)}</span>` : '',
    when ? `<time datetime="${escapeAttribute(item.published)}">${escapeHtml(when)}</time>` : '',
    item.withdrawn ? '<span class="withdrawn-mark">Withdrawn</span>' : '',
  ].filter(Boolean);
  const standfirst = item.standfirst.trim();
  const tags =
    item.tags.length > 0
      ? `<ul class="tag-links" aria-label="Tags">${item.tags
          .map((tag) => `<li><a href="${escapeAttribute(href(tag.path))}">${escapeHtml(tag.label)}</a></li>`)
          .join('')}</ul>`
      : '';
  return (
    `<li><article class="news-item">` +
    `<h2><a href="${escapeAttribute(href(item.pagePath))}">${escapeHtml(item.headline)}</a></h2>` +
    `<p class="news-meta">${meta.join('<span class="separator" aria-hidden="true">·</span>')}</p>` +
    (standfirst ? `<p class="standfirst">${renderInline(standfirst)}</p>` : '') +
    `${tags}</article></li>`
  );
}

function renderPagination(page: number, pageCount: number, hrefOf: (page: number) => string): string {
  const previous =
    page > 1
      ? `<a rel="prev" href="${escapeAttribute(hrefOf(page - 1))}">← Newer releases</a>`
      : '<span></span>';
  const next =
    page < pageCount
      ? `<a rel="next" href="${escapeAttribute(hrefOf(page + 1))}">Older releases →</a>`
      : '<span></span>';
  return (
    `<nav class="pagination" aria-label="Pages">${previous}` +
    `<p class="page-of">Page ${page} of ${pageCount}</p>${next}</nav>`
  );
}

function renderBrowse(tags: readonly NewsroomTag[], href: (to: string) => string, current: string): string {
  if (tags.length === 0) return '';
  const links = tags
    .map(
      (tag) =>
        `<li><a href="${escapeAttribute(href(tag.path))}"${tag.path === current ? ' aria-current="page"' : ''}>` +
        `${escapeHtml(tag.label)} <span class="tag-count">(${tag.count})</span></a></li>`,
    )
    .join('');
  return `<section class="browse" aria-labelledby="browse-title"><h2 id="browse-title">Browse by area or topic</h2><ul class="tag-links">${links}</ul></section>`;
}

/** The frame every list page shares: header with the organisation, the main content, the footer with the feed. */
export function renderSitePage(input: {
  frame: SiteFrame;
  path: string;
  title: string;
  main: string;
}): string {
  const { frame, path } = input;
  const locale = resolveLocale(frame.locale);
  const href = (to: string) => escapeAttribute(relativeHref(path, to));
  const logo =
    frame.logoDataUrl && isSafeLogoDataUrl(frame.logoDataUrl)
      ? `<img src="${escapeAttribute(frame.logoDataUrl)}" alt="">`
      : '';
  const organisation = escapeHtml(frame.organisation);
  return [
    '<!doctype html>',
    `<html lang="${escapeAttribute(locale)}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${RELEASE_CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(input.title)}</title>`,
    `<link rel="alternate" type="application/atom+xml" title="${escapeAttribute(`News from ${frame.organisation}`)}" href="${href(frame.feedPath)}">`,
    `<style>${RELEASE_STYLES}${NEWSROOM_STYLES}${renderFontStyles(frame.fontFaces)}</style>`,
    '</head>',
    '<body>',
    `<header class="site-header"><div class="site-inner"><a class="site-home" href="${href(frame.indexPath)}">${logo}<span>${organisation}</span></a><p class="site-section">Newsroom</p></div></header>`,
    `<main class="newsroom">${input.main}</main>`,
    `<footer class="site-footer"><div class="site-inner"><p>Published by ${organisation}.</p><p><a href="${href(frame.feedPath)}">Subscribe to the news feed (Atom)</a></p></div></footer>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
