import { Controller, useWatch, type FieldPathByValue } from 'react-hook-form';
import { fieldDomId } from '../field-ids';
import { describedBy, FindingMessages, FormField } from '../fields';
import { useFieldFindings } from '../FindingsContext';
import { SelectField } from './ChoiceField';
import { lowerFirst, type Form, type KindProps } from './kind-props';
import type { Embargo, OrganisationProfile, ReleaseContent } from '../../../../../src-shared/release/schema';
import { fieldsOfSection, type FieldSpec } from '../../../../../src-shared/release/structure';
import { formatEmbargoLine, formatReleaseDateTime } from '../../../../../src-shared/render/format-date';
import { clockFor, formatDateTimeInput } from '../../../../../src-shared/render/parse-date-time';
import { DateTimeInput } from '../fields/DateTimeInput';

type TextPath = FieldPathByValue<ReleaseContent, string>;
type EmbargoPath = FieldPathByValue<ReleaseContent, Embargo | null>;

const TIME_ZONES: readonly string[] = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['Europe/London', 'UTC'];
  }
})();

/** The field of `kind` in the same section as `spec` (the zone beside a date): the section groups them. */
function sibling(spec: FieldSpec, kind: FieldSpec['kind']): TextPath | undefined {
  return fieldsOfSection(spec.section).find((field) => field.kind === kind)?.path as TextPath | undefined;
}

const zoneName = (zone: string) => zone.replace(/_/g, ' ');

const ZONE_OPTIONS = TIME_ZONES.map((zone) => ({ value: zone, label: zoneName(zone) }));

/**
 * "Prints as 18 July 2024 at 09:30": the date as the release will give it, in the profile's locale. Subscribed to
 * the date and zone alone.
 */
function PrintsAs({
  form,
  date,
  zone,
  profile,
}: {
  form: Form;
  date: TextPath;
  zone: TextPath | undefined;
  profile: OrganisationProfile;
}) {
  const value = useWatch({ control: form.control, name: date }) ?? '';
  // Without a zone field of its own, a date is in the organisation's zone.
  const watchedZone = useWatch({ control: form.control, name: zone ?? date });
  const printed = formatReleaseDateTime(value, zone ? watchedZone : profile.timeZone, profile.locale);
  if (!printed) return null;
  return <p className="kind-prints-as">Prints as {printed}</p>;
}

/**
 * The clock the boxes use, and a hint's example in it: "For example, 18/07/2024 17:30." The clock is the one the
 * release prints in (format-date: the locale's, 24-hour for en-GB), not the house-style check for times in the
 * text ("5:30pm"): a box saying 12:01am above "EMBARGOED UNTIL 00:01 BST" read as two different times.
 */
function dateStyle(profile: OrganisationProfile) {
  const clock = clockFor(profile.locale, false);
  const example = `For example, ${formatDateTimeInput('2024-07-18T17:30', profile.locale, clock)}.`;
  return { clock, example };
}

/**
 * `date-time`: a wall-clock date and time, in the time zone of the same section, typed as text and read in the
 * profile's locale (DateTimeInput), never the browser's.
 */
export function DateTimeField({ form, spec, profile, label, hint }: KindProps) {
  const name = spec.path as TextPath;
  const { clock, example } = dateStyle(profile);
  const fullHint = [hint, example].filter(Boolean).join(' ');
  return (
    <FormField path={name} label={label} hint={fullHint}>
      <Controller
        control={form.control}
        name={name}
        render={({ field }) => (
          <DateTimeInput
            id={fieldDomId(name)}
            value={field.value ?? ''}
            onCommit={(value) => {
              field.onChange(value);
              field.onBlur();
            }}
            locale={profile.locale}
            clock={clock}
            describedBy={describedBy(name, true)}
            emptyMessage={`Enter the ${lowerFirst(label)}`}
            after={<PrintsAs form={form} date={name} zone={sibling(spec, 'time-zone')} profile={profile} />}
          />
        )}
      />
    </FormField>
  );
}

/** `time-zone`: one of the zones the browser knows. */
export function TimeZoneField({ form, spec, label, hint }: KindProps) {
  return (
    <SelectField form={form} name={spec.path as TextPath} label={label} hint={hint} options={ZONE_OPTIONS} />
  );
}

/**
 * `embargo`: none ("For immediate release") or a date-time, in the section's time zone. Ticking the box starts the
 * embargo at the release date. Its findings (an embargo in the past, say) show over the whole group.
 */
export function EmbargoField({ form, spec, profile, label, hint }: KindProps) {
  const name = spec.path as EmbargoPath;
  const findings = useFieldFindings(name);
  const date = sibling(spec, 'date-time');
  const zone = sibling(spec, 'time-zone');
  const { clock, example } = dateStyle(profile);
  return (
    <Controller
      control={form.control}
      name={name}
      render={({ field }) => {
        // The tick box and the date take the field's id in turn: a jump to the embargo lands on what is shown.
        const boxId = fieldDomId(field.value === null ? name : `${name}ed`);
        const printed = field.value === null ? null : formatEmbargoLine(field.value, profile.locale);
        return (
          <fieldset
            className={`field embargo${findings.some((f) => f.severity === 'error') ? ' field-has-error' : ''}`}
          >
            <legend>{label}</legend>
            <FindingMessages id={`${fieldDomId(name)}-findings`} findings={findings} />
            <div className="checkbox">
              <input
                id={boxId}
                type="checkbox"
                checked={field.value !== null}
                onChange={(event) =>
                  field.onChange(
                    event.target.checked
                      ? {
                          until: date ? form.getValues(date) : '',
                          timeZone: zone ? form.getValues(zone) : profile.timeZone,
                        }
                      : null,
                  )
                }
              />
              <label htmlFor={boxId}>Embargoed (otherwise “For immediate release”)</label>
            </div>
            {field.value !== null && (
              <div className="field">
                <label htmlFor={fieldDomId(name)}>Embargoed until</label>
                <p className="hint" id={`${fieldDomId(name)}-hint`}>
                  In {zoneName(field.value.timeZone)} time. {hint} {example}
                </p>
                <DateTimeInput
                  id={fieldDomId(name)}
                  value={field.value.until}
                  onCommit={(until) =>
                    field.onChange({
                      until,
                      timeZone: zone ? form.getValues(zone) : field.value!.timeZone,
                    })
                  }
                  locale={profile.locale}
                  clock={clock}
                  describedBy={describedBy(name, true)}
                  emptyMessage="Enter the date and time the embargo ends"
                  after={printed && <p className="kind-prints-as">Prints as {printed}</p>}
                />
              </div>
            )}
          </fieldset>
        );
      }}
    />
  );
}
