import { useFieldArray, type FieldPathByValue } from 'react-hook-form';
import { fieldDomId } from '../field-ids';
import { describedBy, FormField, ProseTextarea } from '../fields';
import type { KindProps } from './kind-props';
import type { Detail, ReleaseContent } from '../../../../../src-shared/release/schema';

/**
 * `key-details`: the template's labelled facts (a witness appeal's contact route, an advisory's what, when and
 * where), one box each under the title the template gives the block. A release type without any shows nothing.
 */
export function KeyDetailsField({ form, spec, template, label, hint }: KindProps) {
  const name = spec.path as FieldPathByValue<ReleaseContent, Detail[]>;
  const { fields } = useFieldArray({ control: form.control, name, keyName: 'fieldKey' });
  if (fields.length === 0) return null;
  const title = template.detailsTitle || label;
  const hintOf = (key: string) => template.details.find((d) => d.key === key)?.hint;
  const only = fields.length === 1 ? fields[0]! : null;
  if (only && only.label === title) {
    // One fact titled as the block (a witness appeal's contact route): one field, not a group around a field of
    // the same name; the block's hint follows the fact's own.
    const path = `${name}.0.text` as const;
    const both = [hintOf(only.key), hint].filter(Boolean).join(' ');
    return (
      <FormField path={path} label={only.label} hint={both || undefined}>
        <ProseTextarea
          id={fieldDomId(path)}
          rows={3}
          aria-describedby={describedBy(path, Boolean(both))}
          {...form.register(path)}
        />
      </FormField>
    );
  }
  const groupHint = `${fieldDomId(spec.path)}-hint`;
  return (
    <fieldset className="key-details-fields" aria-describedby={hint ? groupHint : undefined}>
      <legend>{title}</legend>
      {hint && (
        <p className="hint kind-group-hint" id={groupHint}>
          {hint}
        </p>
      )}
      {fields.map((detail, index) => {
        const path = `${name}.${index}.text` as const;
        const detailHint = hintOf(detail.key);
        return (
          <FormField key={detail.fieldKey} path={path} label={detail.label} hint={detailHint}>
            <ProseTextarea
              id={fieldDomId(path)}
              rows={3}
              aria-describedby={describedBy(path, Boolean(detailHint))}
              {...form.register(path)}
            />
          </FormField>
        );
      })}
    </fieldset>
  );
}
