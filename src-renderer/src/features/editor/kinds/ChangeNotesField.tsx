import { useFieldArray, useWatch, type FieldPathByValue } from 'react-hook-form';
import { fieldDomId, focusAfterRender } from '../field-ids';
import { FormField } from '../fields';
import { GroupIntro } from './GroupIntro';
import { addLabel, itemName, lowerFirst, newItemId, type KindProps } from './kind-props';
import type { ChangeNote, ReleaseContent } from '../../../../../src-shared/release/schema';
import { formatInstantInZone, resolveLocale } from '../../../../../src-shared/render/format-date';

type NotesPath = FieldPathByValue<ReleaseContent, ChangeNote[]>;

/**
 * `change-notes`: the release's public change history (issue 17). Notes already published are shown as they
 * were published and cannot be edited here (they are on the public page with their date); the note of the
 * correction in progress is typed here, with whether the change is major (announced in the news feed) or minor
 * (shown on the page only). A correction usually starts from "Correct…" in the review bar, which adds the note.
 */
export function ChangeNotesField({ form, spec, label, hint, wholeSection, profile }: KindProps) {
  const name = spec.path as NotesPath;
  const { fields, append, remove } = useFieldArray({ control: form.control, name, keyName: 'fieldKey' });
  const notes = (useWatch({ control: form.control, name }) ?? []) as ChangeNote[];
  const zone = (useWatch({ control: form.control, name: 'header.timeZone' }) as string) || profile.timeZone;
  const locale = resolveLocale(profile.locale);
  return (
    <GroupIntro path={name} label={label} hint={hint} wholeSection={wholeSection}>
      {fields.length > 0 && (
        <ol className="change-note-list">
          {fields.map((field, index) => {
            const note = notes[index] ?? field;
            const itemText = `${name}.${index}.text` as const;
            if (note.publishedAt) {
              const when = formatInstantInZone(note.publishedAt, zone, locale);
              return (
                <li key={field.fieldKey} className="change-note change-note-published">
                  <p>
                    <strong>{when ? when.text : note.publishedAt}</strong>{' '}
                    <span className="change-note-importance">
                      ({note.importance === 'major' ? 'major change' : 'minor change'})
                    </span>
                  </p>
                  <p>{note.text}</p>
                </li>
              );
            }
            return (
              <li key={field.fieldKey} className="change-note change-note-pending">
                <FormField
                  path={itemText}
                  label={`${itemName(spec, index)}: what was corrected`}
                  hint="Dated when the corrected release is published."
                >
                  <textarea id={fieldDomId(itemText)} rows={2} {...form.register(itemText)} />
                </FormField>
                <fieldset className="change-note-importance-choice">
                  <legend>
                    <span className="visually-hidden">{itemName(spec, index)}: </span>How big a change is it?
                  </legend>
                  {(['major', 'minor'] as const).map((importance) => (
                    <label key={importance} className="choice-inline">
                      <input
                        type="radio"
                        value={importance}
                        {...form.register(`${name}.${index}.importance` as const)}
                      />{' '}
                      {importance === 'major'
                        ? 'Major: readers need to know (announced in the news feed)'
                        : 'Minor: a typo or a broken link (shown on the page only)'}
                    </label>
                  ))}
                </fieldset>
                <button type="button" className="button-quiet button-danger" onClick={() => remove(index)}>
                  Remove<span className="visually-hidden"> {lowerFirst(itemName(spec, index))}</span>
                </button>
              </li>
            );
          })}
        </ol>
      )}
      <button
        type="button"
        onClick={() => {
          append({ id: newItemId(spec), text: '', importance: 'major', publishedAt: null });
          focusAfterRender(`${name}.${fields.length}.text`);
        }}
      >
        {addLabel(spec)}
      </button>
    </GroupIntro>
  );
}
