import type { ChangeNote, ChangeNoteImportance, ReleaseContent } from './schema';

/**
 * A release's public change history (issue 17, item 2), as GOV.UK keeps one: each published correction adds a
 * dated note, shown on the release's page under "Updates to this page"; a major one is also announced in the
 * newsroom's feed, a minor one (a typo, a broken link) is not. The notes live in the release's content
 * (`changeNotes`, a field of the structure table), so they sync with the text and are signed off with it.
 *
 * A note with `publishedAt: null` belongs to the correction in progress: the writer typed it and a second person
 * approves it with the text. Publishing stamps it (`stampChangeNotes`); the stamp is not part of the content hash,
 * so it never sets the approval aside, and no edit can move it (`keepPublicationDates`).
 */

/** What a reader is told changed, and when: the notes already published, newest first. */
export interface PublishedChangeNote {
  id: string;
  text: string;
  importance: ChangeNoteImportance;
  /** ISO date-time (UTC) of the publication that carried the note. */
  publishedAt: string;
}

function notesOf(content: Partial<Pick<ReleaseContent, 'changeNotes'>>): ChangeNote[] {
  return Array.isArray(content.changeNotes) ? content.changeNotes : [];
}

/** The change notes published so far, newest first (the order GOV.UK shows them in). */
export function publishedChangeNotes(
  content: Partial<Pick<ReleaseContent, 'changeNotes'>>,
): PublishedChangeNote[] {
  return notesOf(content)
    .filter((note): note is ChangeNote & { publishedAt: string } => typeof note.publishedAt === 'string')
    .map(({ id, text, importance, publishedAt }) => ({ id, text: text.trim(), importance, publishedAt }))
    .sort((a, b) => (a.publishedAt < b.publishedAt ? 1 : a.publishedAt > b.publishedAt ? -1 : 0));
}

/**
 * What a feed announces: the major changes only, newest first. GOV.UK's convention: a minor change is on the page
 * but does not notify subscribers, so the newsroom's feed leaves it out.
 */
export function announcedChangeNotes(
  content: Partial<Pick<ReleaseContent, 'changeNotes'>>,
): PublishedChangeNote[] {
  return publishedChangeNotes(content).filter((note) => note.importance === 'major');
}

/** When the release was last changed in public (the newest published note), or null if it never was. */
export function lastPublicUpdate(content: Partial<Pick<ReleaseContent, 'changeNotes'>>): string | null {
  return publishedChangeNotes(content)[0]?.publishedAt ?? null;
}

/** The notes of the correction in progress: typed, approved with the text, not yet published. */
export function pendingChangeNotes(content: Partial<Pick<ReleaseContent, 'changeNotes'>>): ChangeNote[] {
  return notesOf(content).filter((note) => note.publishedAt === null);
}

/** Whether the release carries a correction's note that says something (a blank note does not count). */
export function hasPendingChangeNote(content: Partial<Pick<ReleaseContent, 'changeNotes'>>): boolean {
  return pendingChangeNotes(content).some((note) => note.text.trim() !== '');
}

/** The notes with every pending one dated `at`: what publishing the corrected text stores. */
export function stampChangeNotes(changeNotes: readonly ChangeNote[], at: string): ChangeNote[] {
  return changeNotes.map((note) => (note.publishedAt === null ? { ...note, publishedAt: at } : note));
}

/**
 * The dates are the workflow's, never an edit's: a note the stored release has keeps its stored date, and a new
 * note from an edit starts undated, whatever the request says.
 */
export function keepPublicationDates(
  stored: readonly ChangeNote[] | undefined,
  edited: readonly ChangeNote[],
): ChangeNote[] {
  const dates = new Map((stored ?? []).map((note) => [note.id, note.publishedAt]));
  return edited.map((note) => {
    const publishedAt = dates.get(note.id) ?? null;
    return note.publishedAt === publishedAt ? note : { ...note, publishedAt };
  });
}

/** A new note for a correction about to start. */
export function newChangeNote(text: string, importance: ChangeNoteImportance, id: string): ChangeNote {
  return { id, text: text.trim(), importance, publishedAt: null };
}
