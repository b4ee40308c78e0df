/**
 * An IPTC ninjs 2.1 document per release (News in JSON, https://iptc.org/standards/ninjs/), for the agencies and
 * aggregators that take press releases as data. Property names are those of the ninjs 2.1 schema; `embargoed`
 * carries the embargo's lift time (kept after it has passed, as a record) and `pubstatus` is "usable", or
 * "canceled" for a withdrawn release.
 */

export interface NinjsInput {
  uri: string;
  version: string;
  firstcreated: string;
  versioncreated: string;
  /** RFC 3339 lift time of the embargo, if the release had one. */
  embargoed: string | null;
  withdrawn: boolean;
  language: string;
  headline: string;
  standfirst: string;
  /** The release as plain text and as the HTML of its article. */
  bodyText: string;
  bodyHtml: string;
  organisation: string;
  typeLabel: string;
  tags: readonly string[];
  reference: string;
  /** The release's page by its absolute address; null when the site's address is not known (ninjs asks a URI). */
  pageHref: string | null;
}

export type NinjsDocument = Record<string, unknown>;

export const NINJS_SCHEMA = 'http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json#';

export function buildNinjs(input: NinjsInput): NinjsDocument {
  const document: NinjsDocument = {
    uri: input.uri,
    standard: { name: 'ninjs', version: '2.1', schema: NINJS_SCHEMA },
    type: 'text',
    profile: 'press-release',
    version: input.version,
    firstcreated: input.firstcreated,
    versioncreated: input.versioncreated,
    ...(input.embargoed ? { embargoed: input.embargoed } : {}),
    pubstatus: input.withdrawn ? 'canceled' : 'usable',
    language: input.language,
    headlines: [{ role: 'main', value: input.headline }],
    ...(input.standfirst.trim()
      ? { descriptions: [{ role: 'summary', contenttype: 'text/plain', value: input.standfirst.trim() }] }
      : {}),
    bodies: [
      { role: 'main', contenttype: 'text/plain', value: input.bodyText },
      { role: 'main', contenttype: 'text/html', value: input.bodyHtml },
    ],
    by: input.organisation,
    copyrightholder: input.organisation,
    genres: [{ name: input.typeLabel }],
    ...(input.tags.length > 0 ? { subjects: input.tags.map((name) => ({ name })) } : {}),
    ...(input.reference.trim() ? { altids: [{ role: 'reference', value: input.reference.trim() }] } : {}),
    ...(input.pageHref
      ? { renditions: [{ name: 'web page', href: input.pageHref, contenttype: 'text/html' }] }
      : {}),
  };
  return document;
}
