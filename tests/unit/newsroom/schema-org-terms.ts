/**
 * The schema.org vocabulary the newsroom's JSON-LD uses, as schema.org defines it (https://schema.org, checked
 * against each term's page: its type hierarchy, and for each property the types in its domain, "domainIncludes").
 * checkJsonLdTerms says which type or property of a JSON-LD object is not a term here, or is used on a type outside
 * its domain.
 */

/** Each type and its parent (Thing is the root). */
const TYPES: Readonly<Record<string, string | null>> = {
  Thing: null,
  CreativeWork: 'Thing',
  Article: 'CreativeWork',
  NewsArticle: 'Article',
  WebPage: 'CreativeWork',
  MediaObject: 'CreativeWork',
  ImageObject: 'MediaObject',
  Organization: 'Thing',
};

/** Each property and the types it is defined on (schema.org's domainIncludes). */
const PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  name: ['Thing'],
  url: ['Thing'],
  description: ['Thing'],
  mainEntityOfPage: ['Thing'],
  headline: ['CreativeWork'],
  datePublished: ['CreativeWork'],
  dateModified: ['CreativeWork'],
  author: ['CreativeWork'],
  publisher: ['CreativeWork'],
  inLanguage: ['CreativeWork'],
  keywords: ['CreativeWork', 'Organization'],
  articleSection: ['Article'],
  logo: ['Organization'],
};

function isA(type: string, ancestor: string): boolean {
  for (let at: string | null | undefined = type; at; at = TYPES[at]) if (at === ancestor) return true;
  return false;
}

export function checkJsonLdTerms(node: unknown, path = '$'): string[] {
  if (Array.isArray(node)) return node.flatMap((item, index) => checkJsonLdTerms(item, `${path}[${index}]`));
  if (node === null || typeof node !== 'object') return [];
  const object = node as Record<string, unknown>;
  const problems: string[] = [];
  const type = object['@type'];
  if (typeof type !== 'string' || !Object.hasOwn(TYPES, type)) {
    problems.push(`${path}: @type ${String(type)} is not a schema.org type used here`);
    return problems;
  }
  for (const [key, value] of Object.entries(object)) {
    if (key === '@context') {
      if (value !== 'https://schema.org') problems.push(`${path}: @context is ${String(value)}`);
      continue;
    }
    if (key === '@type' || key === '@id') continue;
    const domain = PROPERTIES[key];
    if (!domain) problems.push(`${path}.${key}: not a schema.org property used here`);
    else if (!domain.some((owner) => isA(type, owner)))
      problems.push(`${path}.${key}: not defined on ${type}`);
    problems.push(...checkJsonLdTerms(value, `${path}.${key}`));
  }
  return problems;
}
