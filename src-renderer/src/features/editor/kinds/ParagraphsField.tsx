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
import { paragraphMoveTargets } from './form-plan';
import { clipboardParagraphs, clipboardPlainText } from './clipboard-text';
import {
  enterInParagraph,
  joinWithNext,
  pasteParagraphs,
  reanchorQuotes,
  splitParagraph,
  type ListEdit,
  type ParagraphItem,
} from './paragraph-edits';
import { CommentButton, CommentPanelSlot } from '../../review/comments';
import type { CommentSection } from '../../../../../src-shared/workflow/review-records';
import type { Paragraph, Quote, ReleaseContent } from '../../../../../src-shared/release/schema';
import { FIELD_LIST, type FieldSpec } from '../../../../../src-shared/release/structure';

type ListName = FieldPathByValue<ReleaseContent, Paragraph[]>;
type QuotesName = FieldPathByValue<ReleaseContent, Quote[]>;

/** The quotes, which are placed after paragraphs of the story (the list the renderers print them among). */
const QUOTES = FIELD_LIST.find((spec) => spec.kind === 'quotes');

/** The inline formatting keys, told once: over the paragraphs of the story. */
const FORMATTING_KEYS =
  'Formatting: Ctrl+I *emphasis*, Ctrl+B **strong**, Ctrl+K [link](https://…), Ctrl+Shift+8 bullets, Ctrl+Shift+7 numbers.';
/** The keys that work on whole paragraphs, also told once, over the story; the shortcuts list has them all. */
const PARAGRAPH_KEYS =
  'Paragraphs: Enter splits at the cursor, Shift+Enter is a line break, Backspace at the start joins with the one before. Alt+↑/↓ moves a paragraph, Alt+Shift+↑/↓ to the section before or after.';

/**
 * `paragraphs` and `notes`: an ordered list of paragraphs (body, background, notes to editors) that can be added,
 * removed and reordered by drag, by buttons, or from the keyboard with Alt+Up / Alt+Down inside a paragraph. As in
 * a word processor, Enter splits a paragraph, Backspace and Delete join two, and a pasted draft becomes paragraphs.
 * A paragraph of the story moves to another paragraph list of the release (body and background) in one step.
 */
export function ParagraphsField({ form, spec, template, label, hint, wholeSection }: KindProps) {
  const name = spec.path as ListName;
  const story = spec.render.placement === 'body';
  const targets = paragraphMoveTargets(spec, template);
  return (
    <GroupIntro path={name} label={label} hint={hint} wholeSection={wholeSection}>
      {story && (
        <div className="hint kind-formatting-keys">
          <p>{FORMATTING_KEYS}</p>
          <p>{PARAGRAPH_KEYS}</p>
        </div>
      )}
      <ParagraphList
        form={form}
        name={name}
        itemLabel={itemLabelOf(spec)}
        itemsNoun={`${spec.item?.noun ?? 'paragraph'}s`}
        addLabel={addLabelOf(spec)}
        rows={spec.kind === 'notes' ? 2 : story ? 4 : 3}
        newId={() => newItemId(spec)}
        maxItems={spec.limits.maxItems ?? Infinity}
        moveTargets={targets}
        quotesName={story && spec.kind === 'paragraphs' && QUOTES ? (QUOTES.path as QuotesName) : null}
        commentSection={commentSectionOfItems(spec)}
      />
    </GroupIntro>
  );
}

/** Focuses the box of `path` once React has drawn it, with the caret at `caret`. */
function focusAt(path: string, caret: number): void {
  requestAnimationFrame(() => {
    const box = document.getElementById(fieldDomId(path));
    if (!(box instanceof HTMLTextAreaElement)) return;
    box.focus();
    box.setSelectionRange(caret, caret);
  });
}

/** Whether a key event carries no modifier at all (Enter, not Shift+Enter or Ctrl+Enter). */
function bare(event: React.KeyboardEvent): boolean {
  return !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey;
}

function ParagraphList({
  form,
  name,
  itemLabel,
  itemsNoun,
  addLabel,
  rows,
  newId,
  maxItems,
  moveTargets,
  quotesName,
  commentSection,
}: {
  form: KindProps['form'];
  name: ListName;
  itemLabel: string;
  /** The items in a sentence: "paragraphs", "notes". */
  itemsNoun: string;
  addLabel: string;
  rows: number;
  newId: () => string;
  /** The schema's most paragraphs in this list. */
  maxItems: number;
  /** The paragraph lists before and after this one that a paragraph can move to (the body's: the background). */
  moveTargets: { previous: FieldSpec | undefined; next: FieldSpec | undefined };
  /** The quotes placed after paragraphs of this list (the story's), or null when none can be. */
  quotesName: QuotesName | null;
  /** Where a comment on one paragraph sits; null when comments cannot sit on the paragraphs. */
  commentSection: CommentSection | null;
}) {
  const { fields, append, remove, move, insert } = useFieldArray({
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

  const announce = (message: string) => {
    if (announcer.current) announcer.current.textContent = message;
  };

  /** The list as it is now, with the text of paragraph `index` as its box holds it. */
  const currentItems = (index: number, text: string): ParagraphItem[] => {
    const items = (form.getValues(name) ?? []).map((item) => ({ ...item }));
    if (items[index]) items[index] = { ...items[index], text };
    return items;
  };

  /**
   * The quotes placed after paragraph `goneId` placed after `nowId` instead, when that paragraph leaves the story
   * (joined into another, moved to the background): a quote stays where it was rather than falling to the end.
   * Null when no quote followed it.
   */
  const quotesWithout = (goneId: string | undefined, nowId: string | null): Quote[] | null =>
    quotesName && goneId !== undefined
      ? reanchorQuotes(form.getValues(quotesName) ?? [], goneId, nowId)
      : null;

  /**
   * Applies an edit that changed paragraph `index` and inserted `inserted` paragraphs after it, or removed the one
   * after it. The list changes first, then the paragraph's text: the form reports the list's change only after
   * React has drawn it, so the text's change reports both at once, and undo takes the edit back in one step.
   */
  const applyEdit = (
    index: number,
    edit: ListEdit,
    change: { inserted: number } | { removedNext: string },
  ) => {
    const quotes = 'removedNext' in change ? quotesWithout(change.removedNext, edit.items[index]!.id) : null;
    if (quotes && quotesName) {
      // Two fields change: set together, so that they are one change (and one undo step).
      form.setValues({ [name]: edit.items, [quotesName]: quotes } as Partial<ReleaseContent>, {
        shouldDirty: true,
      });
    } else {
      if ('inserted' in change) {
        if (change.inserted > 0)
          insert(index + 1, edit.items.slice(index + 1, index + 1 + change.inserted), { shouldFocus: false });
      } else {
        remove(index + 1);
      }
      form.setValue(`${name}.${index}.text`, edit.items[index]!.text, { shouldDirty: true });
    }
    focusAt(`${name}.${edit.focus.index}.text`, edit.focus.caret);
  };

  const full = () => announce(`There can be at most ${maxItems.toLocaleString('en-GB')} ${itemsNoun} here.`);

  /** A paste of several paragraphs: new boxes after this one. A paste of one keeps the browser's own paste. */
  const onPaste = (event: React.ClipboardEvent<HTMLTextAreaElement>, index: number) => {
    const box = event.currentTarget;
    const pieces = clipboardParagraphs(event.clipboardData);
    if (pieces.length === 0) return;
    if (pieces.length === 1) {
      // One paragraph: pasted as it is, unless its line breaks were soft ones (or it came as HTML).
      if (pieces[0] === clipboardPlainText(event.clipboardData)) return;
      event.preventDefault();
      box.setRangeText(pieces[0]!, box.selectionStart, box.selectionEnd, 'end');
      box.dispatchEvent(new Event('input', { bubbles: true }));
      return;
    }
    event.preventDefault();
    const items = currentItems(index, box.value);
    const edit = pasteParagraphs(items, index, box.selectionStart, box.selectionEnd, pieces, maxItems, newId);
    const inserted = edit.items.length - items.length;
    applyEdit(index, edit, { inserted });
    const made = inserted + 1;
    announce(
      made < pieces.length
        ? `Pasted as ${made} ${itemsNoun}, the most there can be: the rest is in ${lowerFirst(itemLabel)} ${index + made}.`
        : `Pasted as ${made} ${itemsNoun}.`,
    );
  };

  /** Enter splits, Backspace at the start and Delete at the end join; false when the key was not for us. */
  const onParagraphKey = (event: React.KeyboardEvent<HTMLTextAreaElement>, index: number): boolean => {
    const box = event.currentTarget;
    const { selectionStart: start, selectionEnd: end, value } = box;
    if (event.key === 'Enter' && bare(event) && !event.nativeEvent.isComposing) {
      const enter = enterInParagraph(value, start, end);
      event.preventDefault();
      if (!enter.split) {
        // The next item of a list in the paragraph.
        box.setRangeText(enter.text.slice(start, enter.caret), start, end, 'end');
        box.dispatchEvent(new Event('input', { bubbles: true }));
        return true;
      }
      if (fields.length >= maxItems) {
        full();
        return true;
      }
      const items = currentItems(index, value);
      applyEdit(index, splitParagraph(items, index, enter.head, enter.tail, newId), { inserted: 1 });
      announce(
        `${itemLabel} ${index + 1} split: the cursor is at the start of ${lowerFirst(itemLabel)} ${index + 2}.`,
      );
      return true;
    }
    const collapsed = start === end;
    if (event.key === 'Backspace' && bare(event) && collapsed && start === 0 && index > 0) {
      event.preventDefault();
      const items = currentItems(index, value);
      const edit = joinWithNext(items, index - 1);
      if (edit) {
        applyEdit(index - 1, edit, { removedNext: items[index]!.id });
        announce(`${itemLabel} ${index + 1} joined to ${lowerFirst(itemLabel)} ${index}.`);
      }
      return true;
    }
    if (
      event.key === 'Delete' &&
      bare(event) &&
      collapsed &&
      start === value.length &&
      index < fields.length - 1
    ) {
      event.preventDefault();
      const items = currentItems(index, value);
      const edit = joinWithNext(items, index);
      if (edit) {
        applyEdit(index, edit, { removedNext: items[index + 1]!.id });
        announce(`${itemLabel} ${index + 2} joined to ${lowerFirst(itemLabel)} ${index + 1}.`);
      }
      return true;
    }
    return false;
  };

  /**
   * Paragraph `index` moved to another paragraph list: to the start of the list after this one (it goes down the
   * release), to the end of the list before (it goes up). It keeps its id, and the focus.
   */
  const moveToList = (index: number, target: FieldSpec, caret = 0) => {
    const targetName = target.path as ListName;
    const targetItems = form.getValues(targetName) ?? [];
    const targetItemLabel = target.item?.label ?? target.label;
    if (targetItems.length >= (target.limits.maxItems ?? Infinity)) {
      announce(
        `The ${lowerFirst(target.label)} is full: it cannot take another ${lowerFirst(targetItemLabel)}.`,
      );
      return;
    }
    const items = form.getValues(name) ?? [];
    const item = items[index]!;
    const down = target === moveTargets.next;
    // A quote that followed it follows the paragraph before it now (the one after, if it was the first).
    const quotes = quotesWithout(item.id, (items[index - 1] ?? items[index + 1])?.id ?? null);
    // Both lists (and the quotes) set together: one change, one undo step.
    form.setValues(
      {
        [name]: items.filter((_, i) => i !== index),
        [targetName]: down ? [item, ...targetItems] : [...targetItems, item],
        ...(quotes && quotesName ? { [quotesName]: quotes } : {}),
      } as Partial<ReleaseContent>,
      { shouldDirty: true },
    );
    const at = down ? 0 : targetItems.length;
    announce(
      `${itemLabel} ${index + 1} moved to the ${lowerFirst(target.label)}: now ${lowerFirst(targetItemLabel)} ${at + 1}.`,
    );
    focusAt(`${targetName}.${at}.text`, caret);
  };

  const moveButtons = (index: number) =>
    [moveTargets.previous, moveTargets.next]
      .filter((target): target is FieldSpec => target !== undefined)
      .map((target) => ({
        label: `Move to ${lowerFirst(target.label)}`,
        onClick: () => moveToList(index, target),
      }));

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
                    aria-keyshortcuts={keyShortcuts(moveTargets)}
                    {...form.register(`${name}.${index}.text` as const)}
                    onPaste={(event) => onPaste(event, index)}
                    onKeyDown={(event) => {
                      const arrow = event.key === 'ArrowUp' || event.key === 'ArrowDown';
                      if (event.altKey && event.shiftKey && arrow && !event.ctrlKey && !event.metaKey) {
                        event.preventDefault();
                        const target = event.key === 'ArrowUp' ? moveTargets.previous : moveTargets.next;
                        if (target) moveToList(index, target, event.currentTarget.selectionStart);
                        return;
                      }
                      if (event.altKey && arrow) {
                        event.preventDefault();
                        moveAndFocus(index, event.key === 'ArrowUp' ? index - 1 : index + 1);
                        return;
                      }
                      onParagraphKey(event, index);
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
                  moves={moveButtons(index)}
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

/** The keys a paragraph's box answers to, for assistive technology. */
function keyShortcuts(targets: { previous: FieldSpec | undefined; next: FieldSpec | undefined }): string {
  return [
    'Alt+ArrowUp Alt+ArrowDown Enter Shift+Enter',
    targets.previous ? 'Alt+Shift+ArrowUp' : '',
    targets.next ? 'Alt+Shift+ArrowDown' : '',
  ]
    .filter(Boolean)
    .join(' ');
}
