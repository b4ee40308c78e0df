import { useFieldArray, type FieldPathByValue } from 'react-hook-form';
import { fieldDomId, focusAfterRender } from '../field-ids';
import { FormField } from '../fields';
import { GroupIntro } from './GroupIntro';
import { addLabel, itemName, lowerFirst, newItemId, upperFirst, type KindProps } from './kind-props';
import type { Link, ReleaseContent } from '../../../../../src-shared/release/schema';

type LinksPath = FieldPathByValue<ReleaseContent, Link[]>;
type LinkKey = Exclude<keyof Link, 'id'>;

/** `links`: related links, a row each with the parts the table lists (the text and the address). */
export function LinksField({ form, spec, label, hint, wholeSection }: KindProps) {
  const name = spec.path as LinksPath;
  const { fields, append, remove } = useFieldArray({ control: form.control, name, keyName: 'fieldKey' });
  const parts = (spec.parts ?? []) as ReadonlyArray<{ key: LinkKey; label: string }>;
  return (
    <GroupIntro path={name} label={label} hint={hint} wholeSection={wholeSection}>
      {fields.length > 0 && (
        <ol className="link-list">
          {fields.map((link, index) => (
            <li key={link.fieldKey} className="kind-pair kind-link-row">
              {parts.map((part) => {
                const path = `${name}.${index}.${part.key}` as const;
                // "Text" and "Address" over the boxes; a screen reader hears "Related link 1: text".
                const partLabel = (
                  <>
                    <span className="visually-hidden">{itemName(spec, index)}: </span>
                    {upperFirst(part.label)}
                  </>
                );
                return (
                  <FormField key={part.key} path={path} label={partLabel}>
                    <input
                      id={fieldDomId(path)}
                      {...(part.key === 'url' ? { type: 'url', inputMode: 'url' as const } : {})}
                      {...form.register(path)}
                    />
                  </FormField>
                );
              })}
              <button type="button" className="button-quiet button-danger" onClick={() => remove(index)}>
                Remove<span className="visually-hidden"> {lowerFirst(itemName(spec, index))}</span>
              </button>
            </li>
          ))}
        </ol>
      )}
      <button
        type="button"
        onClick={() => {
          append({ id: newItemId(spec), label: '', url: '' });
          focusAfterRender(`${name}.${fields.length}.${parts[0]?.key ?? 'label'}`);
        }}
      >
        {addLabel(spec)}
      </button>
    </GroupIntro>
  );
}
