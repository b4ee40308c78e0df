/**
 * schema.org NewsArticle for a release page (issue 17, item 1), as JSON-LD. Only the vocabulary terms below are
 * used; tests/unit/newsroom/json-ld.test.ts checks each against the schema.org definition it is taken from (type
 * hierarchy, and each property's domain).
 */

export type JsonLdValue = string | number | boolean | JsonLdObject | JsonLdValue[];
export interface JsonLdObject {
  [key: string]: JsonLdValue;
}

export interface NewsArticleInput {
  headline: string;
  description: string;
  /** RFC 3339 with offset. */
  datePublished: string;
  dateModified: string;
  /** The issuing organisation: publisher and author of a press release. */
  organisation: string;
  /** The organisation's logo file in the site (absolute where the site's address is known). */
  logoUrl: string | null;
  /** The organisation's home in the site: the newsroom's index. */
  organisationUrl: string;
  inLanguage: string;
  /** The release page's own address: absolute where known, else relative to the page itself. */
  pageUrl: string;
  keywords: readonly string[];
  articleSection: string;
}

export function buildNewsArticle(input: NewsArticleInput): JsonLdObject {
  const organisation: JsonLdObject = {
    '@type': 'Organization',
    name: input.organisation,
    url: input.organisationUrl,
  };
  const publisher: JsonLdObject = input.logoUrl
    ? { ...organisation, logo: { '@type': 'ImageObject', url: input.logoUrl } }
    : organisation;
  const article: JsonLdObject = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: input.headline,
    description: input.description,
    datePublished: input.datePublished,
    dateModified: input.dateModified,
    author: organisation,
    publisher,
    inLanguage: input.inLanguage,
    mainEntityOfPage: { '@type': 'WebPage', '@id': input.pageUrl },
    articleSection: input.articleSection,
  };
  if (input.keywords.length > 0) article.keywords = input.keywords.join(', ');
  return article;
}

/**
 * JSON for a `<script type="application/ld+json">` block: "<", ">" and "&" as \u escapes so that no text can end
 * the element or open a comment, and the two line separators JavaScript once choked on as well.
 */
export function serialiseJsonLd(value: JsonLdObject): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
