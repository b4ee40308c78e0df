import { useRef, useState } from 'react';
import { useFieldArray, type FieldPathByValue } from 'react-hook-form';
import { fieldDomId, focusAfterRender } from '../field-ids';
import { describedBy, FormField, ProseTextarea } from '../fields';
import {
  addLabel as addLabelOf,
  commentSectionOfItems,
  itemLabel as itemLabelOf,
  lowerFirst,
  newItemId,
  type KindProps,
} from './kind-props';
import { GroupIntro } from './GroupIntro';
import { ItemButtons } from './ItemButtons';
import { CommentButton, CommentPanelSlot } from '../../review/comments';
import type { CommentSection } from '../../../../../src-shared/workflow/review-records';
import type { Paragraph, ReleaseContent } from '../../../../../src-shared/release/schema';

type ListName = FieldPathByValue<ReleaseContent, Paragraph[]>;

/** The inline formatting keys, told once: over the paragraphs of the story. */
const FORMATTING_KEYS =
  'Formatting: Ctrl+I *emphasis*, Ctrl+B **strong**, Ctrl+K [link](https://…), Ctrl+Shift+8 bullets, Ctrl+Shift+7 numbers. Alt+↑/↓ moves a paragraph.';

/**
 * `paragraphs` and `notes`: an ordered list of paragraphs (body, background, notes to editors) that can be added,
 * removed and reordered by drag, by buttons, or from the keyboard with Alt+Up / Alt+Down inside a paragraph.
 */
export function ParagraphsField({ form, spec, label, hint, wholeSection }: KindProps) {
  const name = spec.path as ListName;
  const story = spec.render.placement === 'body';
  return (
    <GroupIntro path={name} label={label} hint={hint} wholeSection={wholeSection}>
      {story && <p className="hint kind-formatting-keys">{FORMATTING_KEYS}</p>}
      <ParagraphList
        form={form}
        name={name}
        itemLabel={itemLabelOf(spec)}
        addLabel={addLabelOf(spec)}
        rows={spec.kind === 'notes' ? 2 : story ? 4 : 3}
        newId={() => newItemId(spec)}
        commentSection={commentSectionOfItems(spec)}
      />
    </GroupIntro>
  );
}

function ParagraphList({
  form,
  name,
  itemLabel,
  addLabel,
  rows,
  newId,
  commentSection,
}: {
  form: KindProps['form'];
  name: ListName;
  itemLabel: string;
  addLabel: string;
  rows: number;
  newId: () => string;
  /** Where a comment on one paragraph sits; null when comments cannot sit on the paragraphs. */
  commentSection: CommentSection | null;
}) {
  const { fields, append, remove, move } = useFieldArray({
    control: form.control,
    name,
    keyName: 'fieldKey',
  });
  const [dragging, setDragging] = useState<number | null>(null);
  const [dropTarget, setDropTarget] = useState<number | null>(null);
  const announcer = useRef<HTMLParagraphElement>(null);
  const addButton = useRef<HTMLButtonElement>(null);

  // The Remove button goes with its paragraph: the focus goes to the paragraph before it (the next one when the
  // first is removed), or to the Add button when none is left, never to the page's body.
  const removeAndFocus = (index: number) => {
    remove(index);
    if (fields.length <= 1) requestAnimationFrame(() => addButton.current?.focus());
    else focusAfterRender(`${name}.${Math.max(0, index - 1)}.text`);
  };

  const moveAndFocus = (from: number, to: number) => {
    if (to < 0 || to >= fields.length) return;
    move(from, to);
    if (announcer.current)
      announcer.current.textContent = `${itemLabel} ${from + 1} moved to position ${to + 1}`;
    // The moved paragraph keeps the focus, as in a desktop outliner.
    focusAfterRender(`${name}.${to}.text`);
  };

  return (
    <div className="paragraph-list-wrapper">
      <ol className="paragraph-list">
        {fields.map((item, index) => {
          const path = `${name}.${index}.text`;
          return (
            <li
              key={item.fieldKey}
              className={`paragraph-item${dragging === index ? ' is-dragging' : ''}${dropTarget === index && dragging !== index ? ' is-drop-target' : ''}`}
              onDragOver={(event) => {
                if (dragging === null) return;
                event.preventDefault();
                setDropTarget(index);
              }}
              onDrop={(event) => {
                event.preventDefault();
                if (dragging !== null && dragging !== index) moveAndFocus(dragging, index);
                setDragging(null);
                setDropTarget(null);
              }}
            >
              <div className="paragraph-row">
                <span
                  className="drag-handle"
                  draggable
                  aria-hidden="true"
                  title="Drag to reorder"
                  onDragStart={(event) => {
                    event.dataTransfer.effectAllowed = 'move';
                    event.dataTransfer.setData('text/plain', String(index));
                    setDragging(index);
                  }}
                  onDragEnd={() => {
                    setDragging(null);
                    setDropTarget(null);
                  }}
                >
                  ⋮⋮
                </span>
                <FormField path={path} label={`${itemLabel} ${index + 1}`} className="paragraph-field">
                  <ProseTextarea
                    id={fieldDomId(path)}
                    rows={rows}
                    aria-describedby={describedBy(path, false)}
                    aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
                    {...form.register(`${name}.${index}.text` as const)}
                    onKeyDown={(event) => {
                      if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
                        event.preventDefault();
                        moveAndFocus(index, event.key === 'ArrowUp' ? index - 1 : index + 1);
                      }
                    }}
                  />
                </FormField>
              </div>
              <div className="paragraph-actions">
                <ItemButtons
                  noun={lowerFirst(itemLabel)}
                  index={index}
                  count={fields.length}
                  onMove={moveAndFocus}
                  onRemove={() => removeAndFocus(index)}
                />
                {commentSection && (
                  <CommentButton
                    anchor={{ section: commentSection, itemId: item.id }}
                    label={`${lowerFirst(itemLabel)} ${index + 1}`}
                  />
                )}
              </div>
              {commentSection && (
                <CommentPanelSlot
                  anchor={{ section: commentSection, itemId: item.id }}
                  label={`${itemLabel} ${index + 1}`}
                />
              )}
            </li>
          );
        })}
      </ol>
      <p className="visually-hidden" aria-live="polite" ref={announcer} />
      <button
        ref={addButton}
        type="button"
        onClick={() => {
          append({ id: newId(), text: '' });
          focusAfterRender(`${name}.${fields.length}.text`);
        }}
      >
        {addLabel}
      </button>
    </div>
  );
}
