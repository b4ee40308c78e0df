import type { ReleaseContent } from '../release/schema';
import type { Finding } from './editorial-checks';
import { textFields } from './editorial-checks';
import { compileProtectedPeople, matchProtected, type ProtectedMatch } from './protected-people';

/**
 * Jigsaw identification: a release that keeps a person anonymous can still identify them when read with another
 * release about the same matter that names their school, their street or the person themselves. Each detail is
 * harmless alone; together they are the picture.
 *
 * "The same matter" is what the press office itself records: the same reference, or a tag in common (compared
 * without regard to case). For each protected person of this release, each such release whose published text holds
 * a form of their name or one of their identifiers gives one warning here, naming both releases. A warning, not an
 * error: the other release may be old and long public, and the fix may be in either of them.
 *
 * Runs on the main side (it needs the other releases), on open and after each save, never per keystroke.
 */

export const JIGSAW_RULE = 'jigsaw';

export type JigsawRelease = Pick<ReleaseContent, 'headline' | 'header' | 'anonymityList'> &
  Partial<ReleaseContent> & { id: string };

const norm = (text: string) => text.normalize('NFC').trim().toLocaleLowerCase('en-GB');

/** What two releases share: "same reference “IOPC/2024/17”" or "same tag “Croydon”"; null when nothing. */
export function sharedLink(a: JigsawRelease, b: JigsawRelease): string | null {
  const referenceA = norm(a.header.reference ?? '');
  if (referenceA !== '' && referenceA === norm(b.header.reference ?? '')) {
    return `same reference “${b.header.reference.trim()}”`;
  }
  const tagsA = new Set((a.header.tags ?? []).map(norm).filter(Boolean));
  const shared = (b.header.tags ?? []).filter((tag) => tagsA.has(norm(tag)));
  if (shared.length === 0) return null;
  return shared.length === 1
    ? `same tag “${shared[0]!.trim()}”`
    : `same tags ${shared.map((tag) => `“${tag.trim()}”`).join(', ')}`;
}

function quoted(headline: string): string {
  const text = headline.trim().replace(/\s+/g, ' ');
  return text ? `“${text}”` : 'an untitled release';
}

function mentionOf({ person, form }: ProtectedMatch): string {
  if (form.kind === 'identifier') return `mentions ${form.text}, a detail of ${person.label}`;
  if (form.kind === 'name') return `names ${person.label}`;
  return `mentions “${form.text}”, a form of ${person.label}'s name`;
}

/**
 * Warnings for `release` from the workspace's `others` (the release itself may be among them). One per other
 * release and person, naming what was found there (every form and detail).
 */
export function jigsawFindings(release: JigsawRelease, others: readonly JigsawRelease[]): Finding[] {
  const people = compileProtectedPeople(release.anonymityList);
  if (people.length === 0) return [];
  const out: Finding[] = [];
  for (const other of others) {
    if (other.id === release.id) continue;
    const link = sharedLink(release, other);
    if (!link) continue;
    const texts = textFields(other as ReleaseContent);
    const byPerson = new Map<string, ProtectedMatch[]>();
    for (const field of texts) {
      if (!field.text.trim()) continue;
      for (const match of matchProtected(field.text, people)) {
        const list = byPerson.get(match.person.person.id) ?? [];
        if (!list.some((m) => m.form === match.form)) list.push(match);
        byPerson.set(match.person.person.id, list);
      }
    }
    for (const matches of byPerson.values()) {
      const mentions = matches.map(mentionOf);
      out.push({
        rule: JIGSAW_RULE,
        severity: 'warning',
        section: 'protectedPeople',
        field: 'anonymityList',
        message:
          `Jigsaw risk: ${quoted(other.headline)} (${link}) ${mentions.join('; ')}. Read together with ` +
          `${quoted(release.headline)}, it could identify ${matches[0]!.person.label}`,
      });
    }
  }
  return out;
}
