import { useFieldArray, useWatch, type FieldPathByValue } from 'react-hook-form';
import { fieldDomId, focusAfterRender } from '../field-ids';
import { describedBy, FindingMessages, FormField } from '../fields';
import { useFieldFindings } from '../FindingsContext';
import { ListEditor } from '../fields/ListEditor';
import { addLabel, itemName, newItemId, type Form, type KindProps } from './kind-props';
import {
  IDENTIFIER_KIND_LABELS,
  IDENTIFIER_KINDS,
  type ProtectedPerson,
  type ReleaseContent,
} from '../../../../../src-shared/release/schema';

type PeoplePath = FieldPathByValue<ReleaseContent, ProtectedPerson[]>;

/** What the list's findings lead to, after the table's hint: the guard on the main side (privacy-decision.ts). */
const GUARD_NOTE =
  'Such an error stops a sign-off and a final export unless a second person decides to publish.';

/**
 * `protected-people`: the people a release must not identify (victims, complainants, witnesses, children), one
 * card each: the name, the other ways they may be named, and the details that would identify them. Internal:
 * never rendered into the preview or an export; the checks look for every one of them in every published field.
 */
export function ProtectedPeopleField({ form, spec, hint }: KindProps) {
  const name = spec.path as PeoplePath;
  const { fields, append, remove } = useFieldArray({
    control: form.control,
    name,
    // The schema's people have an `id` of their own: the field array keeps its keys under another name.
    keyName: 'fieldKey',
  });
  const findings = useFieldFindings(name);
  const listId = fieldDomId(name);
  return (
    <div className="protected-people">
      {/* Where a jump to the list as a whole lands (a jigsaw warning, say): its messages are here. */}
      <div
        id={listId}
        tabIndex={-1}
        className={`field protected-people-intro${findings.some((f) => f.severity === 'error') ? ' field-has-error' : ''}`}
        data-path={name}
      >
        <p className="hint" id={`${listId}-hint`}>
          {hint} {GUARD_NOTE}
        </p>
        <FindingMessages id={`${listId}-findings`} findings={findings} />
      </div>
      {fields.length > 0 && (
        <ol className="person-list">
          {fields.map((person, index) => (
            <PersonCard
              key={person.fieldKey}
              form={form}
              name={name}
              legend={itemName(spec, index)}
              index={index}
              onRemove={() => remove(index)}
            />
          ))}
        </ol>
      )}
      <button
        type="button"
        onClick={() => {
          append({ id: newItemId(spec), name: '', variants: [], identifiers: [] }, { shouldFocus: false });
          focusAfterRender(`${name}.${fields.length}.name`);
        }}
      >
        {addLabel(spec)}
      </button>
    </div>
  );
}

function PersonCard({
  form,
  name: list,
  legend,
  index,
  onRemove,
}: {
  form: Form;
  name: PeoplePath;
  legend: string;
  index: number;
  onRemove: () => void;
}) {
  const base = `${list}.${index}` as const;
  const name = useWatch({ control: form.control, name: `${base}.name` }) ?? '';
  return (
    <li className="person-item">
      <fieldset className="person-card">
        <legend>{legend}</legend>
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
        <IdentifyingDetails form={form} path={`${base}.identifiers`} />
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

function IdentifyingDetails({ form, path }: { form: Form; path: `${PeoplePath}.${number}.identifiers` }) {
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
            focusAfterRender(`${path}.${fields.length}.kind`);
          }}
        >
          Add identifying detail
        </button>
      </div>
    </fieldset>
  );
}
