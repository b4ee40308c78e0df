import { useController, type FieldErrors, type UseFormReturn } from 'react-hook-form';
import {
  DEFAULT_KNOWN_ACRONYMS,
  type HouseStyleRule,
  type OrganisationProfile,
} from '../../../../src-shared/release/schema';
import { ChangeNote } from './ChangeNote';
import { flattenErrors } from './form-errors';
import { ListTextarea } from './ListTextarea';

/** Typed as a Record so that a new house-style rule does not compile until it has a label and a description. */
const HOUSE_STYLE_RULES: Record<HouseStyleRule, { label: string; hint: string }> = {
  acronyms: {
    label: 'Acronyms spelled out at first use',
    hint: 'For example “Independent Office for Police Conduct (IOPC)” the first time, then “IOPC”.',
  },
  dates: {
    label: 'Dates written as “18 July 2024”',
    hint: 'Points out “18th July”, “July 18” and “18/07/2024”, with the date to write instead.',
  },
  times: {
    label: 'Times written as “5:30pm”, “midday” and “midnight”',
    hint: 'Points out “17:30”, “1730hrs”, “5.30 p.m.” and “12 noon”, with the time to write instead.',
  },
  relativeDates: {
    label: '“Today”, “yesterday” and “tomorrow” followed by the date',
    hint: 'For example “today (18 July 2024)”. Headlines and quotations are left as written.',
  },
  headlineActive: {
    label: 'Headlines in the active voice',
    hint: 'Points out headlines such as “Man was arrested”: say who did what.',
  },
  headlineSentenceCase: {
    label: 'Headlines in sentence case',
    hint: 'Points out headlines such as “Council Opens New Library”: capitals only for the first word and names.',
  },
};
const RULE_KEYS = Object.keys(HOUSE_STYLE_RULES) as HouseStyleRule[];
/** The stored fields this section's note covers (the acronym list has a note of its own). */
const SECTION_FIELDS = [
  ...RULE_KEYS.map((key) => `profile.houseStyle.${key}`),
  'profile.endMarkPlacement',
  'profile.quoteCredit',
];

/** The GOV.UK style guide's checks, each with a tick box, and the acronyms that need no spelling out. */
export function HouseStyleSection({ form }: { form: UseFormReturn<OrganisationProfile> }) {
  const { register } = form;
  return (
    <section className="form-section house-style-checks" aria-labelledby="profile-section-house-style-checks">
      <h2 id="profile-section-house-style-checks">House style checks</h2>
      <p className="hint">
        From the GOV.UK style guide. The editor points these out as warnings while a release is written;
        untick a check your organisation does not follow.
      </p>
      <ChangeNote id="profile-houseStyle-change" field={SECTION_FIELDS} />
      <fieldset>
        <legend className="visually-hidden">Checks the editor makes</legend>
        {RULE_KEYS.map((key) => (
          <div className="checkbox field" key={key}>
            <input
              id={`profile-houseStyle-${key}`}
              type="checkbox"
              aria-describedby={`profile-houseStyle-${key}-hint`}
              {...register(`houseStyle.${key}` as const)}
            />
            <label htmlFor={`profile-houseStyle-${key}`}>{HOUSE_STYLE_RULES[key].label}</label>
            <p className="hint" id={`profile-houseStyle-${key}-hint`}>
              {HOUSE_STYLE_RULES[key].hint}
            </p>
          </div>
        ))}
      </fieldset>
      <KnownAcronymsField form={form} />
      <PrintingFields form={form} />
    </section>
  );
}

/**
 * How a release prints: where the end mark goes (UK practice: after the story, before the notes to editors) and
 * whether a quote repeats its speaker in a caption. Both are optional in older profiles; the renderers'
 * defaults are shown until someone chooses.
 */
function PrintingFields({ form }: { form: UseFormReturn<OrganisationProfile> }) {
  const placement = useController({ control: form.control, name: 'endMarkPlacement' });
  const credit = useController({ control: form.control, name: 'quoteCredit' });
  const chosen = placement.field.value ?? 'after-story';
  const options = [
    ['after-story', 'After the story, before the notes to editors (UK practice)'],
    ['after-everything', 'At the very end, after the contacts and links'],
  ] as const;
  return (
    <>
      <fieldset className="field">
        <legend>Where the end mark (“ENDS”) is printed</legend>
        {options.map(([value, label]) => (
          <div className="radio" key={value}>
            <input
              id={`profile-endMarkPlacement-${value}`}
              type="radio"
              name={placement.field.name}
              value={value}
              checked={chosen === value}
              onChange={() => placement.field.onChange(value)}
            />
            <label htmlFor={`profile-endMarkPlacement-${value}`}>{label}</label>
          </div>
        ))}
      </fieldset>
      <div className="checkbox field">
        <input
          id="profile-quoteCredit"
          type="checkbox"
          aria-describedby="profile-quoteCredit-hint"
          checked={credit.field.value ?? false}
          onChange={(event) => credit.field.onChange(event.target.checked)}
        />
        <label htmlFor="profile-quoteCredit">Repeat the speaker's name and role under each quote</label>
        <p className="hint" id="profile-quoteCredit-hint">
          Off by default: a release says “Role Name said:” before the quotation and does not repeat it.
        </p>
      </div>
    </>
  );
}

/**
 * One acronym per line (commas and spaces separate them too). The text is kept as typed so that Enter can start
 * a new line; the stored list drops blanks and repeats.
 */
function KnownAcronymsField({ form }: { form: UseFormReturn<OrganisationProfile> }) {
  return (
    <ListTextarea
      control={form.control}
      name="houseStyle.knownAcronyms"
      parse={toAcronyms}
      id="profile-houseStyle-knownAcronyms"
      label="Acronyms that need no spelling out"
      hint={`One per line. Add your organisation’s short name if readers know it. Standard: ${DEFAULT_KNOWN_ACRONYMS.join(', ')}.`}
      error={(list) => acronymsError(form.formState.errors, list)}
      className="input-acronyms"
      spellCheck={false}
    />
  );
}

/** The message under the acronym list, naming the entry at fault. */
export function acronymsError(errors: FieldErrors<OrganisationProfile>, list: string[]): string | undefined {
  const item = flattenErrors(errors).find((e) => e.path.startsWith('houseStyle.knownAcronyms'));
  if (!item) return undefined;
  const index = Number(item.path.split('.')[2]);
  const entry = Number.isInteger(index) ? list[index] : undefined;
  return entry === undefined ? item.message : `“${entry.slice(0, 20)}”: ${item.message}`;
}

function toAcronyms(text: string): string[] {
  const seen = new Set<string>();
  return text
    .split(/[\s,;]+/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '' && !seen.has(entry) && (seen.add(entry), true));
}
