import { useState } from 'react';
import { Controller, useFieldArray, useWatch, type UseFormReturn } from 'react-hook-form';
import { fieldDomId } from '../field-ids';
import { CharacterCount, describedBy, FormField, ProseTextarea } from '../fields';
import { newId } from './ParagraphList';
import { CommentButton, CommentPanelSlot, contactItemId } from '../../review/comments';
import type { OrganisationProfile, ReleaseContent } from '../../../../../src-shared/release/schema';
import type { ReleaseTemplate } from '../../../../../src-shared/release/templates';

type Form = UseFormReturn<ReleaseContent>;

/** Subscribes to one field only, so a count under it re-renders without the rest of the form. */
function WatchedCount({
  form,
  name,
  limit,
  unit,
}: {
  form: Form;
  name: 'headline' | 'standfirst';
  limit: number;
  unit: 'character' | 'word';
}) {
  const value = useWatch({ control: form.control, name }) ?? '';
  return <CharacterCount value={value} limit={limit} unit={unit} />;
}

export function HeadlineSection({
  form,
  profile,
  template,
}: {
  form: Form;
  profile: OrganisationProfile;
  template: ReleaseTemplate;
}) {
  return (
    <FormField
      path="headline"
      label="Headline"
      hint={template.guidance.headline}
      extra={
        <WatchedCount
          form={form}
          name="headline"
          limit={profile.limits.headlineCharacters}
          unit="character"
        />
      }
    >
      <input
        id={fieldDomId('headline')}
        className="input-wide input-headline"
        autoComplete="off"
        aria-describedby={describedBy('headline', true)}
        {...form.register('headline')}
      />
    </FormField>
  );
}

export function StandfirstSection({
  form,
  profile,
  template,
}: {
  form: Form;
  profile: OrganisationProfile;
  template: ReleaseTemplate;
}) {
  const { fields } = useFieldArray({ control: form.control, name: 'details', keyName: 'fieldKey' });
  return (
    <>
      <FormField
        path="standfirst"
        label="Standfirst"
        hint={template.guidance.standfirst}
        extra={
          <WatchedCount form={form} name="standfirst" limit={profile.limits.standfirstWords} unit="word" />
        }
      >
        <ProseTextarea
          id={fieldDomId('standfirst')}
          rows={3}
          aria-describedby={describedBy('standfirst', true)}
          {...form.register('standfirst')}
        />
      </FormField>
      {fields.length > 0 && (
        <fieldset className="key-details-fields">
          <legend>{template.detailsTitle || 'Key details'}</legend>
          {fields.map((detail, index) => {
            const path = `details.${index}.text`;
            const hint = template.details.find((d) => d.key === detail.key)?.hint;
            return (
              <FormField key={detail.fieldKey} path={path} label={detail.label} hint={hint}>
                <ProseTextarea
                  id={fieldDomId(path)}
                  rows={2}
                  aria-describedby={describedBy(path, Boolean(hint))}
                  {...form.register(`details.${index}.text` as const)}
                />
              </FormField>
            );
          })}
        </fieldset>
      )}
    </>
  );
}

/** Paragraphs of a quote are typed in one box, separated by a blank line. */
function toParagraphs(text: string): string[] {
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return paragraphs.length > 0 ? paragraphs : [''];
}

export function QuotesSection({ form }: { form: Form }) {
  const { fields, append, remove, move } = useFieldArray({
    control: form.control,
    name: 'quotes',
    keyName: 'fieldKey',
  });
  const body = useWatch({ control: form.control, name: 'body' }) ?? [];
  return (
    <div>
      {fields.length === 0 && <p className="hint">No quotes yet. A quote needs a speaker and their role.</p>}
      <ol className="quote-list">
        {fields.map((quote, index) => (
          <li key={quote.fieldKey} className="quote-item">
            <fieldset>
              <legend>Quote {index + 1}</legend>
              <div className="field-row">
                <FormField path={`quotes.${index}.speakerName`} label="Speaker's name">
                  <input
                    id={fieldDomId(`quotes.${index}.speakerName`)}
                    autoComplete="off"
                    {...form.register(`quotes.${index}.speakerName` as const)}
                  />
                </FormField>
                <FormField
                  path={`quotes.${index}.speakerRole`}
                  label="Role"
                  hint="As it should read: “Regional Director”."
                >
                  <input
                    id={fieldDomId(`quotes.${index}.speakerRole`)}
                    autoComplete="off"
                    aria-describedby={describedBy(`quotes.${index}.speakerRole`, true)}
                    {...form.register(`quotes.${index}.speakerRole` as const)}
                  />
                </FormField>
              </div>
              <FormField
                path={`quotes.${index}.organisation`}
                label="Organisation"
                hint="Leave empty when it is your own."
              >
                <input
                  id={fieldDomId(`quotes.${index}.organisation`)}
                  className="input-wide"
                  aria-describedby={describedBy(`quotes.${index}.organisation`, true)}
                  {...form.register(`quotes.${index}.organisation` as const)}
                />
              </FormField>
              <Controller
                control={form.control}
                name={`quotes.${index}.paragraphs`}
                render={({ field }) => (
                  <FormField
                    path={`quotes.${index}.paragraphs`}
                    label="What they said"
                    hint="Leave a blank line between paragraphs. No quotation marks needed."
                  >
                    <QuoteText
                      id={fieldDomId(`quotes.${index}.paragraphs`)}
                      value={field.value}
                      onChange={field.onChange}
                      onBlur={field.onBlur}
                      describedById={describedBy(`quotes.${index}.paragraphs`, true)}
                    />
                  </FormField>
                )}
              />
              <FormField path={`quotes.${index}.afterParagraphId`} label="Place it after">
                <select
                  id={fieldDomId(`quotes.${index}.afterParagraphId`)}
                  {...form.register(`quotes.${index}.afterParagraphId` as const, {
                    setValueAs: (v: string | null) => (v === '' || v === null ? null : v),
                  })}
                >
                  <option value="">The last body paragraph</option>
                  {body.map((paragraph, i) => (
                    <option key={paragraph?.id ?? i} value={paragraph?.id ?? ''}>
                      Paragraph {i + 1}: {(paragraph?.text ?? '').slice(0, 40) || '(empty)'}
                    </option>
                  ))}
                </select>
              </FormField>
              <div className="paragraph-actions">
                <button
                  type="button"
                  className="button-quiet"
                  disabled={index === 0}
                  onClick={() => move(index, index - 1)}
                >
                  Move up<span className="visually-hidden"> quote {index + 1}</span>
                </button>
                <button
                  type="button"
                  className="button-quiet"
                  disabled={index === fields.length - 1}
                  onClick={() => move(index, index + 1)}
                >
                  Move down<span className="visually-hidden"> quote {index + 1}</span>
                </button>
                <button type="button" className="button-quiet button-danger" onClick={() => remove(index)}>
                  Remove<span className="visually-hidden"> quote {index + 1}</span>
                </button>
                <CommentButton
                  anchor={{ section: 'quotes', itemId: quote.id }}
                  label={`quote ${index + 1}`}
                />
              </div>
              <CommentPanelSlot
                anchor={{ section: 'quotes', itemId: quote.id }}
                label={`Quote ${index + 1}`}
              />
            </fieldset>
          </li>
        ))}
      </ol>
      <button
        type="button"
        onClick={() => {
          append({
            id: newId('q'),
            speakerName: '',
            speakerRole: '',
            organisation: '',
            paragraphs: [''],
            afterParagraphId: null,
          });
          requestAnimationFrame(() =>
            document.getElementById(fieldDomId(`quotes.${fields.length}.speakerName`))?.focus(),
          );
        }}
      >
        Add quote
      </button>
    </div>
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
      rows={4}
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

export function AboutSection({ form, profile }: { form: Form; profile: OrganisationProfile }) {
  return (
    <FormField
      path="boilerplate"
      label={`About ${profile.name}`}
      hint="The organisation's standard paragraph, from its profile. Edit it for this release only if you must."
    >
      <ProseTextarea
        id={fieldDomId('boilerplate')}
        rows={5}
        aria-describedby={describedBy('boilerplate', true)}
        {...form.register('boilerplate')}
      />
      <div className="field-actions">
        <button
          type="button"
          className="button-quiet"
          onClick={() => form.setValue('boilerplate', profile.boilerplate, { shouldDirty: true })}
        >
          Reset to the profile's wording
        </button>
      </div>
    </FormField>
  );
}

export function ContactsSection({ form, profile }: { form: Form; profile: OrganisationProfile }) {
  const { fields, append, remove, replace } = useFieldArray({
    control: form.control,
    name: 'mediaContacts',
    keyName: 'fieldKey',
  });
  return (
    <div>
      <ol className="contact-list">
        {fields.map((contact, index) => (
          <li key={contact.fieldKey}>
            <fieldset>
              <legend>Contact {index + 1}</legend>
              <div className="field-row">
                {(['name', 'role', 'phone', 'email', 'outOfHours'] as const).map((key) => (
                  <FormField
                    key={key}
                    path={`mediaContacts.${index}.${key}`}
                    label={
                      {
                        name: 'Name',
                        role: 'Role',
                        phone: 'Phone',
                        email: 'Email',
                        outOfHours: 'Out of hours',
                      }[key]
                    }
                  >
                    <input
                      id={fieldDomId(`mediaContacts.${index}.${key}`)}
                      type={key === 'email' ? 'email' : key === 'phone' ? 'tel' : 'text'}
                      autoComplete="off"
                      {...form.register(`mediaContacts.${index}.${key}` as const)}
                    />
                  </FormField>
                ))}
              </div>
              <div className="item-actions">
                <button type="button" className="button-quiet button-danger" onClick={() => remove(index)}>
                  Remove<span className="visually-hidden"> contact {index + 1}</span>
                </button>
                <ContactComment form={form} index={index} part="button" />
              </div>
              <ContactComment form={form} index={index} part="panel" />
            </fieldset>
          </li>
        ))}
      </ol>
      <div className="field-actions">
        <button
          type="button"
          onClick={() => {
            append({ id: newId('c'), name: '', role: '', phone: '', email: '', outOfHours: '' });
            requestAnimationFrame(() =>
              document.getElementById(fieldDomId(`mediaContacts.${fields.length}.name`))?.focus(),
            );
          }}
        >
          Add contact
        </button>
        <button
          type="button"
          className="button-quiet"
          onClick={() =>
            replace(
              profile.contacts.map((c) => ({
                ...c,
                id: newId('c'),
                outOfHours: c.outOfHours || profile.outOfHours,
              })),
            )
          }
        >
          Reset to the profile's contacts
        </button>
      </div>
    </div>
  );
}

/**
 * The comment button or panel of one contact, anchored on the contact's id as the form holds it now (watched, so
 * that after a removal above it the anchor is still this contact's).
 */
function ContactComment({ form, index, part }: { form: Form; index: number; part: 'button' | 'panel' }) {
  const id = useWatch({ control: form.control, name: `mediaContacts.${index}.id` });
  const anchor = { section: 'mediaContacts' as const, itemId: contactItemId(index, id) };
  return part === 'button' ? (
    <CommentButton anchor={anchor} label={`contact ${index + 1}`} />
  ) : (
    <CommentPanelSlot anchor={anchor} label={`Contact ${index + 1}`} />
  );
}

export function LinksSection({ form }: { form: Form }) {
  const { fields, append, remove } = useFieldArray({
    control: form.control,
    name: 'relatedLinks',
    keyName: 'fieldKey',
  });
  return (
    <div>
      <FormField
        path="canonicalUrl"
        label="Original article link"
        hint="Where this release is published, starting https://"
      >
        <input
          id={fieldDomId('canonicalUrl')}
          type="url"
          className="input-wide"
          inputMode="url"
          aria-describedby={describedBy('canonicalUrl', true)}
          {...form.register('canonicalUrl')}
        />
      </FormField>
      <ol className="link-list">
        {fields.map((link, index) => (
          <li key={link.fieldKey} className="field-row">
            <FormField path={`relatedLinks.${index}.label`} label={`Related link ${index + 1}: text`}>
              <input
                id={fieldDomId(`relatedLinks.${index}.label`)}
                {...form.register(`relatedLinks.${index}.label` as const)}
              />
            </FormField>
            <FormField path={`relatedLinks.${index}.url`} label={`Related link ${index + 1}: address`}>
              <input
                id={fieldDomId(`relatedLinks.${index}.url`)}
                type="url"
                inputMode="url"
                {...form.register(`relatedLinks.${index}.url` as const)}
              />
            </FormField>
            <button
              type="button"
              className="button-quiet button-danger align-end"
              onClick={() => remove(index)}
            >
              Remove<span className="visually-hidden"> related link {index + 1}</span>
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        onClick={() => {
          append({ id: newId('l'), label: '', url: '' });
          requestAnimationFrame(() =>
            document.getElementById(fieldDomId(`relatedLinks.${fields.length}.label`))?.focus(),
          );
        }}
      >
        Add related link
      </button>
    </div>
  );
}

export function EndMarkSection({ form }: { form: Form }) {
  return (
    <FormField path="endMark" label="End mark" hint="The house mark after the last section, such as ENDS.">
      <input
        id={fieldDomId('endMark')}
        aria-describedby={describedBy('endMark', true)}
        {...form.register('endMark')}
      />
    </FormField>
  );
}
