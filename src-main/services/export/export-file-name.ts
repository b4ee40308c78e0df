/**
 * File names of exported releases: readable in a folder listing (date, then headline), unique per release (the
 * id), safe on every file system a workspace may sit on, and unmistakable for a draft (ARCHITECTURE §5: "visibly
 * marked ... in the file name"). Deterministic, so that a batch export's "Latest news" links can name the PDF of
 * another release without asking the disk.
 */

export type ExportFormat = 'html' | 'pdf' | 'txt' | 'docx' | 'eml';

export const DRAFT_FILE_MARK = 'DRAFT-NOT-APPROVED';

/** Room for the date, the mark and the id within the 255 bytes most file systems allow, with plenty to spare. */
const MAX_SLUG_LENGTH = 60;

/** "Man (34) hurt in Ashford — witnesses sought" -> "man-34-hurt-in-ashford-witnesses-sought". */
export function slugify(text: string, maxLength = MAX_SLUG_LENGTH): string {
  const slug = String(text)
    // Accents off (é -> e) so the name stays ASCII; letters of other scripts go with the rest below.
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= maxLength) return slug;
  // Cut at a word boundary where there is one in the second half, so the name does not end mid-word.
  const cut = slug.slice(0, maxLength + 1);
  const boundary = cut.lastIndexOf('-');
  return (boundary > maxLength / 2 ? cut.slice(0, boundary) : slug.slice(0, maxLength)).replace(/-+$/, '');
}

export interface FileNameParts {
  id: string;
  headline: string;
  /** The release's local date-time ("2024-07-18T09:30"); only the date is used. */
  releaseDate: string;
  draft: boolean;
  format: ExportFormat;
}

/** "2024-07-18-witnesses-sought-after-man-hurt-r-k2j4h5.pdf"; a draft starts "DRAFT-NOT-APPROVED-". */
export function exportFileName(parts: FileNameParts): string {
  const date = /^(\d{4}-\d{2}-\d{2})T/.exec(String(parts.releaseDate))?.[1];
  // A valid id is already safe in a file name; anything else is slugged rather than trusted.
  const id = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(parts.id) ? parts.id : slugify(parts.id, 64);
  const pieces = [
    parts.draft ? DRAFT_FILE_MARK : '',
    date ?? '',
    slugify(parts.headline) || 'release',
    id,
  ].filter(Boolean);
  return `${pieces.join('-')}.${parts.format}`;
}
