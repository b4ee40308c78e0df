/**
 * Paths inside the newsroom folder, always with forward slashes and relative to its root ("news/x.html"), and the
 * relative link from one page to another, so that the folder works wherever it is put: on the office's web server
 * under any path, or opened straight from the disk.
 */

export interface NewsroomTag {
  label: string;
  /** "tags/roads-policing.html": the tag's first page. */
  path: string;
  /** Releases shown with this tag. */
  count: number;
}

/** One release as the lists, feed and sitemap show it. */
export interface NewsroomItem {
  id: string;
  headline: string;
  standfirst: string;
  typeLabel: string;
  releaseDate: string;
  timeZone: string;
  /** "news/2024-07-18-ashford-man-jailed-r-ashford1.html" */
  pagePath: string;
  /** "news/2024-07-18-ashford-man-jailed-r-ashford1.json": the IPTC ninjs document. */
  ninjsPath: string;
  tags: NewsroomTag[];
  /** RFC 3339 with offset. */
  published: string;
  updated: string;
  withdrawn: boolean;
}

/** The link from the page at `from` to the file at `to`, both root-relative: ("news/a.html", "tags/b.html") -> "../tags/b.html". */
export function relativeHref(from: string, to: string): string {
  const fromDirs = from.split('/').slice(0, -1);
  const toParts = to.split('/');
  let common = 0;
  while (common < fromDirs.length && common < toParts.length - 1 && fromDirs[common] === toParts[common])
    common++;
  return [...fromDirs.slice(common).map(() => '..'), ...toParts.slice(common)].join('/');
}

/** The address of a file when the site's address is known ("https://example.org/news/" + "index.html"), else null. */
export function absoluteUrl(siteUrl: string | null, path: string): string | null {
  if (!siteUrl) return null;
  return `${siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`}${path}`;
}

/** A site address the newsroom may name: http(s), a host, no query or fragment, no whitespace. */
export function isUsableSiteUrl(url: string): boolean {
  return /^https?:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?(?:\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*)?$/.test(url);
}

/** The page number `page` (1-based) of a list whose first page is `firstPath`: "index.html" -> "page-2.html". */
export function pagePathOf(firstPath: string, page: number): string {
  if (page <= 1) return firstPath;
  if (firstPath === 'index.html') return `page-${page}.html`;
  return firstPath.replace(/\.html$/, `-page-${page}.html`);
}
