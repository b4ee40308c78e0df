import { useFieldArray, useWatch, type FieldPathByValue } from 'react-hook-form';
import { fieldDomId } from '../field-ids';
import { FormField } from '../fields';
import { GroupIntro } from './GroupIntro';
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
          <li key={contact.fieldKey}>
            <fieldset>
              <legend>{itemName(spec, index)}</legend>
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
                <button type="button" className="button-quiet button-danger" onClick={() => remove(index)}>
                  Remove
                  <span className="visually-hidden">
                    {' '}
                    {noun} {index + 1}
                  </span>
                </button>
                {commentSection && (
                  <ContactComment
                    form={form}
                    name={name}
                    section={commentSection}
                    index={index}
                    label={`${noun} ${index + 1}`}
                    part="button"
                  />
                )}
              </div>
              {commentSection && (
                <ContactComment
                  form={form}
                  name={name}
                  section={commentSection}
                  index={index}
                  label={itemName(spec, index)}
                  part="panel"
                />
              )}
            </fieldset>
          </li>
        ))}
      </ol>
      <div className="field-actions">
        <button
          type="button"
          onClick={() => {
            append({ id: newItemId(spec), name: '', role: '', phone: '', email: '', outOfHours: '' });
            requestAnimationFrame(() =>
              document
                .getElementById(fieldDomId(`${name}.${fields.length}.${parts[0]?.key ?? 'name'}`))
                ?.focus(),
            );
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
 * The comment button or panel of one contact, anchored on the contact's id as the form holds it now (watched, so
 * that after a removal above it the anchor is still this contact's).
 */
function ContactComment({
  form,
  name,
  section,
  index,
  label,
  part,
}: {
  form: Form;
  name: ContactsPath;
  section: CommentSection;
  index: number;
  label: string;
  part: 'button' | 'panel';
}) {
  const id = useWatch({ control: form.control, name: `${name}.${index}.id` });
  const anchor = { section, itemId: contactItemId(index, id) };
  return part === 'button' ? (
    <CommentButton anchor={anchor} label={label} />
  ) : (
    <CommentPanelSlot anchor={anchor} label={label} />
  );
}
