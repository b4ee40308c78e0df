import type { CopiedFrom } from '../../../../src-shared/release/schema';
import './copy-of.css';

/**
 * "Copy of: <original headline>" beside a duplicated release, in the library row and the editor's top bar. The copy's
 * own headline stays as written (so nothing like "Copy of" reaches an export); this tag is how a person tells the copy
 * from its original. The headline is the original's when the copy was made.
 */
export function CopyOfTag({
  copiedFrom,
  className,
}: {
  copiedFrom: CopiedFrom | undefined;
  className?: string;
}) {
  if (!copiedFrom) return null;
  const original = copiedFrom.headline.trim() || 'Untitled release';
  return (
    <span className={['copy-of-tag', className].filter(Boolean).join(' ')} title={`Copy of: ${original}`}>
      Copy of: {original}
    </span>
  );
}
