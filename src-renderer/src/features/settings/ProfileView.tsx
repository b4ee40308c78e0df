import { ReviewSettingsSections, useReviewSettings } from './ReviewSettings';
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  get,
  useFieldArray,
  useForm,
  useWatch,
  type Control,
  type FieldErrors,
  type UseFormReturn,
} from 'react-hook-form';
import { callApi } from '../../api';
import type { WorkspaceDescription } from '../../../../src-shared/api/contract';
import { toLocalDateTime } from '../../../../src-shared/release/new-release';
import {
  DEFAULT_HOUSE_LIMITS,
  OrganisationProfileSchema,
  type OrganisationProfile,
} from '../../../../src-shared/release/schema';
import { formatEmbargoLine, formatReleaseDate } from '../../../../src-shared/render/format-date';
import {
  ErrorMessage,
  ErrorSummary,
  Field,
  flattenErrors,
  inPageOrder,
  type SummaryItem,
} from './form-errors';
import { acronymsError, HouseStyleSection } from './HouseStyleSection';
import { ListTextarea } from './ListTextarea';
import { LogoField } from './LogoField';
import { CONTACT_KEYS, CONTACT_LABELS, LIMIT_KEYS, LIMIT_LABELS, localeOptions } from './profile-options';
import { TimeZoneField } from './TimeZoneField';
import { ChangeNote, FieldChangesContext } from './ChangeNote';
import { useWorkspaceChanges } from '../shared-workspace';
import { ScreenTopBar } from '../screen/ScreenTopBar';
import './settings.css';

/** The stored schema, plus the one thing the store allows but a release cannot do without: a name. */
const ProfileFormSchema = OrganisationProfileSchema.extend({
  name: OrganisationProfileSchema.shape.name.refine(
    (name) => name.trim() !== '',
    'Enter the organisation’s name',
  ),
});

type SaveState =
  { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; message: string };

export function ProfileView({
  workspace,
  onSaved,
  onClose,
}: {
  workspace: WorkspaceDescription;
  /** Called with the workspace as stored after every change made here (profile save, logo added or removed). */
  onSaved: (description: WorkspaceDescription) => void;
  onClose: () => void;
}) {
  const [description, setDescription] = useState(workspace);
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });
  const [summaryRequest, setSummaryRequest] = useState(0);
  const summary = useRef<HTMLDivElement>(null);
  const form = useForm<OrganisationProfile, unknown, OrganisationProfile>({
    resolver: zodResolver(ProfileFormSchema),
    defaultValues: workspace.profile,
    // GOV.UK moves focus to the error summary, not to the first field, when a form is sent with errors.
    shouldFocusError: false,
  });
  const { register, handleSubmit, formState, reset, resetField } = form;
  const { errors, submitCount } = formState;
  // The review and "Latest news" settings are stored apart from the profile but saved with it, by the one button.
  const review = useReviewSettings(description);
  const isDirty = formState.isDirty || review.touched;
  const formElement = useRef<HTMLFormElement>(null);

  const showErrors = submitCount > 0;
  const items = showErrors ? inPageOrder([...summaryItems(errors, form), ...review.errors]) : [];
  const showSummary = items.length > 0;
  // The summary appears in the render after the failed submit, so focus waits for it rather than for the click.
  const focusedRequest = useRef(0);
  useEffect(() => {
    if (!showSummary || summaryRequest === focusedRequest.current || !summary.current) return;
    focusedRequest.current = summaryRequest;
    summary.current.scrollIntoView({ block: 'start' });
    summary.current.focus({ preventScroll: true });
  }, [showSummary, summaryRequest]);

  // A colleague's change (another window, another computer) appears here as it arrives: fields this person has not
  // touched follow the stored profile, their own unsaved edits stay as typed, and each note says who changed what.
  useWorkspaceChanges((_releaseIds, workspaceChanged) => {
    if (!workspaceChanged) return;
    void callApi('workspace.describe', {}).then((result) => {
      if (result.ok) follow(result.value);
    });
  });

  function follow(next: WorkspaceDescription) {
    setDescription(next);
    const keys = new Set([...Object.keys(next.profile), ...Object.keys(form.getValues())]);
    for (const key of keys as Set<keyof OrganisationProfile>) {
      if (!form.getFieldState(key).isDirty) resetField(key, { defaultValue: next.profile[key] });
    }
    onSaved(next);
  }

  function changed(next: WorkspaceDescription) {
    setDescription(next);
    // The logo is stored apart from the form; this keeps the form's copy in step without marking it as edited.
    resetField('logo', { defaultValue: next.profile.logo });
    onSaved(next);
  }

  // Ctrl+S (Cmd+S) saves, as it does in the editor; the desktop menu's Save sends the same key.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      if (event.key.toLowerCase() !== 's') return;
      event.preventDefault();
      formElement.current?.requestSubmit();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  function showProblems() {
    setSaveState({ kind: 'idle' });
    setSummaryRequest((n) => n + 1);
  }

  /** Everything on the screen, or nothing while any field is wrong: a bad value never costs the rest. */
  async function save(profile: OrganisationProfile) {
    if (review.errors.length > 0) return showProblems();
    setSaveState({ kind: 'saving' });
    let stored: WorkspaceDescription | null = null;
    if (form.formState.isDirty) {
      // What the form started from (kept up to date for the fields the person has not touched): only what they
      // changed is written, so a colleague's change that arrived meanwhile is not undone by the form's copy.
      const base = OrganisationProfileSchema.safeParse(form.formState.defaultValues);
      const result = await callApi('workspace.updateProfile', {
        profile,
        ...(base.success ? { base: base.data } : {}),
      });
      if (!result.ok) {
        setSaveState({ kind: 'failed', message: `The profile was not saved. ${result.error.message}` });
        return;
      }
      stored = result.value;
      setDescription(result.value);
      reset(result.value.profile);
    }
    const settings = await review.save();
    if (!settings.ok) {
      const message = `The review and approval settings were not saved. ${settings.error.message}`;
      setSaveState({
        kind: 'failed',
        message: stored ? `The organisation details were saved. ${message}` : message,
      });
      if (stored) onSaved(stored);
      return;
    }
    stored = settings.value ?? stored;
    if (stored) {
      setDescription(stored);
      onSaved(stored);
    }
    setSaveState({ kind: 'saved' });
  }

  function leave() {
    if (isDirty && !window.confirm('Leave the organisation profile without saving your changes?')) return;
    onClose();
  }

  return (
    <div className="profile-page">
      <ScreenTopBar backLabel="← Library" onBack={leave}>
        <span className="app-name">Pressroom</span>
        <span className="workspace-name">{description.profile.name}</span>
      </ScreenTopBar>
      <FieldChangesContext.Provider value={description.changes}>
        <main className="profile-main">
          <div className="profile-column">
            <h1 className="profile-heading">Organisation profile</h1>
            <p className="profile-intro">
              New releases start from these details. Changing them here does not change releases that already
              exist.
            </p>
            {showSummary && <ErrorSummary ref={summary} items={items} />}
          </div>
          <form
            ref={formElement}
            noValidate
            aria-label="Organisation profile"
            onSubmit={handleSubmit(save, showProblems)}
          >
            <div className="profile-column">
              <section className="form-section" aria-labelledby="profile-section-organisation">
                <h2 id="profile-section-organisation">Organisation</h2>
                <Field
                  id="profile-name"
                  changedField="profile.name"
                  label="Organisation name"
                  hint="As it appears on every release, for example “Northshire Office for Police Conduct”."
                  error={errorAt(errors, 'name')}
                >
                  {(aria) => (
                    <input
                      {...aria}
                      className="input-wide"
                      autoComplete="organization"
                      {...register('name')}
                    />
                  )}
                </Field>
                <LogoField workspace={description} onChange={changed} />
                <ChangeNote id="profile-logo-change" field="profile.logo" />
              </section>

              <section className="form-section" aria-labelledby="profile-section-about">
                <h2 id="profile-section-about">About the organisation</h2>
                <Field
                  id="profile-boilerplate"
                  changedField="profile.boilerplate"
                  label="Standard paragraph (boilerplate)"
                  hint="Printed under “About” at the end of each release. New releases start with this text; each release can change its own copy."
                  error={errorAt(errors, 'boilerplate')}
                >
                  {(aria) => <textarea {...aria} rows={5} {...register('boilerplate')} />}
                </Field>
              </section>

              <ContactsSection form={form} />

              <section className="form-section" aria-labelledby="profile-section-dates">
                <h2 id="profile-section-dates">Dates</h2>
                <TimeZoneField control={form.control} error={errorAt(errors, 'timeZone')} />
                <LocaleField form={form} />
                <DateExample control={form.control} />
              </section>

              <section className="form-section" aria-labelledby="profile-section-style">
                <h2 id="profile-section-style">House style</h2>
                <Field
                  id="profile-endMark"
                  changedField="profile.endMark"
                  label="End mark"
                  hint="Printed after the last line of the release text, for example “ENDS”."
                  error={errorAt(errors, 'endMark')}
                >
                  {(aria) => (
                    <input {...aria} className="input-short" autoComplete="off" {...register('endMark')} />
                  )}
                </Field>
                <WordsToAvoidField control={form.control} errors={errors} />
              </section>

              <HouseStyleSection form={form} />

              <LimitsSection form={form} />

              <ReviewSettingsSections review={review} showErrors={showErrors} />
            </div>

            <div className="profile-actions">
              <div className="profile-column profile-actions-inner">
                <button
                  type="submit"
                  className="button-primary"
                  disabled={saveState.kind === 'saving'}
                  aria-keyshortcuts="Control+S"
                >
                  Save profile
                </button>
                <a
                  href="#/"
                  onClick={(event) => {
                    event.preventDefault();
                    onClose();
                  }}
                >
                  Cancel
                </a>
                <p className="profile-save-state" role="status">
                  {saveState.kind === 'saving'
                    ? 'Saving…'
                    : saveState.kind === 'saved' && !isDirty
                      ? 'Profile saved'
                      : isDirty
                        ? 'Unsaved changes'
                        : ''}
                </p>
                {saveState.kind === 'failed' && (
                  <p className="profile-save-error" role="alert">
                    {saveState.message}
                  </p>
                )}
              </div>
            </div>
          </form>
        </main>
      </FieldChangesContext.Provider>
    </div>
  );
}

function ContactsSection({ form }: { form: UseFormReturn<OrganisationProfile> }) {
  const { register, control, formState } = form;
  const { fields, append, remove } = useFieldArray({ control, name: 'contacts' });
  const listError = errorAt(formState.errors, 'contacts');
  return (
    <section className="form-section" aria-labelledby="profile-section-contacts">
      <h2 id="profile-section-contacts">Media contacts</h2>
      <p className="hint">New releases list these people under “Media contacts”.</p>
      <ChangeNote id="profile-contacts-change" field="profile.contacts" />
      {listError && <ErrorMessage id="profile-contacts-error">{listError}</ErrorMessage>}
      {fields.length === 0 && <p className="contacts-empty">No contacts yet.</p>}
      <ol className="contact-list">
        {fields.map((contact, index) => (
          <li key={contact.id}>
            <fieldset className="contact">
              <legend>Contact {index + 1}</legend>
              <div className="contact-grid">
                {CONTACT_KEYS.map((key) => (
                  <Field
                    key={key}
                    id={`profile-contacts-${index}-${key}`}
                    label={CONTACT_LABELS[key]}
                    hint={
                      key === 'outOfHours' ? 'Leave empty to use the organisation’s line below.' : undefined
                    }
                    error={errorAt(formState.errors, `contacts.${index}.${key}`)}
                  >
                    {(aria) => (
                      <input
                        {...aria}
                        type={
                          key === 'email' ? 'email' : key === 'phone' || key === 'outOfHours' ? 'tel' : 'text'
                        }
                        autoComplete="off"
                        spellCheck={key === 'name' || key === 'role'}
                        {...register(`contacts.${index}.${key}` as const)}
                      />
                    )}
                  </Field>
                ))}
              </div>
              <button type="button" className="button-quiet button-danger" onClick={() => remove(index)}>
                Remove<span className="visually-hidden"> contact {index + 1}</span>
              </button>
            </fieldset>
          </li>
        ))}
      </ol>
      <button
        type="button"
        id="profile-contacts-add"
        disabled={fields.length >= 20}
        onClick={() => append({ name: '', role: '', phone: '', email: '', outOfHours: '' })}
      >
        Add a contact
      </button>
      <Field
        id="profile-outOfHours"
        changedField="profile.outOfHours"
        className="field-after-list"
        label="Out-of-hours line"
        hint="For journalists calling outside office hours, for example “Out of hours: 07700 900000”."
        error={errorAt(formState.errors, 'outOfHours')}
      >
        {(aria) => <input {...aria} className="input-wide" autoComplete="off" {...register('outOfHours')} />}
      </Field>
    </section>
  );
}

function LocaleField({ form }: { form: UseFormReturn<OrganisationProfile> }) {
  const initial = form.formState.defaultValues?.locale ?? 'en-GB';
  const options = useMemo(() => localeOptions(initial), [initial]);
  return (
    <Field
      id="profile-locale"
      changedField="profile.locale"
      label="Language and region"
      hint="Sets how dates are written, for example “18 July 2024” for English (United Kingdom)."
      error={errorAt(form.formState.errors, 'locale')}
    >
      {(aria) => (
        <select {...aria} {...form.register('locale')}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** Today's date and tomorrow's usual embargo time, written the way releases will write them. */
function DateExample({ control }: { control: Control<OrganisationProfile> }) {
  const [timeZone, locale] = useWatch({ control, name: ['timeZone', 'locale'] });
  let date: string | null = null;
  let embargo: string | null = null;
  try {
    const today = toLocalDateTime(new Date(), timeZone);
    date = formatReleaseDate(today, timeZone, locale);
    const [y, m, d] = today.slice(0, 10).split('-').map(Number) as [number, number, number];
    const tomorrow = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
    embargo = formatEmbargoLine({ until: `${tomorrow}T00:01`, timeZone }, locale);
  } catch {
    // A zone the runtime does not know: the field's own error says so.
  }
  return (
    <div className="date-example" aria-live="polite">
      <p>
        Releases will be dated: <strong>{date ?? '—'}</strong>
      </p>
      {embargo && (
        <p>
          An embargo reads: <strong>{embargo}</strong>
        </p>
      )}
    </div>
  );
}

/**
 * One word or phrase per line. The text is kept as typed so that Enter can start a new line; the stored list
 * drops blank lines and stray spaces.
 */
function WordsToAvoidField({
  control,
  errors,
}: {
  control: Control<OrganisationProfile>;
  errors: FieldErrors<OrganisationProfile>;
}) {
  const error = flattenErrors(errors).find((item) => item.path.startsWith('wordsToAvoid'));
  return (
    <ListTextarea
      control={control}
      name="wordsToAvoid"
      parse={toList}
      id="profile-wordsToAvoid"
      label="Words to avoid"
      hint="One word or phrase per line. The editor points them out wherever a release uses one."
      error={(words) => (error ? wordsMessage(error.path, error.message, words) : undefined)}
    />
  );
}

function LimitsSection({ form }: { form: UseFormReturn<OrganisationProfile> }) {
  const { register, setValue, formState } = form;
  return (
    <section className="form-section" aria-labelledby="profile-section-limits">
      <h2 id="profile-section-limits">Length limits</h2>
      <p className="hint">The editor counts against these and warns when a release goes over one.</p>
      <div className="limits-grid">
        {LIMIT_KEYS.map((key) => (
          <Field
            key={key}
            id={`profile-limits-${key}`}
            changedField={`profile.limits.${key}`}
            label={LIMIT_LABELS[key]}
            hint={`Standard: ${DEFAULT_HOUSE_LIMITS[key]}`}
            error={errorAt(formState.errors, `limits.${key}`)}
          >
            {(aria) => (
              <input
                {...aria}
                className="input-number"
                type="number"
                inputMode="numeric"
                min={1}
                step={1}
                {...register(`limits.${key}` as const, { valueAsNumber: true })}
              />
            )}
          </Field>
        ))}
      </div>
      <button
        type="button"
        onClick={() =>
          setValue('limits', DEFAULT_HOUSE_LIMITS, {
            shouldDirty: true,
            shouldValidate: formState.submitCount > 0,
          })
        }
      >
        Use the standard limits
      </button>
    </section>
  );
}

// --- errors ----------------------------------------------------------------------------------------------------

const TOP_LABELS: Record<string, string> = {
  name: 'Organisation name',
  logo: 'Logo',
  boilerplate: 'Standard paragraph',
  contacts: 'Media contacts',
  outOfHours: 'Out-of-hours line',
  timeZone: 'Time zone',
  locale: 'Language and region',
  endMark: 'End mark',
  wordsToAvoid: 'Words to avoid',
};

/** The message under a field: the schema's own, except where it is written for programmers. */
function errorAt(errors: FieldErrors<OrganisationProfile>, path: string): string | undefined {
  const error = get(errors, path) as { message?: unknown } | undefined;
  const message = typeof error?.message === 'string' ? error.message : undefined;
  if (message === undefined) return undefined;
  return friendly(path, message);
}

function friendly(path: string, message: string): string {
  // zod's number messages ("expected number, received NaN") mean nothing to a press officer.
  if (path.startsWith('limits.')) return 'Enter a whole number, 1 or more';
  return message;
}

function summaryItems(errors: FieldErrors<OrganisationProfile>, form: UseFormReturn<OrganisationProfile>) {
  const items: SummaryItem[] = flattenErrors(errors).map(({ path, message }) => {
    const parts = path.split('.');
    const [top, index, key] = parts;
    if (top === 'wordsToAvoid') {
      return {
        target: 'profile-wordsToAvoid',
        text: `Words to avoid: ${wordsMessage(path, message, form.getValues('wordsToAvoid'))}`,
      };
    }
    if (top === 'houseStyle') {
      return {
        target: 'profile-houseStyle-knownAcronyms',
        text: `Acronyms that need no spelling out: ${acronymsError(errors, form.getValues('houseStyle.knownAcronyms')) ?? message}`,
      };
    }
    if (top === 'contacts' && index !== undefined && key !== undefined) {
      const label = CONTACT_LABELS[key as keyof typeof CONTACT_LABELS] ?? key;
      return {
        target: `profile-contacts-${index}-${key}`,
        text: `Contact ${Number(index) + 1}, ${label.toLowerCase()}: ${friendly(path, message)}`,
      };
    }
    if (top === 'contacts') return { target: 'profile-contacts-add', text: `Media contacts: ${message}` };
    if (top === 'limits' && index !== undefined) {
      const label = LIMIT_LABELS[index as keyof typeof LIMIT_LABELS] ?? index;
      return { target: `profile-limits-${index}`, text: `${label}: ${friendly(path, message)}` };
    }
    const label = TOP_LABELS[top ?? ''] ?? top ?? 'Profile';
    const text = message.startsWith('Enter ') ? message : `${label}: ${message}`;
    return { target: `profile-${top}`, text };
  });
  return inPageOrder(items);
}

function wordsMessage(path: string, message: string, words: string[]): string {
  const index = Number(path.split('.')[1]);
  const word = Number.isInteger(index) ? words[index] : undefined;
  if (word === undefined) return message;
  const shown = word.length > 30 ? `${word.slice(0, 30)}…` : word;
  return `“${shown}”: ${message}`;
}

function toList(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}
