import { useEffect, useState, type ReactNode } from 'react';
import { useController, type Control } from 'react-hook-form';
import type { OrganisationProfile } from '../../../../src-shared/release/schema';
import { Field } from './form-errors';

/**
 * A list of the profile typed in one box, an entry per line (words to avoid, known acronyms). The text is kept as
 * typed so that Enter can start a new line; the stored list is what `parse` makes of it.
 */
export function ListTextarea({
  control,
  name,
  parse,
  id,
  label,
  hint,
  error,
  className,
  spellCheck,
}: {
  control: Control<OrganisationProfile>;
  name: 'wordsToAvoid' | 'houseStyle.knownAcronyms';
  parse: (text: string) => string[];
  id: string;
  label: ReactNode;
  hint: ReactNode;
  /** The message under the box, from the list as stored. */
  error: (list: string[]) => string | undefined;
  className?: string;
  spellCheck?: boolean;
}) {
  const { field } = useController({ control, name });
  const [text, setText] = useState(field.value.join('\n'));

  // A reset (after a save) may hand back a list that differs from what the text would give; the list wins.
  useEffect(() => {
    if (!sameList(parse(text), field.value)) setText(field.value.join('\n'));
    // Only outside changes to the list matter here; typing already keeps the two in step.
  }, [field.value]);

  return (
    <Field id={id} label={label} hint={hint} error={error(field.value)} changedField={`profile.${name}`}>
      {(aria) => (
        <textarea
          {...aria}
          ref={field.ref}
          name={field.name}
          rows={5}
          className={className}
          spellCheck={spellCheck}
          value={text}
          onBlur={field.onBlur}
          onChange={(event) => {
            setText(event.target.value);
            field.onChange(parse(event.target.value));
          }}
        />
      )}
    </Field>
  );
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}
