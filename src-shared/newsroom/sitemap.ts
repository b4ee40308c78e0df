import { xmlText } from './atom-feed';

/**
 * sitemap.xml (sitemaps.org protocol 0.9): every page of the site by its absolute address, with the date it last
 * changed. The protocol asks for absolute addresses, so the sitemap is written only when the site's address is known.
 */
export function buildSitemap(urls: ReadonlyArray<{ loc: string; lastmod: string | null }>): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...urls.map(
      (url) =>
        `  <url><loc>${xmlText(url.loc)}</loc>${url.lastmod ? `<lastmod>${xmlText(url.lastmod)}</lastmod>` : ''}</url>`,
    ),
    '</urlset>',
    '',
  ].join('\n');
}
