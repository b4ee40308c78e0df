import { useEffect, useState } from 'react';
import { Controller, useFieldArray, useForm, type UseFormReturn } from 'react-hook-form';
import { callApi } from '../../api';
import { PreviewPane } from '../preview/PreviewPane';
import { useAutosave, type SaveState } from './useAutosave';
import {
  RELEASE_STATUS_LABELS,
  RELEASE_TYPE_LABELS,
  RELEASE_TYPES,
  type OrganisationProfile,
  type Release,
  type ReleaseContent,
} from '../../../../src-shared/release/schema';

/** The content fields of a release, without the identity and workflow fields the store owns. */
function contentOf(release: Release): ReleaseContent {
  const {
    schemaVersion: _v,
    id: _id,
    revision: _r,
    createdAt: _c,
    updatedAt: _u,
    status: _s,
    ...content
  } = release;
  return content;
}

const newParagraphId = () => `p-${crypto.randomUUID().slice(0, 8)}`;

export function EditorView({
  id,
  profile,
  onClose,
}: {
  id: string;
  profile: OrganisationProfile;
  onClose: () => void;
}) {
  const [release, setRelease] = useState<Release | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void callApi('releases.get', { id }).then((result) => {
      if (result.ok) setRelease(result.value);
      else setError(result.error.message);
    });
  }, [id]);

  if (error) {
    return (
      <main className="app-message" role="alert">
        <h1>This release could not be opened</h1>
        <p>{error}</p>
        <button type="button" onClick={onClose}>
          Back to the library
        </button>
      </main>
    );
  }
  if (!release) return <main className="app-message">Opening release…</main>;
  return <ReleaseEditor release={release} profile={profile} onClose={onClose} />;
}

function ReleaseEditor({
  release,
  profile,
  onClose,
}: {
  release: Release;
  profile: OrganisationProfile;
  onClose: () => void;
}) {
  const form = useForm<ReleaseContent>({ defaultValues: contentOf(release), mode: 'onChange' });
  const { state, saveNow } = useAutosave(form, release);

  async function close() {
    await saveNow();
    onClose();
  }

  return (
    <div className="editor">
      <header className="topbar">
        <div className="topbar-title">
          <button type="button" className="button-quiet" onClick={() => void close()}>
            ← Library
          </button>
          <span className={`status status-${release.status}`}>{RELEASE_STATUS_LABELS[release.status]}</span>
        </div>
        <SaveIndicator state={state} onRetry={() => void saveNow()} />
      </header>
      <div className="editor-columns">
        <form
          className="editor-form"
          aria-label="Release"
          onSubmit={(event) => {
            event.preventDefault();
            void saveNow();
          }}
        >
          <HeaderSection form={form} />
          <section className="form-section" aria-labelledby="section-headline">
            <h2 id="section-headline">Headline and lead</h2>
            <Field label="Headline" hint="One sentence in the active voice." htmlFor="headline">
              <input id="headline" className="input-wide" autoComplete="off" {...form.register('headline')} />
            </Field>
            <Field
              label="Standfirst"
              hint="One or two sentences: who, what, when, where, why."
              htmlFor="standfirst"
            >
              <textarea id="standfirst" rows={3} {...form.register('standfirst')} />
            </Field>
          </section>
          <BodySection form={form} />
          <button type="submit" className="visually-hidden">
            Save now
          </button>
        </form>
        <aside className="editor-preview" aria-label="Preview">
          <PreviewPane control={form.control} profile={profile} status={release.status} />
        </aside>
      </div>
    </div>
  );
}

function SaveIndicator({ state, onRetry }: { state: SaveState; onRetry: () => void }) {
  const text =
    state.kind === 'saved'
      ? 'All changes saved'
      : state.kind === 'saving'
        ? 'Saving…'
        : state.kind === 'pending'
          ? 'Unsaved changes'
          : 'Not saved';
  return (
    <div
      className={`save-state save-state-${state.kind}`}
      role="status"
      aria-live="polite"
      data-save-state={state.kind}
    >
      <span>{text}</span>
      {state.kind === 'failed' && (
        <>
          <span className="save-error">{state.message}</span>
          {!state.conflict && (
            <button type="button" className="button-quiet" onClick={onRetry}>
              Try again
            </button>
          )}
        </>
      )}
    </div>
  );
}

function Field({
  label,
  hint,
  htmlFor,
  children,
}: {
  label: string;
  hint?: string;
  htmlFor: string;
  children: React.ReactNode;
}) {
  const hintId = hint ? `${htmlFor}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={htmlFor}>{label}</label>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      {children}
    </div>
  );
}

function HeaderSection({ form }: { form: UseFormReturn<ReleaseContent> }) {
  const { register, control, setValue, getValues } = form;
  return (
    <section className="form-section" aria-labelledby="section-header">
      <h2 id="section-header">Header</h2>
      <div className="field-row">
        <Field label="Release type" htmlFor="header-type">
          <select id="header-type" {...register('header.type')}>
            {RELEASE_TYPES.map((type) => (
              <option key={type} value={type}>
                {RELEASE_TYPE_LABELS[type]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Reference" htmlFor="header-reference">
          <input id="header-reference" autoComplete="off" {...register('header.reference')} />
        </Field>
      </div>
      <Field label="Issued by" htmlFor="header-organisation">
        <input id="header-organisation" className="input-wide" {...register('header.organisation')} />
      </Field>
      <div className="field-row">
        <Field label="Release date and time" hint="In the organisation's time zone." htmlFor="header-date">
          <input id="header-date" type="datetime-local" {...register('header.releaseDate')} />
        </Field>
        <Field label="Time zone" htmlFor="header-zone">
          <input id="header-zone" autoComplete="off" {...register('header.timeZone')} />
        </Field>
      </div>
      <Controller
        control={control}
        name="header.embargo"
        render={({ field }) => (
          <fieldset className="field embargo">
            <legend>Embargo</legend>
            <div className="checkbox">
              <input
                id="header-embargoed"
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
              <label htmlFor="header-embargoed">Embargoed (otherwise “For immediate release”)</label>
            </div>
            {field.value !== null && (
              <div className="field">
                <label htmlFor="header-embargo-until">Embargoed until</label>
                <input
                  id="header-embargo-until"
                  type="datetime-local"
                  value={field.value.until}
                  onChange={(event) =>
                    setValue(
                      'header.embargo',
                      { until: event.target.value, timeZone: getValues('header.timeZone') },
                      {
                        shouldDirty: true,
                      },
                    )
                  }
                />
              </div>
            )}
          </fieldset>
        )}
      />
      <Controller
        control={control}
        name="header.tags"
        render={({ field }) => (
          <Field label="Tags" hint="Regions or topics, separated by commas." htmlFor="header-tags">
            <TagsInput value={field.value} onChange={field.onChange} />
          </Field>
        )}
      />
    </section>
  );
}

/** Free typing with commas; the list is only split when the writer leaves the field, so spaces survive typing. */
function TagsInput({ value, onChange }: { value: string[]; onChange: (tags: string[]) => void }) {
  const [text, setText] = useState(value.join(', '));
  return (
    <input
      id="header-tags"
      className="input-wide"
      value={text}
      onChange={(event) => setText(event.target.value)}
      onBlur={() =>
        onChange(
          text
            .split(',')
            .map((tag) => tag.trim())
            .filter(Boolean),
        )
      }
    />
  );
}

function BodySection({ form }: { form: UseFormReturn<ReleaseContent> }) {
  const { fields, append, remove, move } = useFieldArray({
    control: form.control,
    name: 'body',
    keyName: 'fieldKey',
  });
  return (
    <section className="form-section" aria-labelledby="section-body">
      <h2 id="section-body">Body</h2>
      <p className="hint">
        Most important first. Use *emphasis*, [link text](https://…) and lines starting with “- ” for lists.
      </p>
      <ol className="paragraph-list">
        {fields.map((paragraph, index) => (
          <li key={paragraph.fieldKey} className="paragraph-item">
            <label htmlFor={`body-${index}`}>Paragraph {index + 1}</label>
            <textarea id={`body-${index}`} rows={4} {...form.register(`body.${index}.text` as const)} />
            <div className="paragraph-actions">
              <button
                type="button"
                className="button-quiet"
                disabled={index === 0}
                onClick={() => move(index, index - 1)}
              >
                Move up<span className="visually-hidden"> paragraph {index + 1}</span>
              </button>
              <button
                type="button"
                className="button-quiet"
                disabled={index === fields.length - 1}
                onClick={() => move(index, index + 1)}
              >
                Move down<span className="visually-hidden"> paragraph {index + 1}</span>
              </button>
              <button type="button" className="button-quiet button-danger" onClick={() => remove(index)}>
                Remove<span className="visually-hidden"> paragraph {index + 1}</span>
              </button>
            </div>
          </li>
        ))}
      </ol>
      <button type="button" onClick={() => append({ id: newParagraphId(), text: '' })}>
        Add paragraph
      </button>
    </section>
  );
}
