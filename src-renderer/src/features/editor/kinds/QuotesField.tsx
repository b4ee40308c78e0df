import { useState } from 'react';
import { Controller, useFieldArray, useWatch, type FieldPathByValue } from 'react-hook-form';
import { fieldDomId, focusAfterRender } from '../field-ids';
import { describedBy, FormField, ProseTextarea } from '../fields';
import { GroupIntro } from './GroupIntro';
import { ItemButtons } from './ItemButtons';
import {
  addLabel,
  commentSectionOfItems,
  itemLabel,
  itemName,
  lowerFirst,
  newItemId,
  type Form,
  type KindProps,
} from './kind-props';
import { CommentButton, CommentPanelSlot } from '../../review/comments';
import type { Paragraph, Quote, ReleaseContent } from '../../../../../src-shared/release/schema';
import { FIELD_LIST, type FieldSpec } from '../../../../../src-shared/release/structure';

type QuotesPath = FieldPathByValue<ReleaseContent, Quote[]>;
type ParagraphsPath = FieldPathByValue<ReleaseContent, Paragraph[]>;

/** The paragraphs a quote is placed among: the story's, which the renderers print the quotes between. */
const STORY: FieldSpec | undefined = FIELD_LIST.find(
  (spec) => spec.kind === 'paragraphs' && spec.render.placement === 'body',
);

/** Paragraphs of a quote are typed in one box, separated by a blank line. */
function toParagraphs(text: string): string[] {
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return paragraphs.length > 0 ? paragraphs : [''];
}

/**
 * `quotes`: each quote a card with the speaker, their role and organisation, what they said (paragraphs in one
 * box) and the body paragraph it follows; moved, removed and commented on one by one.
 */
export function QuotesField({ form, spec, label, hint, wholeSection }: KindProps) {
  const name = spec.path as QuotesPath;
  const { fields, append, remove, move } = useFieldArray({
    control: form.control,
    name,
    keyName: 'fieldKey',
  });
  const commentSection = commentSectionOfItems(spec);
  const noun = lowerFirst(itemLabel(spec));
  return (
    <GroupIntro path={name} label={label} hint={hint} wholeSection={wholeSection}>
      {fields.length === 0 && <p className="hint">No quotes yet. A quote needs a speaker and their role.</p>}
      <ol className="quote-list">
        {fields.map((quote, index) => {
          const base = `${name}.${index}` as const;
          return (
            <li key={quote.fieldKey} className="quote-item">
              <fieldset>
                <legend>{itemName(spec, index)}</legend>
                <div className="kind-pair">
                  <FormField path={`${base}.speakerName`} label="Speaker's name">
                    <input
                      id={fieldDomId(`${base}.speakerName`)}
                      autoComplete="off"
                      {...form.register(`${base}.speakerName`)}
                    />
                  </FormField>
                  <FormField
                    path={`${base}.speakerRole`}
                    label="Role"
                    hint="As it should read: “Regional Director”."
                  >
                    <input
                      id={fieldDomId(`${base}.speakerRole`)}
                      autoComplete="off"
                      aria-describedby={describedBy(`${base}.speakerRole`, true)}
                      {...form.register(`${base}.speakerRole`)}
                    />
                  </FormField>
                </div>
                <FormField
                  path={`${base}.organisation`}
                  label="Organisation"
                  hint="Leave empty when it is your own."
                >
                  <input
                    id={fieldDomId(`${base}.organisation`)}
                    className="input-wide"
                    aria-describedby={describedBy(`${base}.organisation`, true)}
                    {...form.register(`${base}.organisation`)}
                  />
                </FormField>
                <Controller
                  control={form.control}
                  name={`${base}.paragraphs`}
                  render={({ field }) => (
                    <FormField
                      path={`${base}.paragraphs`}
                      label="What they said"
                      hint="Leave a blank line between paragraphs. No quotation marks needed."
                    >
                      <QuoteText
                        id={fieldDomId(`${base}.paragraphs`)}
                        value={field.value}
                        onChange={field.onChange}
                        onBlur={field.onBlur}
                        describedById={describedBy(`${base}.paragraphs`, true)}
                      />
                    </FormField>
                  )}
                />
                <Placement form={form} path={`${base}.afterParagraphId`} />
                <div className="paragraph-actions">
                  <ItemButtons
                    noun={noun}
                    index={index}
                    count={fields.length}
                    onMove={move}
                    onRemove={() => remove(index)}
                  />
                  {commentSection && (
                    <CommentButton
                      anchor={{ section: commentSection, itemId: quote.id }}
                      label={`${noun} ${index + 1}`}
                    />
                  )}
                </div>
                {commentSection && (
                  <CommentPanelSlot
                    anchor={{ section: commentSection, itemId: quote.id }}
                    label={itemName(spec, index)}
                  />
                )}
              </fieldset>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        onClick={() => {
          append({
            id: newItemId(spec),
            speakerName: '',
            speakerRole: '',
            organisation: '',
            paragraphs: [''],
            afterParagraphId: null,
          });
          focusAfterRender(`${name}.${fields.length}.speakerName`);
        }}
      >
        {addLabel(spec)}
      </button>
    </GroupIntro>
  );
}

/**
 * "Place it after": the body paragraph a quote follows. It alone watches the body (its options name each
 * paragraph), so typing in the body re-renders these selects and not the quotes around them.
 */
function Placement({ form, path }: { form: Form; path: `${QuotesPath}.${number}.afterParagraphId` }) {
  const story = (STORY?.path ?? 'body') as ParagraphsPath;
  const paragraphs = useWatch({ control: form.control, name: story }) ?? [];
  const paragraphLabel = STORY?.item?.label ?? 'Paragraph';
  return (
    <FormField path={path} label="Place it after">
      <select
        id={fieldDomId(path)}
        {...form.register(path, {
          setValueAs: (v: string | null) => (v === '' || v === null ? null : v),
        })}
      >
        <option value="">
          The last {lowerFirst(STORY?.label ?? 'body')} {lowerFirst(paragraphLabel)}
        </option>
        {paragraphs.map((paragraph, i) => (
          <option key={paragraph?.id ?? i} value={paragraph?.id ?? ''}>
            {paragraphLabel} {i + 1}: {(paragraph?.text ?? '').slice(0, 40) || '(empty)'}
          </option>
        ))}
      </select>
    </FormField>
  );
}

function QuoteText({
  id,
  value,
  onChange,
  onBlur,
  describedById,
}: {
  id: string;
  value: string[];
  onChange: (v: string[]) => void;
  onBlur: () => void;
  describedById: string;
}) {
  // The box keeps exactly what was typed (blank lines included); the form gets the paragraphs on every keystroke.
  const [text, setText] = useState((value ?? []).join('\n\n'));
  const [lastValue, setLastValue] = useState(value);
  if (value !== lastValue && (value ?? []).join('\n\n') !== toParagraphs(text).join('\n\n')) {
    setLastValue(value);
    setText((value ?? []).join('\n\n'));
  }
  return (
    <ProseTextarea
      id={id}
      rows={5}
      aria-describedby={describedById}
      value={text}
      onChange={(event) => {
        const next = toParagraphs(event.target.value);
        setText(event.target.value);
        setLastValue(next);
        onChange(next);
      }}
      onBlur={onBlur}
    />
  );
}
