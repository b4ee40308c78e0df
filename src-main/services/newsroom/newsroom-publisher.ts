import { isAbsolute, join, resolve } from 'node:path';
import type {
  NewsroomReport,
  NewsroomRequest,
  NewsroomSettings,
} from '../../../src-shared/newsroom/newsroom-api';
import { isUsableSiteUrl } from '../../../src-shared/newsroom/newsroom-paths';
import { readTextFile, toJsonText, writeFileDurably } from '../workspace/durable-file';
import { StoreError, type WorkspaceStore } from '../workspace/store';
import { loadHouseFonts } from '../export/house-fonts';
import { writeNewsroomFolder } from './newsroom-folder';
import { buildNewsroomSite, INDEX_PATH, SITEMAP_PATH } from './newsroom-site';

/**
 * "Publish newsroom" (issue 17, items 1 and 5): the workspace's published releases as a static site in a folder,
 * for the screen and `pressroom newsroom --out DIR` alike. Publishing the site changes no release and records
 * nothing in their trails: every release on it was already published through the workflow (a final export).
 * The folder and the site's address are remembered on this computer for next time.
 */
export interface NewsroomPublisher {
  publish(request: NewsroomRequest): Promise<NewsroomReport>;
  settings(): Promise<NewsroomSettings>;
}

export function createNewsroomPublisher(parts: {
  store: WorkspaceStore;
  /** Where the folder and address are remembered (the app's user-data folder); null: not remembered. */
  userData: string | null;
  defaultFolder: string;
  now?: () => Date;
}): NewsroomPublisher {
  const now = parts.now ?? (() => new Date());
  const rememberedFile = parts.userData ? join(parts.userData, 'newsroom.json') : null;

  async function settings(): Promise<NewsroomSettings> {
    const fallback = { folder: parts.defaultFolder, siteUrl: '' };
    if (!rememberedFile) return fallback;
    try {
      const text = await readTextFile(rememberedFile);
      const saved = text ? (JSON.parse(text) as Partial<Record<string, unknown>>) : {};
      return {
        folder: typeof saved.folder === 'string' && isAbsolute(saved.folder) ? saved.folder : fallback.folder,
        siteUrl: typeof saved.siteUrl === 'string' && isUsableSiteUrl(saved.siteUrl) ? saved.siteUrl : '',
      };
    } catch {
      return fallback;
    }
  }

  async function publish(request: NewsroomRequest): Promise<NewsroomReport> {
    const remembered = await settings();
    const folder = (request.folder ?? remembered.folder).trim();
    if (!folder || !isAbsolute(folder)) {
      throw new StoreError(
        'invalid-input',
        'Give the newsroom folder as a full path, for example /home/you/Newsroom.',
      );
    }
    const siteUrl = (request.siteUrl ?? remembered.siteUrl).trim();
    if (siteUrl && !isUsableSiteUrl(siteUrl)) {
      throw new StoreError(
        'invalid-input',
        `"${siteUrl.slice(0, 200)}" is not a web address the site can use: give it like https://www.example.org/news/ ` +
          '(http or https, no spaces), or leave it empty.',
      );
    }
    const target = resolve(folder);
    const [description, releases, fontFaces] = await Promise.all([
      parts.store.describe(),
      parts.store.readAll('releases'),
      loadHouseFonts().catch((error: unknown) => {
        throw new StoreError(
          'io',
          `The house font in resources/fonts could not be read: ${(error as Error).message}`,
        );
      }),
    ]);
    const site = buildNewsroomSite({
      releases,
      profile: description.profile,
      settings: description.settings,
      logoDataUrl: description.logoDataUrl,
      fontFaces,
      now: now(),
      siteUrl: siteUrl || null,
    });
    const written = await writeNewsroomFolder(target, site.files);
    if (rememberedFile) {
      // Remembering is a convenience: failing to is not a failed publication.
      await writeFileDurably(rememberedFile, toJsonText({ folder: target, siteUrl })).catch(() => undefined);
    }
    return {
      folder: target,
      indexFile: join(target, INDEX_PATH),
      siteUrl: siteUrl || null,
      releases: site.items.length,
      tags: site.tags.length,
      written: written.written,
      unchanged: written.unchanged.length,
      removed: written.removed,
      heldBack: site.heldBack,
      notPublished: site.notPublished,
      sitemap: site.files.has(SITEMAP_PATH),
    };
  }

  return { publish, settings };
}

/** The report as lines for a person (the CLI without --json). */
export function describeNewsroomReport(report: NewsroomReport): string[] {
  const lines = [
    `Newsroom published to ${report.folder}: ${report.releases} ${report.releases === 1 ? 'release' : 'releases'}, ` +
      `${report.tags} ${report.tags === 1 ? 'tag' : 'tags'}.`,
    `Files: ${report.written.length} written, ${report.unchanged} unchanged, ${report.removed.length} removed.`,
  ];
  for (const held of report.heldBack) lines.push(`Held back: ${held.headline} (${held.id}): ${held.message}`);
  if (report.notPublished > 0) {
    lines.push(`Not published yet (not on the site): ${report.notPublished}.`);
  }
  if (!report.sitemap) lines.push('No sitemap.xml: give the site address (--site-url) to have one.');
  lines.push(`Open ${report.indexFile} to look at it.`);
  return lines;
}
