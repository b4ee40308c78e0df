import type { FieldPathByValue } from 'react-hook-form';
import { fieldDomId } from '../field-ids';
import { describedBy, FormField } from '../fields';
import type { KindProps } from './kind-props';
import {
  RELEASE_TYPE_LABELS,
  RELEASE_TYPES,
  type ReleaseContent,
} from '../../../../../src-shared/release/schema';

type TextPath = FieldPathByValue<ReleaseContent, string>;

/** The options of a `choice` field, by its path: the table says a field is a choice, the schema what it offers. */
const CHOICES: Readonly<Record<string, ReadonlyArray<{ value: string; label: string }>>> = {
  'header.type': RELEASE_TYPES.map((type) => ({ value: type, label: RELEASE_TYPE_LABELS[type] })),
};

/** `choice`: one of a fixed list (the release type). */
export function ChoiceField({ form, spec, label, hint }: KindProps) {
  return (
    <SelectField
      form={form}
      name={spec.path as TextPath}
      label={label}
      hint={hint}
      options={CHOICES[spec.path] ?? []}
    />
  );
}

/** A select of `options` bound to a text field, under its label and hint (the release type, the time zone). */
export function SelectField({
  form,
  name,
  label,
  hint,
  options,
}: Pick<KindProps, 'form' | 'label' | 'hint'> & {
  name: TextPath;
  options: ReadonlyArray<{ value: string; label: string }>;
}) {
  return (
    <FormField path={name} label={label} hint={hint}>
      <select
        id={fieldDomId(name)}
        aria-describedby={hint ? describedBy(name, true) : undefined}
        {...form.register(name)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FormField>
  );
}
