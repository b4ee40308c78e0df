import { useFieldArray, useWatch, type FieldPathByValue } from 'react-hook-form';
import { fieldDomId, focusAfterRender } from '../field-ids';
import { FormField } from '../fields';
import { GroupIntro } from './GroupIntro';
import { ItemButtons } from './ItemButtons';
import {
  addLabel,
  commentSectionOfItems,
  itemLabel,
  itemName,
  lowerFirst,
  newItemId,
  upperFirst,
  type Form,
  type KindProps,
} from './kind-props';
import { CommentButton, CommentPanelSlot, contactItemId } from '../../review/comments';
import type { ReleaseContact, ReleaseContent } from '../../../../../src-shared/release/schema';
import type { CommentSection } from '../../../../../src-shared/workflow/review-records';

type ContactsPath = FieldPathByValue<ReleaseContent, ReleaseContact[]>;
type ContactKey = Exclude<keyof ReleaseContact, 'id'>;

/** The input a part of a contact is typed in: an address book's types, so phones and mail apps offer theirs. */
const inputType = (key: string) => (key === 'email' ? 'email' : key === 'phone' ? 'tel' : 'text');

/**
 * `contacts`: a card per media contact with the parts the table lists (name, role, phone, email, out of hours),
 * filled from the organisation's profile on a new release and reset to it on request.
 */
export function ContactsField({ form, spec, profile, label, hint, wholeSection }: KindProps) {
  const name = spec.path as ContactsPath;
  const { fields, append, remove, replace } = useFieldArray({
    control: form.control,
    name,
    keyName: 'fieldKey',
  });
  const parts = (spec.parts ?? []) as ReadonlyArray<{ key: ContactKey; label: string }>;
  const commentSection = commentSectionOfItems(spec);
  const noun = lowerFirst(itemLabel(spec));
  return (
    <GroupIntro path={name} label={label} hint={hint} wholeSection={wholeSection}>
      <ol className="contact-list">
        {fields.map((contact, index) => (
          <ContactCard
            key={contact.fieldKey}
            form={form}
            name={name}
            index={index}
            count={fields.length}
            legend={itemName(spec, index)}
            noun={noun}
            parts={parts}
            commentSection={commentSection}
            onRemove={() => remove(index)}
          />
        ))}
      </ol>
      <div className="field-actions">
        <button
          type="button"
          onClick={() => {
            append({ id: newItemId(spec), name: '', role: '', phone: '', email: '', outOfHours: '' });
            focusAfterRender(`${name}.${fields.length}.${parts[0]?.key ?? 'name'}`);
          }}
        >
          {addLabel(spec)}
        </button>
        <button
          type="button"
          className="button-quiet"
          onClick={() =>
            replace(
              profile.contacts.map((c) => ({
                ...c,
                id: newItemId(spec),
                outOfHours: c.outOfHours || profile.outOfHours,
              })),
            )
          }
        >
          Reset to the profile's contacts
        </button>
      </div>
    </GroupIntro>
  );
}

/**
 * One contact's card. Its comments are anchored on the contact's id as the form holds it now (watched, so that
 * after a removal above it the anchor is still this contact's).
 */
function ContactCard({
  form,
  name,
  index,
  count,
  legend,
  noun,
  parts,
  commentSection,
  onRemove,
}: {
  form: Form;
  name: ContactsPath;
  index: number;
  count: number;
  legend: string;
  noun: string;
  parts: ReadonlyArray<{ key: ContactKey; label: string }>;
  commentSection: CommentSection | null;
  onRemove: () => void;
}) {
  const id = useWatch({ control: form.control, name: `${name}.${index}.id` });
  const anchor = commentSection && { section: commentSection, itemId: contactItemId(index, id) };
  return (
    <li>
      <fieldset>
        <legend>{legend}</legend>
        <div className="field-row">
          {parts.map((part) => {
            const path = `${name}.${index}.${part.key}` as const;
            return (
              <FormField key={part.key} path={path} label={upperFirst(part.label)}>
                <input
                  id={fieldDomId(path)}
                  type={inputType(part.key)}
                  autoComplete="off"
                  {...form.register(path)}
                />
              </FormField>
            );
          })}
        </div>
        <div className="item-actions">
          <ItemButtons noun={noun} index={index} count={count} onRemove={onRemove} />
          {anchor && <CommentButton anchor={anchor} label={`${noun} ${index + 1}`} />}
        </div>
        {anchor && <CommentPanelSlot anchor={anchor} label={legend} />}
      </fieldset>
    </li>
  );
}
