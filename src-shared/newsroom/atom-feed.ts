/**
 * The newsroom's Atom feed (RFC 4287). The feed has exactly one id, title, updated and author, and a link with
 * rel="self"; each entry an id, title, updated, an alternate link to its page and a summary. Ids are permanent
 * (a release's id, made into a URN by newsroom-ids.ts), never its address, so moving the site does not make every
 * reader see every release again.
 */

export interface AtomEntry {
  id: string;
  title: string;
  /** RFC 3339. */
  published: string;
  updated: string;
  /** The release page, absolute where the site's address is known, else relative to the feed. */
  href: string;
  summary: string;
  categories: readonly string[];
}

export interface AtomFeedInput {
  id: string;
  title: string;
  subtitle: string;
  /** The feed's own address (rel="self") and the site's index (rel="alternate"). */
  selfHref: string;
  alternateHref: string;
  author: string;
  lang: string;
  logoHref: string | null;
  /** Newest first. */
  entries: readonly AtomEntry[];
  /** When nothing is published yet: the feed still needs an updated date; a fixed one keeps re-exports identical. */
  emptyUpdated: string;
}

/** Text for XML: the five escapes, and the characters XML 1.0 forbids (most C0 controls) left out. */
export function xmlText(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- exactly the characters XML 1.0 does not allow
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

/** The latest of some RFC 3339 instants (compared as instants, not as text: offsets differ). */
export function latestOf(instants: readonly string[], fallback: string): string {
  let best: string | null = null;
  for (const instant of instants) {
    if (best === null || Date.parse(instant) > Date.parse(best)) best = instant;
  }
  return best ?? fallback;
}

export function buildAtomFeed(input: AtomFeedInput): string {
  const updated = latestOf(
    input.entries.map((entry) => entry.updated),
    input.emptyUpdated,
  );
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xmlText(input.lang)}">`,
    `  <id>${xmlText(input.id)}</id>`,
    `  <title type="text">${xmlText(input.title)}</title>`,
    `  <subtitle type="text">${xmlText(input.subtitle)}</subtitle>`,
    `  <updated>${xmlText(updated)}</updated>`,
    `  <author><name>${xmlText(input.author)}</name></author>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlText(input.selfHref)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlText(input.alternateHref)}"/>`,
    `  <generator>Pressroom</generator>`,
    ...(input.logoHref ? [`  <logo>${xmlText(input.logoHref)}</logo>`] : []),
  ];
  for (const entry of input.entries) {
    lines.push(
      '  <entry>',
      `    <id>${xmlText(entry.id)}</id>`,
      `    <title type="text">${xmlText(entry.title)}</title>`,
      `    <published>${xmlText(entry.published)}</published>`,
      `    <updated>${xmlText(entry.updated)}</updated>`,
      `    <link rel="alternate" type="text/html" href="${xmlText(entry.href)}"/>`,
      ...entry.categories.map((term) => `    <category term="${xmlText(term)}"/>`),
      `    <summary type="text">${xmlText(entry.summary)}</summary>`,
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}
