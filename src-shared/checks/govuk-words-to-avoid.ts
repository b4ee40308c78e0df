/**
 * The "Words to avoid" entry of the GOV.UK style guide (A to Z of GOV.UK style,
 * https://www.gov.uk/guidance/style-guide/a-to-z), with the guide's own reason for each. A new workspace starts
 * with these as its profile's words to avoid; a workspace keeps whatever list it has once someone has saved one.
 *
 * Each entry is matched as a whole word or phrase, in any case ("Key" and "KEY" too). The list is the guide's, not
 * ours: where it names a form ("focusing", "tackling") that form is what is matched, and a word the guide allows in
 * one sense ("key" for a lock) is still pointed out, because the checks cannot tell the senses apart.
 */
export interface WordToAvoid {
  word: string;
  /** What the guide says about it, as a hint for the writer. */
  note: string;
}

export const GOVUK_WORDS_TO_AVOID: readonly WordToAvoid[] = [
  { word: 'agenda', note: 'unless it’s for a meeting' },
  { word: 'advancing', note: '' },
  { word: 'collaborate', note: 'use ‘working with’' },
  { word: 'combating', note: 'unless it’s military' },
  { word: 'commit', note: 'be specific: we’re either doing something or we’re not' },
  { word: 'pledge', note: 'be specific: we’re either doing something or we’re not' },
  { word: 'countering', note: '' },
  {
    word: 'deliver',
    note: 'pizzas, post and services are delivered, not abstract concepts like improvements',
  },
  { word: 'deploy', note: 'unless it’s military or software' },
  { word: 'dialogue', note: 'we speak to people' },
  { word: 'disincentivise', note: '' },
  { word: 'incentivise', note: '' },
  { word: 'empower', note: '' },
  { word: 'facilitate', note: 'say something specific about how you’re helping' },
  { word: 'focusing', note: '' },
  { word: 'foster', note: 'unless it’s children' },
  { word: 'impact', note: 'not as a synonym for ‘have an effect on’ or ‘influence’' },
  { word: 'initiate', note: '' },
  { word: 'key', note: 'unless it unlocks something: a subject is probably ‘important’' },
  { word: 'land', note: 'as a verb, only for aircraft' },
  { word: 'leverage', note: 'unless in the financial sense' },
  { word: 'liaise', note: '' },
  { word: 'overarching', note: '' },
  { word: 'progress', note: 'as a verb: what are you actually doing?' },
  { word: 'promote', note: 'unless it’s an ad campaign or other marketing promotion' },
  { word: 'robust', note: '' },
  { word: 'slimming down', note: 'processes don’t diet: say what is being removed' },
  { word: 'streamline', note: '' },
  { word: 'strengthening', note: 'unless it’s bridges or other structures' },
  { word: 'tackling', note: 'unless it’s rugby, football or some other sport' },
  { word: 'transforming', note: 'what are you actually doing to change it?' },
  { word: 'utilise', note: '' },
  // Metaphors: they do not say what is meant, and slow the reader down.
  { word: 'drive', note: 'you can only drive vehicles, not schemes or people' },
  { word: 'drive out', note: 'unless it’s cattle' },
  { word: 'going forward', note: 'unlikely that we are giving travel directions' },
  { word: 'one-stop shop', note: 'we’re government, not a retail outlet' },
  { word: 'ring fencing', note: '' },
  { word: 'ring-fencing', note: '' },
];

/**
 * The words alone, as a profile stores them. A phrase that contains another entry as a whole word ("drive out",
 * which "drive" already finds) is left out, so that one use is pointed out once.
 */
export const GOVUK_WORDS_TO_AVOID_LIST: readonly string[] = GOVUK_WORDS_TO_AVOID.map(
  (entry) => entry.word,
).filter(
  (word, _index, all) => !all.some((other) => other !== word && new RegExp(`(^| )${other}( |$)`).test(word)),
);
