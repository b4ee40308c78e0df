import { Controller, type UseFormReturn } from 'react-hook-form';
import { fieldDomId } from '../field-ids';
import { describedBy, FindingMessages, FormField } from '../fields';
import { useFieldFindings } from '../FindingsContext';
import { ListEditor } from '../fields/ListEditor';
import {
  RELEASE_TYPE_LABELS,
  RELEASE_TYPES,
  type ReleaseContent,
} from '../../../../../src-shared/release/schema';

const TIME_ZONES: readonly string[] = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['Europe/London', 'UTC'];
  }
})();

export function HeaderSection({ form }: { form: UseFormReturn<ReleaseContent> }) {
  const { register, control, getValues } = form;
  const embargoFindings = useFieldFindings('header.embargo');
  return (
    <>
      <div className="field-row">
        <FormField path="header.type" label="Release type">
          <select id={fieldDomId('header.type')} {...register('header.type')}>
            {RELEASE_TYPES.map((type) => (
              <option key={type} value={type}>
                {RELEASE_TYPE_LABELS[type]}
              </option>
            ))}
          </select>
        </FormField>
        <FormField path="header.reference" label="Reference" hint="Your office's reference, if any.">
          <input
            id={fieldDomId('header.reference')}
            autoComplete="off"
            aria-describedby={describedBy('header.reference', true)}
            {...register('header.reference')}
          />
        </FormField>
      </div>
      <FormField path="header.organisation" label="Issued by">
        <input
          id={fieldDomId('header.organisation')}
          className="input-wide"
          {...register('header.organisation')}
        />
      </FormField>
      <div className="field-row">
        <FormField path="header.releaseDate" label="Release date and time" hint="In the time zone beside it.">
          <input
            id={fieldDomId('header.releaseDate')}
            type="datetime-local"
            aria-describedby={describedBy('header.releaseDate', true)}
            {...register('header.releaseDate')}
          />
        </FormField>
        <FormField path="header.timeZone" label="Time zone">
          <select id={fieldDomId('header.timeZone')} {...register('header.timeZone')}>
            {TIME_ZONES.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
        </FormField>
      </div>
      <Controller
        control={control}
        name="header.embargo"
        render={({ field }) => (
          <fieldset
            className={`field embargo${embargoFindings.some((f) => f.severity === 'error') ? ' field-has-error' : ''}`}
          >
            <legend>Embargo</legend>
            <FindingMessages id={`${fieldDomId('header.embargo')}-findings`} findings={embargoFindings} />
            <div className="checkbox">
              <input
                id={fieldDomId(field.value === null ? 'header.embargo' : 'header.embargoed')}
                type="checkbox"
                checked={field.value !== null}
                onChange={(event) =>
                  field.onChange(
                    event.target.checked
                      ? { until: getValues('header.releaseDate'), timeZone: getValues('header.timeZone') }
                      : null,
                  )
                }
              />
              <label htmlFor={fieldDomId(field.value === null ? 'header.embargo' : 'header.embargoed')}>
                Embargoed (otherwise “For immediate release”)
              </label>
            </div>
            {field.value !== null && (
              <div className="field">
                <label htmlFor={fieldDomId('header.embargo')}>Embargoed until</label>
                <p className="hint" id={`${fieldDomId('header.embargo')}-hint`}>
                  In {getValues('header.timeZone').replace(/_/g, ' ')} time. Shown at the top of every export
                  until it passes.
                </p>
                <input
                  id={fieldDomId('header.embargo')}
                  type="datetime-local"
                  value={field.value.until}
                  aria-describedby={describedBy('header.embargo', true)}
                  onChange={(event) =>
                    field.onChange({ until: event.target.value, timeZone: getValues('header.timeZone') })
                  }
                />
              </div>
            )}
          </fieldset>
        )}
      />
      <ListEditor
        control={control}
        name="header.tags"
        label="Tags"
        hint="Regions or topics the library can filter by, one to a box. Enter adds another; Alt+↑ or Alt+↓ moves one."
        itemLabel="Tag"
        addLabel="Add tag"
        className="list-editor-short"
      />
    </>
  );
}
