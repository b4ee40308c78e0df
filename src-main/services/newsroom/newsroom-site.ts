import { buildAtomFeed, type AtomEntry } from '../../../src-shared/newsroom/atom-feed';
import { announcedChangeNotes } from '../../../src-shared/release/change-notes';
import { buildNewsArticle } from '../../../src-shared/newsroom/json-ld';
import { formatNewsroomDateTime, toRfc3339 } from '../../../src-shared/newsroom/newsroom-dates';
import { stableUrn } from '../../../src-shared/newsroom/newsroom-ids';
import { renderListPages, type SiteFrame } from '../../../src-shared/newsroom/newsroom-pages';
import {
  absoluteUrl,
  relativeHref,
  type NewsroomItem,
  type NewsroomTag,
} from '../../../src-shared/newsroom/newsroom-paths';
import {
  selectNewsroomReleases,
  type HeldBackRelease,
  type NewsroomHooks,
  type SelectedRelease,
} from '../../../src-shared/newsroom/newsroom-selection';
import { buildNinjs } from '../../../src-shared/newsroom/ninjs';
import { buildSitemap } from '../../../src-shared/newsroom/sitemap';
import {
  RELEASE_TYPE_LABELS,
  type OrganisationProfile,
  type Release,
  type WorkspaceSettings,
} from '../../../src-shared/release/schema';
import { resolveLocale, toIsoWithOffset } from '../../../src-shared/render/format-date';
import { renderReleaseBody, type EmbeddedFontFace } from '../../../src-shared/render/render-release';
import { renderReleaseText } from '../../../src-shared/render/render-text';
import { exportFileName, slugify } from '../export/export-file-name';
import { organisationOf, renderExportHtml } from '../export/html-export';

/**
 * The newsroom site as files (issue 17, item 1), made in memory from the workspace's releases: nothing here touches
 * the disk (newsroom-folder.ts writes it). Layout of the folder:
 *
 *   index.html, page-2.html, …      published releases, newest first, ten a page
 *   news/<date>-<headline>-<id>.html  each release's page: the HTML export's page (one renderer) with the site's links
 *   news/<same name>.json             its IPTC ninjs document
 *   tags/<tag>.html, <tag>-page-2.html  one list per region or topic tag
 *   feed.xml                          Atom feed of the newest 50
 *   sitemap.xml                       when the site's address is known (the protocol asks for absolute addresses)
 *   logo.<png|jpg|…>                  the organisation's logo, for the feed and schema.org's publisher
 *
 * Every page carries its styles and the house font inline, as the HTML export does: the release page's CSP admits
 * no stylesheet file, and a page that stands alone works on any server and straight from the disk.
 */

export const FEED_PATH = 'feed.xml';
export const INDEX_PATH = 'index.html';
export const SITEMAP_PATH = 'sitemap.xml';
const FEED_SIZE = 50;

export interface NewsroomSiteInput {
  releases: readonly Release[];
  profile: OrganisationProfile;
  settings: Pick<WorkspaceSettings, 'latestNewsCount'>;
  logoDataUrl: string | null;
  fontFaces: readonly EmbeddedFontFace[];
  /** Decides which embargoes have lifted. */
  now: Date;
  /** Where the folder is published ("https://www.northshire.police.uk/news/"), or null when not known. */
  siteUrl: string | null;
  hooks?: NewsroomHooks;
  pageSize?: number;
}

export interface NewsroomSite {
  /** Root-relative path -> content. */
  files: Map<string, string | Uint8Array>;
  items: NewsroomItem[];
  tags: NewsroomTag[];
  heldBack: HeldBackRelease[];
  notPublished: number;
}

export function buildNewsroomSite(input: NewsroomSiteInput): NewsroomSite {
  const { profile, now, siteUrl } = input;
  const locale = resolveLocale(profile.locale);
  const organisation = profile.name.trim() || 'Newsroom';
  const selection = selectNewsroomReleases(input.releases, {
    now,
    locale,
    ...(input.hooks ? { hooks: input.hooks } : {}),
  });
  const files = new Map<string, string | Uint8Array>();

  const logo = logoFile(input.logoDataUrl);
  if (logo) files.set(logo.path, logo.bytes);

  const tags = tagsOf(selection.shown);
  const items = selection.shown.map((selected) => itemOf(selected, tags));
  const tagList = [...tags.values()]
    .map((tag) => ({
      ...tag,
      count: items.filter((item) => item.tags.some((t) => t.path === tag.path)).length,
    }))
    .sort((a, b) => a.label.localeCompare(b.label, locale));
  const withCounts = new Map(tagList.map((tag) => [tag.path, tag]));
  for (const item of items) item.tags = item.tags.map((tag) => withCounts.get(tag.path) ?? tag);

  // Release pages: "Latest news" links only to pages that are in the folder.
  const pageNames = new Set(items.map((item) => item.pagePath.slice('news/'.length)));
  selection.shown.forEach((selected, index) => {
    const item = items[index]!;
    const { release } = selected;
    const issuer = organisationOf(release, profile);
    const logoUrl = logo ? (absoluteUrl(siteUrl, logo.path) ?? relativeHref(item.pagePath, logo.path)) : null;
    const html = renderExportHtml({
      release,
      allReleases: input.releases,
      profile,
      settings: input.settings,
      logoDataUrl: input.logoDataUrl,
      now,
      fontFaces: input.fontFaces,
      latestNewsLinks: { target: 'html', besideFiles: pageNames },
      site: {
        homeHref: relativeHref(item.pagePath, INDEX_PATH),
        feedHref: relativeHref(item.pagePath, FEED_PATH),
        canonicalUrl: absoluteUrl(siteUrl, item.pagePath),
        tags: item.tags.map((tag) => ({ label: tag.label, href: relativeHref(item.pagePath, tag.path) })),
        structuredData: buildNewsArticle({
          headline: item.headline,
          description: item.standfirst || item.headline,
          datePublished: item.published,
          dateModified: item.updated,
          organisation: issuer || organisation,
          logoUrl,
          organisationUrl: absoluteUrl(siteUrl, INDEX_PATH) ?? relativeHref(item.pagePath, INDEX_PATH),
          inLanguage: locale,
          pageUrl: absoluteUrl(siteUrl, item.pagePath) ?? relativeHref(item.pagePath, item.pagePath),
          keywords: item.tags.map((tag) => tag.label),
          articleSection: item.typeLabel,
        }),
      },
    });
    files.set(item.pagePath, html);
    files.set(item.ninjsPath, `${JSON.stringify(ninjsOf(selected, item, profile, siteUrl, now), null, 2)}\n`);
  });

  const frame: SiteFrame = {
    organisation,
    locale,
    fontFaces: input.fontFaces,
    logoDataUrl: input.logoDataUrl,
    indexPath: INDEX_PATH,
    feedPath: FEED_PATH,
  };
  const listPages = [
    ...renderListPages({
      frame,
      firstPath: INDEX_PATH,
      title: `News from ${organisation}`,
      heading: `Latest news from ${organisation}`,
      intro: `${countOf(items.length)}, newest first.`,
      items,
      allTags: tagList,
      ...(input.pageSize ? { pageSize: input.pageSize } : {}),
    }),
    ...tagList.flatMap((tag) =>
      renderListPages({
        frame,
        firstPath: tag.path,
        title: `${tag.label}: news from ${organisation}`,
        heading: `News about ${tag.label}`,
        intro: `${countOf(tag.count)} from ${organisation}, newest first.`,
        items: items.filter((item) => item.tags.some((t) => t.path === tag.path)),
        allTags: tagList,
        ...(input.pageSize ? { pageSize: input.pageSize } : {}),
      }),
    ),
  ];
  for (const page of listPages) files.set(page.path, page.html);

  const releaseOf = new Map(selection.shown.map((selected) => [selected.release.id, selected.release]));
  const entries: AtomEntry[] = items.slice(0, FEED_SIZE).map((item) => {
    // A major correction is announced as GOV.UK announces one: the entry is updated at the note's time and says
    // what changed first; a minor one is on the page only (change-notes.ts announcedChangeNotes).
    const release = releaseOf.get(item.id);
    const note = release ? announcedChangeNotes(release)[0] : undefined;
    const noted = note ? toRfc3339(new Date(note.publishedAt), item.timeZone) : null;
    const updated = noted && Date.parse(noted) > Date.parse(item.updated) ? noted : item.updated;
    const summary = item.standfirst || item.headline;
    // The wall-clock time of the note in the release's zone, in house style: "18 July 2024, 10:30".
    const notedAt = noted ? formatNewsroomDateTime(noted.slice(0, 16), item.timeZone, locale) : null;
    return {
      id: stableUrn(`release:${item.id}`),
      title: item.headline,
      published: item.published,
      updated,
      href: absoluteUrl(siteUrl, item.pagePath) ?? item.pagePath,
      summary: note ? `Updated ${notedAt ?? ''}: ${note.text} ${summary}` : summary,
      categories: item.tags.map((tag) => tag.label),
    };
  });
  const feed = buildAtomFeed({
    id: stableUrn(`feed:${organisation}`),
    title: `News from ${organisation}`,
    subtitle: `Press releases published by ${organisation}`,
    selfHref: absoluteUrl(siteUrl, FEED_PATH) ?? FEED_PATH,
    alternateHref: absoluteUrl(siteUrl, INDEX_PATH) ?? INDEX_PATH,
    author: organisation,
    lang: locale,
    logoHref: logo ? (absoluteUrl(siteUrl, logo.path) ?? logo.path) : null,
    entries,
    emptyUpdated: toRfc3339(now, profile.timeZone),
  });
  files.set(FEED_PATH, feed);

  if (siteUrl) {
    const latest = items[0]?.updated ?? null;
    const lastmodOf = new Map(items.map((item) => [item.pagePath, item.updated]));
    files.set(
      SITEMAP_PATH,
      buildSitemap(
        [...listPages.map((page) => page.path), ...items.map((item) => item.pagePath)].map((path) => ({
          loc: absoluteUrl(siteUrl, path)!,
          lastmod: lastmodOf.get(path) ?? latest,
        })),
      ),
    );
  }
  return { files, items, tags: tagList, heldBack: selection.heldBack, notPublished: selection.notPublished };
}

function countOf(count: number): string {
  return `${count} ${count === 1 ? 'release' : 'releases'}`;
}

/** One tag page per tag, whatever its case or spacing ("Ashford", "ashford "); two labels of one slug are told apart. */
function tagsOf(shown: readonly SelectedRelease[]): Map<string, NewsroomTag> {
  const tags = new Map<string, NewsroomTag>();
  const taken = new Set<string>();
  for (const { release } of shown) {
    for (const raw of release.header.tags) {
      const label = raw.trim().replace(/\s+/g, ' ');
      const key = label.toLocaleLowerCase('en-GB');
      if (!label || tags.has(key)) continue;
      const base = slugify(label) || 'tag';
      let slug = base;
      for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
      taken.add(slug);
      tags.set(key, { label, path: `tags/${slug}.html`, count: 0 });
    }
  }
  return tags;
}

function itemOf(selected: SelectedRelease, tags: Map<string, NewsroomTag>): NewsroomItem {
  const { release, at } = selected;
  const zone = release.header.timeZone;
  const fileName = exportFileName({
    id: release.id,
    headline: release.headline,
    releaseDate: release.header.releaseDate,
    draft: false,
    format: 'html',
  });
  const edited = Date.parse(release.updatedAt);
  const updatedAt = Number.isNaN(edited) || edited < at.getTime() ? at : new Date(edited);
  const releaseTags = [
    ...new Set(release.header.tags.map((tag) => tag.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-GB'))),
  ]
    .map((key) => tags.get(key))
    .filter((tag): tag is NewsroomTag => tag !== undefined);
  return {
    id: release.id,
    headline: release.headline.trim() || 'Untitled release',
    standfirst: release.standfirst.trim(),
    typeLabel: RELEASE_TYPE_LABELS[release.header.type],
    releaseDate: release.header.releaseDate,
    timeZone: zone,
    pagePath: `news/${fileName}`,
    ninjsPath: `news/${fileName.replace(/\.html$/, '.json')}`,
    tags: releaseTags,
    published: toRfc3339(at, zone),
    updated: toRfc3339(updatedAt, zone),
    withdrawn: selected.withdrawal !== null,
  };
}

function ninjsOf(
  selected: SelectedRelease,
  item: NewsroomItem,
  profile: OrganisationProfile,
  siteUrl: string | null,
  now: Date,
) {
  const { release } = selected;
  const embargo = release.header.embargo;
  const created = Date.parse(release.createdAt);
  return buildNinjs({
    uri: stableUrn(`release:${release.id}`),
    version: String(release.revision),
    firstcreated: Number.isNaN(created) ? item.published : toRfc3339(new Date(created), item.timeZone),
    versioncreated: item.updated,
    embargoed: embargo ? toIsoWithOffset(embargo.until, embargo.timeZone) : null,
    withdrawn: selected.withdrawal !== null,
    language: resolveLocale(profile.locale),
    headline: item.headline,
    standfirst: item.standfirst,
    bodyText: renderReleaseText(release, { draftMark: false, now, profile }),
    bodyHtml: renderReleaseBody(release, { mode: 'export', draftMark: false, now, profile }),
    organisation: organisationOf(release, profile) || profile.name,
    typeLabel: item.typeLabel,
    tags: item.tags.map((tag) => tag.label),
    reference: release.header.reference,
    pageHref: absoluteUrl(siteUrl, item.pagePath),
  });
}

const LOGO_EXTENSIONS: Readonly<Record<string, string>> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

function logoFile(dataUrl: string | null): { path: string; bytes: Uint8Array } | null {
  const match = /^data:(image\/(?:png|jpeg|gif|webp));base64,([A-Za-z0-9+/]+={0,2})$/.exec(dataUrl ?? '');
  if (!match) return null;
  return {
    path: `logo.${LOGO_EXTENSIONS[match[1]!]}`,
    bytes: new Uint8Array(Buffer.from(match[2]!, 'base64')),
  };
}

/** For the report: "18 July 2024, 10:30". */
export function newsroomWhen(item: NewsroomItem, locale: string): string {
  return formatNewsroomDateTime(item.releaseDate, item.timeZone, locale) ?? item.releaseDate;
}
