import { useDeferredValue } from 'react';
import { useWatch, type FieldPathByValue } from 'react-hook-form';
import { fieldDomId } from '../field-ids';
import { CharacterCount, describedBy, FormField, ProseTextarea } from '../fields';
import { houseLimit, profileDefault, type Form, type KindProps } from './kind-props';
import type { ReleaseContent } from '../../../../../src-shared/release/schema';

/** A field whose value is one string: the line, prose and address kinds. */
type TextPath = FieldPathByValue<ReleaseContent, string>;

/**
 * Subscribes to one field only, so that the count under it re-renders as the writer types and the rest of the
 * form does not (GOV.UK's character count: "You have 12 characters too many"). The count follows a moment after
 * the keystroke (useDeferredValue: in a render of its own that React runs next, one that typing can interrupt),
 * not within it: a change to the editor's page while the keystroke's input event runs made the browser lay the page
 * out there and then, and again for the frame, about half a millisecond of every headline keystroke (issue 15,
 * keystroke → preview against the floor page).
 */
function WatchedCount({
  form,
  name,
  limit,
  unit,
}: {
  form: Form;
  name: TextPath;
  limit: number;
  unit: 'character' | 'word';
}) {
  const value = useDeferredValue(useWatch({ control: form.control, name }) ?? '');
  return <CharacterCount value={value} limit={limit} unit={unit} />;
}

/**
 * `line`: one line of plain text (headline, issuer, reference, end mark). Where the profile sets a house limit on
 * the field's characters (the headline), the count under it says how many are left or too many.
 */
export function LineField({ form, spec, profile, label, hint }: KindProps) {
  const name = spec.path as TextPath;
  const limit = houseLimit(profile, spec, 'character');
  const headline = spec.render.placement === 'headline';
  return (
    <FormField
      path={name}
      label={label}
      hint={hint}
      extra={limit && <WatchedCount form={form} name={name} limit={limit} unit="character" />}
    >
      <input
        id={fieldDomId(name)}
        className={headline ? 'input-wide input-headline' : 'input-wide'}
        autoComplete="off"
        aria-describedby={describedBy(name, Boolean(hint))}
        {...form.register(name)}
      />
    </FormField>
  );
}

/**
 * `prose`: a block of text with inline formatting (standfirst, about). A house limit on its words (the standfirst)
 * gives a word count; a default in the organisation's profile (the boilerplate) gives "Reset to the profile's
 * wording". A section heading that names the issuer ("About IOPC") names it in the label too.
 */
export function ProseField({ form, spec, profile, label, hint }: KindProps) {
  const name = spec.path as TextPath;
  const limit = houseLimit(profile, spec, 'word');
  const fromProfile = profileDefault(profile, spec);
  return (
    <FormField
      path={name}
      label={spec.render.namesIssuer && profile.name ? `${label} ${profile.name}` : label}
      hint={hint}
      extra={limit && <WatchedCount form={form} name={name} limit={limit} unit="word" />}
    >
      <ProseTextarea
        id={fieldDomId(name)}
        rows={spec.render.forEditors ? 5 : 3}
        aria-describedby={describedBy(name, Boolean(hint))}
        {...form.register(name)}
      />
      {fromProfile !== undefined && (
        <div className="field-actions">
          <button
            type="button"
            className="button-quiet"
            onClick={() => form.setValue(name, fromProfile, { shouldDirty: true })}
          >
            Reset to the profile's wording
          </button>
        </div>
      )}
    </FormField>
  );
}

/** `url`: one web address (the original article). */
export function UrlField({ form, spec, label, hint }: KindProps) {
  const name = spec.path as TextPath;
  return (
    <FormField path={name} label={label} hint={hint}>
      <input
        id={fieldDomId(name)}
        type="url"
        className="input-wide"
        inputMode="url"
        aria-describedby={describedBy(name, Boolean(hint))}
        {...form.register(name)}
      />
    </FormField>
  );
}
