import { isAllowedUrl } from '../release/schema';
import { escapeAttribute, escapeHtml } from '../render/escape';
import { serialiseJsonLd, type JsonLdObject } from './json-ld';
import { NEWSROOM_STYLES } from './newsroom-styles';

/**
 * What a release page gains when it is part of the newsroom site (issue 17, item 1): a header leading back to the
 * index, its tags as links to the tag pages, the feed's autodiscovery link, its canonical address and the
 * schema.org NewsArticle describing it. Passed to the one release renderer as data (RenderOptions.site); the markup
 * is made here, every value escaped, and only links that resolve inside the site or are http(s) are written.
 * Withdrawal notices and change notes are the renderer's own (RenderOptions.withdrawn, the change-notes field).
 */
export interface ReleasePageSite {
  /** Link to the newsroom's index from this page ("../index.html"). */
  homeHref: string;
  feedHref: string;
  /** The page's own public address, when the site's address is known. */
  canonicalUrl: string | null;
  tags: ReadonlyArray<{ label: string; href: string }>;
  structuredData: JsonLdObject | null;
}

/**
 * A link inside the site ("../tags/ashford.html": plain path segments, no scheme) or an http(s) address. Written
 * out here rather than taken from render-release.ts, which imports this module.
 */
function safeHref(href: string): boolean {
  const inside = href.replace(/^(?:\.\.\/)+/, '');
  return (
    (/^[A-Za-z0-9_][A-Za-z0-9._\-/]*$/.test(inside) && !inside.includes('..') && !inside.includes('//')) ||
    isAllowedUrl(href)
  );
}

export function renderSiteHead(site: ReleasePageSite): string {
  const parts = [`<style>${NEWSROOM_STYLES}</style>`];
  if (safeHref(site.feedHref)) {
    parts.push(`<link rel="alternate" type="application/atom+xml" href="${escapeAttribute(site.feedHref)}">`);
  }
  if (site.canonicalUrl && /^https?:/i.test(site.canonicalUrl) && isAllowedUrl(site.canonicalUrl)) {
    parts.push(`<link rel="canonical" href="${escapeAttribute(site.canonicalUrl)}">`);
  }
  // A data block, never run: the page's CSP allows no script at all, and serialiseJsonLd keeps "</script>" out.
  if (site.structuredData) {
    parts.push(`<script type="application/ld+json">${serialiseJsonLd(site.structuredData)}</script>`);
  }
  return parts.join('\n');
}

export function renderSiteHeader(site: ReleasePageSite, organisation: string): string {
  const home = safeHref(site.homeHref) ? escapeAttribute(site.homeHref) : 'index.html';
  const name = escapeHtml(organisation || 'News');
  return `<header class="site-header"><div class="site-inner"><a class="site-home" href="${home}"><span>${name}</span></a><p class="site-section">Newsroom</p></div></header>`;
}

/** The release's tags as links to their pages, after the article. */
export function renderSiteAfterArticle(site: ReleasePageSite): string {
  const parts: string[] = [];
  const tags = site.tags.filter((tag) => safeHref(tag.href));
  if (tags.length > 0) {
    parts.push(
      `<nav class="release-tags site-nav" aria-labelledby="release-tags-title"><h2 id="release-tags-title">More news about</h2><ul class="tag-links">${tags
        .map((tag) => `<li><a href="${escapeAttribute(tag.href)}">${escapeHtml(tag.label)}</a></li>`)
        .join('')}</ul></nav>`,
    );
  }
  return parts.join('');
}

export function renderSiteFooter(site: ReleasePageSite, organisation: string): string {
  const home = safeHref(site.homeHref) ? escapeAttribute(site.homeHref) : 'index.html';
  const feed = safeHref(site.feedHref)
    ? ` · <a href="${escapeAttribute(site.feedHref)}">Subscribe to the news feed (Atom)</a>`
    : '';
  return `<footer class="site-footer"><div class="site-inner"><p>Published by ${escapeHtml(organisation || 'the issuer')}.</p><p><a href="${home}">All news</a>${feed}</p></div></footer>`;
}
