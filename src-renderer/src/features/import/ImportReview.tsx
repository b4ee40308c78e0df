import { useEffect, useId, useRef, useState } from 'react';
import { callApi } from '../../api';
import { useReturnFocus } from '../../return-focus';
import {
  IMPORT_TARGETS,
  importTargetLabel,
  type ImportPlacement,
  type ImportTarget,
} from '../../../../src-shared/import/placement';
import { inlineToPlainText } from '../../../../src-shared/render/inline-markup';
import { RELEASE_TYPE_LABELS, RELEASE_TYPES, type ReleaseType } from '../../../../src-shared/release/schema';

const KIND_LABELS = { heading: 'Heading', paragraph: 'Paragraph', 'list-item': 'List item' } as const;

/**
 * The review screen of an import: every paragraph of the document in order, with the section it went to. The
 * writer can move any paragraph to another section (each has its own select, so it works from the keyboard) and
 * change the release type before "Create release". Paragraphs the import could not place went to the body and are
 * flagged, listed at the top with a link to each.
 */
export function ImportReview({
  placement,
  onCancel,
  onCreated,
}: {
  placement: ImportPlacement;
  onCancel: () => void;
  onCreated: (id: string) => void;
}) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [targets, setTargets] = useState<ImportTarget[]>(() => placement.blocks.map((block) => block.target));
  const [type, setType] = useState<ReleaseType>(placement.type);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  useReturnFocus();
  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  /** Flagged until the writer chooses a section for it (or keeps the body on purpose, by choosing it again). */
  const [settled, setSettled] = useState<ReadonlySet<number>>(new Set());
  const flagged = placement.blocks
    .map((block, index) => ({ block, index }))
    .filter(({ block, index }) => block.flag && !settled.has(index));

  async function create() {
    setBusy(true);
    setProblem(null);
    const result = await callApi('import.create', {
      placement: {
        ...placement,
        type,
        blocks: placement.blocks.map((block, index) => ({ ...block, target: targets[index]! })),
      },
    });
    setBusy(false);
    if (!result.ok) setProblem(result.error.message);
    else onCreated(result.value.release.id);
  }

  const rowId = (index: number) => `${id}-block-${index}`;
  return (
    <dialog
      ref={dialog}
      className="import-review"
      aria-labelledby={`${id}-title`}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          void create();
        }}
      >
        <header className="import-review-header">
          <h2 id={`${id}-title`}>Check where each paragraph goes</h2>
          <p className="import-review-source">
            From <strong>{placement.source}</strong>: {placement.blocks.length} paragraphs. Move any paragraph
            by choosing another section beside it, then create the release. It starts as a draft.
          </p>
          <div className="import-review-type">
            <label htmlFor={`${id}-type`}>Release type</label>
            <select
              id={`${id}-type`}
              value={type}
              onChange={(event) => setType(event.target.value as ReleaseType)}
            >
              {RELEASE_TYPES.map((option) => (
                <option key={option} value={option}>
                  {RELEASE_TYPE_LABELS[option]}
                </option>
              ))}
            </select>
          </div>
        </header>

        {flagged.length > 0 && (
          <div className="notice notice-warning import-flagged" role="status">
            <h3>
              {flagged.length === 1
                ? '1 paragraph could not be placed'
                : `${flagged.length} paragraphs could not be placed`}
            </h3>
            <p>
              {flagged.length === 1
                ? 'It went to the body. Choose a section for it, or leave it in the body.'
                : 'They went to the body. Choose a section for each, or leave them in the body.'}
            </p>
            <ul>
              {flagged.map(({ block, index }) => (
                <li key={index}>
                  <a href={`#${rowId(index)}`} onClick={(event) => focusSelect(event, rowId(index))}>
                    Paragraph {index + 1}: {shorten(inlineToPlainText(block.text))}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        )}

        <ol className="import-blocks">
          {placement.blocks.map((block, index) => {
            const target = targets[index]!;
            const isFlagged = block.flag !== null && !settled.has(index);
            return (
              <li
                key={index}
                className={`import-block${isFlagged ? ' import-block-flagged' : ''}${target === 'left-out' ? ' import-block-left-out' : ''}`}
              >
                <div className="import-block-text">
                  <span className="import-block-kind">
                    {index + 1}. {KIND_LABELS[block.kind]}
                  </span>
                  <p className={block.kind === 'heading' ? 'import-block-heading' : undefined}>
                    {inlineToPlainText(block.text)}
                  </p>
                  {isFlagged && (
                    <p className="import-block-flag">
                      <span aria-hidden="true">⚠ </span>
                      {block.flag}
                    </p>
                  )}
                </div>
                <div className="import-block-target">
                  <label htmlFor={rowId(index)}>Section for paragraph {index + 1}</label>
                  <select
                    id={rowId(index)}
                    value={target}
                    aria-describedby={isFlagged ? `${rowId(index)}-flag` : undefined}
                    onChange={(event) => {
                      const next = event.target.value as ImportTarget;
                      setTargets((current) => current.map((value, at) => (at === index ? next : value)));
                      setSettled((current) => new Set(current).add(index));
                    }}
                  >
                    {IMPORT_TARGETS.map((option) => (
                      <option key={option} value={option}>
                        {importTargetLabel(option)}
                      </option>
                    ))}
                  </select>
                  {isFlagged && (
                    <span id={`${rowId(index)}-flag`} className="visually-hidden">
                      Could not be placed: {block.flag}
                    </span>
                  )}
                </div>
              </li>
            );
          })}
        </ol>

        {problem && (
          <div className="notice notice-error" role="alert">
            <p className="preserve-lines">{problem}</p>
          </div>
        )}
        <div className="dialog-actions import-review-actions">
          <button type="submit" className="button-primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create release'}
          </button>
          <button type="button" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}

function shorten(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

/** A link in the list of flagged paragraphs moves the focus to that paragraph's section choice. */
function focusSelect(event: React.MouseEvent, id: string) {
  event.preventDefault();
  const select = document.getElementById(id);
  select?.scrollIntoView({ block: 'center' });
  select?.focus();
}
