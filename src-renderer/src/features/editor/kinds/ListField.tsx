import type { FieldPathByValue } from 'react-hook-form';
import { ListEditor } from '../fields/ListEditor';
import { addLabel, itemLabel, type KindProps } from './kind-props';
import type { ReleaseContent } from '../../../../../src-shared/release/schema';

/** How the rows are used, after the field's own hint: the same keys in every list editor. */
const LIST_KEYS = 'Enter adds another; Alt+↑ or Alt+↓ moves one.';

/** `list`: short entries, one input per entry (tags). */
export function ListField({ form, spec, label, hint }: KindProps) {
  return (
    <ListEditor
      control={form.control}
      name={spec.path as FieldPathByValue<ReleaseContent, string[]>}
      label={label}
      hint={hint ? `${hint} ${LIST_KEYS}` : LIST_KEYS}
      itemLabel={itemLabel(spec)}
      addLabel={addLabel(spec)}
    />
  );
}
