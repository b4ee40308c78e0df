import { useFieldArray, useWatch, type UseFormReturn } from 'react-hook-form';
import { fieldDomId } from '../field-ids';
import { describedBy, FindingMessages, FormField } from '../fields';
import { useFieldFindings } from '../FindingsContext';
import { ListEditor } from '../fields/ListEditor';
import { newId } from './ParagraphList';
import {
  IDENTIFIER_KIND_LABELS,
  IDENTIFIER_KINDS,
  type ReleaseContent,
} from '../../../../../src-shared/release/schema';

type Form = UseFormReturn<ReleaseContent>;

/**
 * The people a release must not identify (victims, complainants, witnesses, children), one card each: the name,
 * the other ways they may be named, and the details that would identify them. Internal: never rendered into the
 * preview or an export; the checks look for every one of them in every published field.
 */
export function ProtectedPeopleSection({ form }: { form: Form }) {
  const { fields, append, remove } = useFieldArray({
    control: form.control,
    name: 'anonymityList',
    // The schema's people have an `id` of their own: the field array keeps its keys under another name.
    keyName: 'fieldKey',
  });
  const findings = useFieldFindings('anonymityList');
  const listId = fieldDomId('anonymityList');
  return (
    <div className="protected-people">
      {/* Where a jump to the list as a whole lands (a jigsaw warning, say): its messages are here. */}
      <div
        id={listId}
        tabIndex={-1}
        className={`field protected-people-intro${findings.some((f) => f.severity === 'error') ? ' field-has-error' : ''}`}
        data-path="anonymityList"
      >
        <p className="hint" id={`${listId}-hint`}>
          Victims, complainants, witnesses and children this release must not identify. This list is never
          published. Any published section that names one of them, or gives one of their identifying details,
          is an error, and an error blocks a final export.
        </p>
        <FindingMessages id={`${listId}-findings`} findings={findings} />
      </div>
      {fields.length > 0 && (
        <ol className="person-list">
          {fields.map((person, index) => (
            <PersonCard key={person.fieldKey} form={form} index={index} onRemove={() => remove(index)} />
          ))}
        </ol>
      )}
      <button
        type="button"
        onClick={() => {
          append({ id: newId('person'), name: '', variants: [], identifiers: [] }, { shouldFocus: false });
          requestAnimationFrame(() =>
            document.getElementById(fieldDomId(`anonymityList.${fields.length}.name`))?.focus(),
          );
        }}
      >
        Add person
      </button>
    </div>
  );
}

function PersonCard({ form, index, onRemove }: { form: Form; index: number; onRemove: () => void }) {
  const base = `anonymityList.${index}` as const;
  const name = useWatch({ control: form.control, name: `${base}.name` }) ?? '';
  return (
    <li className="person-item">
      <fieldset className="person-card">
        <legend>Protected person {index + 1}</legend>
        <FormField
          path={`${base}.name`}
          label="Name"
          hint="Their full name as a release might give it, such as “Jane Doe”."
        >
          <input
            id={fieldDomId(`${base}.name`)}
            className="input-wide"
            autoComplete="off"
            spellCheck={false}
            aria-describedby={describedBy(`${base}.name`, true)}
            {...form.register(`${base}.name`)}
          />
        </FormField>
        <ListEditor
          control={form.control}
          name={`${base}.variants`}
          label="Other ways they may be named"
          hint="Their surname alone, first name alone and initials are checked automatically. Add anything else: a nickname, a former or maiden name, another spelling."
          itemLabel="Other name"
          addLabel="Add another name"
        />
        <IdentifyingDetails form={form} index={index} />
        <div className="item-actions person-actions">
          <button type="button" className="button-quiet button-danger" onClick={onRemove}>
            Remove person
            <span className="visually-hidden"> {name.trim() || index + 1}</span>
          </button>
        </div>
      </fieldset>
    </li>
  );
}

function IdentifyingDetails({ form, index }: { form: Form; index: number }) {
  const path = `anonymityList.${index}.identifiers` as const;
  const { fields, append, remove } = useFieldArray({
    control: form.control,
    name: path,
    keyName: 'fieldKey',
  });
  const values = useWatch({ control: form.control, name: path }) ?? [];
  const findings = useFieldFindings(path);
  const domId = fieldDomId(path);
  return (
    <fieldset
      className={`field identifier-list${findings.some((f) => f.severity === 'error') ? ' field-has-error' : ''}`}
      data-path={path}
      aria-describedby={describedBy(path, true)}
    >
      <legend>Identifying details</legend>
      <p className="hint" id={`${domId}-hint`}>
        Anything that would point to them: their street or address, school or college, place of work. Write it
        as a release might, such as “Ashford Grammar School”.
      </p>
      <FindingMessages id={`${domId}-findings`} findings={findings} />
      {fields.length > 0 && (
        <ol className="identifier-rows">
          {fields.map((item, j) => {
            const detail = values[j]?.text?.trim() || `detail ${j + 1}`;
            return (
              <li key={item.fieldKey} className="identifier-row">
                <FormField path={`${path}.${j}.kind`} label={`Detail ${j + 1}: kind`}>
                  <select id={fieldDomId(`${path}.${j}.kind`)} {...form.register(`${path}.${j}.kind`)}>
                    {IDENTIFIER_KINDS.map((kind) => (
                      <option key={kind} value={kind}>
                        {IDENTIFIER_KIND_LABELS[kind]}
                      </option>
                    ))}
                  </select>
                </FormField>
                {/* The text and its Remove button stay together when a narrow window wraps the row. */}
                <div className="identifier-entry">
                  <FormField path={`${path}.${j}.text`} label={`Detail ${j + 1}: text`}>
                    <input
                      id={fieldDomId(`${path}.${j}.text`)}
                      autoComplete="off"
                      spellCheck={false}
                      aria-describedby={describedBy(`${path}.${j}.text`, false)}
                      {...form.register(`${path}.${j}.text`)}
                    />
                  </FormField>
                  <button type="button" className="button-quiet button-danger" onClick={() => remove(j)}>
                    Remove<span className="visually-hidden"> {detail}</span>
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
      )}
      <div className="list-editor-add">
        <button
          type="button"
          onClick={() => {
            append({ kind: 'address', text: '' }, { shouldFocus: false });
            requestAnimationFrame(() =>
              document.getElementById(fieldDomId(`${path}.${fields.length}.kind`))?.focus(),
            );
          }}
        >
          Add identifying detail
        </button>
      </div>
    </fieldset>
  );
}
