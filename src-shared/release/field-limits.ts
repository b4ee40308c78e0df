import { z } from 'zod';
import { ReleaseContentSchema, type ReleaseContent } from './schema';
import { FIELDS, fieldOfPath, type FieldPath, type FieldSpec, type SectionId } from './structure';

/**
 * The schema's limits, said at the field (issue 14, item 3). The store refuses a whole release when one value breaks
 * the schema (a 6-digit year, a 200 KB paragraph); here the schema's own issues are mapped, through the structure
 * table, to the field and the item they belong to, in words a press officer understands, and a release that breaks
 * some limits is turned into one the store accepts by sending the last saved value of just those values.
 *
 * Nothing here lists fields: the zod schema says what is wrong and where, the table says what the place is called.
 */

export type LimitKind = 'characters' | 'items' | 'date' | 'time-zone' | 'value';

export interface LimitProblem {
  /** The table's field. */
  field: FieldPath;
  section: SectionId;
  /**
   * The form path of the control the message shows at: `headline`, `body.2.text`, `quotes.0.paragraphs`,
   * `header.tags` (a tag's problem shows over the list), `header.embargo`.
   */
  path: string;
  kind: LimitKind;
  /** At the field: "The headline can be at most 1,000 characters: this one has 1,412. Shorten it by 412." */
  message: string;
  /** In a sentence: "the headline", "paragraph 3", "the speaker's role of quote 1". */
  name: string;
  /** Why it was not saved, short: "too long", "too many paragraphs", "not a real date". */
  reason: string;
}

type Segment = string | number;

const n = (value: number) => value.toLocaleString('en-GB');
const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
const upperFirst = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const pluralNoun = (noun: string) => (noun === 'person' ? 'people' : `${noun}s`);
const characters = (count: number) => `${n(count)} character${count === 1 ? '' : 's'}`;

/** "the headline"; a label that is not a noun ("Issued by") is quoted: "the “Issued by” line". */
function fieldName(spec: FieldSpec): string {
  return / by$/i.test(spec.label) ? `the “${spec.label}” line` : `the ${lowerFirst(spec.label)}`;
}

function valueAt(root: unknown, path: readonly Segment[]): unknown {
  let value = root;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

/** The path inside the field: after `header.x` or after the top-level key. */
function innerPath(path: readonly Segment[]): Segment[] {
  return path[0] === 'header' ? path.slice(2) : path.slice(1);
}

/**
 * Where a problem at `path` (a schema issue's path) is named and shown: the name in words and the form path.
 * `inner` is the path inside the field: [] for the field itself, [2, 'text'] for paragraph 3's text.
 */
function place(spec: FieldSpec, inner: readonly Segment[]): { name: string; path: string } {
  const [index, part, subIndex, subPart] = inner;
  if (typeof index !== 'number' || !spec.item) {
    // The field itself, or a part of it that has no item (the embargo's date): the field's own control.
    return { name: fieldName(spec), path: spec.path };
  }
  const item = `${lowerFirst(spec.item.label)} ${index + 1}`;
  const itemPath = `${spec.path}.${index}`;
  switch (spec.kind) {
    case 'list':
      // One input per entry, with its messages over the list.
      return { name: item, path: spec.path };
    case 'paragraphs':
    case 'notes':
      return { name: item, path: `${itemPath}.text` };
    case 'protected-people':
      if (part === 'variants') {
        return {
          name:
            typeof subIndex === 'number'
              ? `other name ${subIndex + 1} of ${item}`
              : `the other names of ${item}`,
          path: `${itemPath}.variants`,
        };
      }
      if (part === 'identifiers') {
        return typeof subIndex === 'number'
          ? {
              name: `identifying detail ${subIndex + 1} of ${item}`,
              path: `${itemPath}.identifiers.${subIndex}.${String(subPart ?? 'text')}`,
            }
          : { name: `the identifying details of ${item}`, path: `${itemPath}.identifiers` };
      }
      return { name: `the name of ${item}`, path: `${itemPath}.name` };
    default: {
      const partSpec = spec.parts?.find((p) => p.key === part);
      if (spec.kind === 'quotes' && part === 'paragraphs') {
        // A quote's paragraphs are typed in one box.
        return { name: `the words of ${item}`, path: `${itemPath}.paragraphs` };
      }
      if (spec.kind === 'key-details' && part === 'text') {
        return { name: item, path: `${itemPath}.text` };
      }
      return partSpec
        ? { name: `the ${partSpec.label} of ${item}`, path: `${itemPath}.${partSpec.key}` }
        : { name: item, path: itemPath };
    }
  }
}

interface Issue {
  code: string;
  path: readonly PropertyKey[];
  maximum?: unknown;
  origin?: unknown;
  format?: unknown;
}

function describe(spec: FieldSpec, issue: Issue, content: unknown): LimitProblem {
  const path = issue.path.filter((s): s is Segment => typeof s === 'string' || typeof s === 'number');
  const inner = innerPath(path);
  const where = place(spec, inner);
  const value = valueAt(content, path);
  const base = { field: spec.path, section: spec.section, path: where.path, name: where.name };
  const Name = upperFirst(where.name);
  const max =
    typeof issue.maximum === 'number' || typeof issue.maximum === 'bigint' ? Number(issue.maximum) : NaN;

  if (issue.code === 'too_big' && typeof value === 'string') {
    const has = [...value].length;
    const over = Math.max(has - max, 1);
    const these = inner.length === 0 ? 'this one has' : 'it has';
    return {
      ...base,
      kind: 'characters',
      reason: 'too long',
      message: `${Name} can be at most ${characters(max)}: ${these} ${n(has)}. Shorten it by ${n(over)}.`,
    };
  }
  if (issue.code === 'too_big' && Array.isArray(value)) {
    const has = value.length;
    const over = Math.max(has - max, 1);
    const last = inner[inner.length - 1];
    // The items of the field itself, or of one item (a quote's paragraphs, a person's other names).
    const noun =
      inner.length === 0
        ? pluralNoun(spec.item?.noun ?? 'item')
        : last === 'paragraphs'
          ? 'paragraphs'
          : last === 'variants'
            ? 'other names'
            : last === 'identifiers'
              ? 'identifying details'
              : 'entries';
    const who =
      inner.length === 0
        ? spec.kind === 'paragraphs'
          ? `${upperFirst(fieldName(spec))} can have`
          : 'A release can have'
        : `${upperFirst(where.name.replace(/^the (words|other names|identifying details) of /, ''))} can have`;
    return {
      ...base,
      kind: 'items',
      reason: `too many ${noun}`,
      message: `${who} at most ${n(max)} ${noun}: ${inner.length === 0 && spec.kind !== 'paragraphs' ? 'this one has' : 'it has'} ${n(has)}. Remove ${n(over)}.`,
    };
  }
  const last = path[path.length - 1];
  if (spec.kind === 'date-time' || (spec.kind === 'embargo' && last === 'until')) {
    const what = spec.kind === 'embargo' ? 'the embargo date and time' : `the ${lowerFirst(spec.label)}`;
    const text = typeof value === 'string' ? value : '';
    const year = /^(\d+)-/.exec(text)?.[1];
    const message =
      text === ''
        ? `Enter ${what}, such as 18 July 2024 at 09:30.`
        : year !== undefined && year.length !== 4
          ? `The year in ${what} must have 4 digits, such as 2024: this one has ${year.length}.`
          : `Enter a real date and time for ${what}, such as 18 July 2024 at 09:30.`;
    return { ...base, kind: 'date', reason: 'not a real date', message };
  }
  if (spec.kind === 'time-zone' || (spec.kind === 'embargo' && last === 'timeZone')) {
    return {
      ...base,
      kind: 'time-zone',
      reason: 'unknown time zone',
      message: `Choose a time zone from the list for ${where.name}.`,
    };
  }
  return {
    ...base,
    kind: 'value',
    reason: 'cannot be saved',
    message: `${Name} cannot be saved as it is: change it or undo the last change.`,
  };
}

/**
 * Every value of `content` that the schema would refuse, each named at its field. Empty when the store would take
 * the release. Walks the schema's own issues, so a limit added to the schema is checked here with no change.
 */
export function checkFieldLimits(content: unknown): LimitProblem[] {
  const parsed = ReleaseContentSchema.safeParse(content);
  if (parsed.success) return [];
  const problems: LimitProblem[] = [];
  const seen = new Set<string>();
  for (const issue of parsed.error.issues as unknown as Issue[]) {
    const spec = fieldOfPath(issue.path.map(String).join('.'));
    if (!spec) continue;
    const problem = describe(spec, issue, content);
    const key = `${problem.path}|${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

/** "the headline (too long)", "the headline (too long) and paragraph 3 (too long)": for the top bar. */
export function listProblems(problems: readonly LimitProblem[]): string {
  const parts = problems.map((p) => `${p.name} (${p.reason})`);
  const unique = [...new Set(parts)];
  if (unique.length <= 1) return unique.join('');
  const shown = unique.slice(0, 3);
  const more = unique.length - shown.length;
  if (more > 0) return `${shown.join(', ')} and ${n(more)} more`;
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

// --- what can be saved ---------------------------------------------------------------------------------------

function getField(content: ReleaseContent, path: FieldPath): unknown {
  return path.startsWith('header.')
    ? (content.header as unknown as Record<string, unknown>)[path.slice('header.'.length)]
    : (content as unknown as Record<string, unknown>)[path];
}

function setField(content: ReleaseContent, path: FieldPath, value: unknown): ReleaseContent {
  if (path.startsWith('header.')) {
    return { ...content, header: { ...content.header, [path.slice('header.'.length)]: value } };
  }
  return { ...content, [path]: value };
}

/** What identifies an item across saves: its id (or a key detail's key); a tag has none. */
function identity(item: unknown): string | undefined {
  if (item === null || typeof item !== 'object') return undefined;
  const record = item as Record<string, unknown>;
  const id = record.id ?? record.key;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** The issues of `content` grouped by field, each with the item index it is in (undefined: the field as a whole). */
function issuesByField(content: unknown): Map<FieldPath, Set<number | undefined>> | null {
  const parsed = ReleaseContentSchema.safeParse(content);
  if (parsed.success) return null;
  const byField = new Map<FieldPath, Set<number | undefined>>();
  for (const issue of parsed.error.issues) {
    const path = issue.path.filter((s): s is Segment => typeof s === 'string' || typeof s === 'number');
    const spec = fieldOfPath(path.map(String).join('.'));
    if (!spec) {
      // Not a field of the table (the content as a whole is not an object): nothing here can be kept.
      byField.set('headline', new Set([undefined]));
      continue;
    }
    const index = innerPath(path)[0];
    const at = byField.get(spec.path) ?? new Set<number | undefined>();
    // Inside one item (its text, a quote's paragraphs), or about the field as a whole (too many quotes, a date).
    at.add(spec.item && typeof index === 'number' ? index : undefined);
    byField.set(spec.path, at);
  }
  return byField;
}

/**
 * The release to save when some values break a limit: every value as typed, except those, which are sent as they
 * were last saved (`saved`, which the store accepted), so that the file on disk keeps every other change. An item
 * of a list that breaks a limit is sent as its last saved version (found by its id), or left out when it was never
 * saved; a field whose problem is the field as a whole (a 6-digit year, too many paragraphs) is sent as last saved.
 * The form keeps what the person typed; only the save differs.
 *
 * `held` says which values were not saved (the problems, in words). When even that does not give a release the
 * schema takes (it should always), the last saved content is sent, which changes nothing on disk.
 */
export function keepWithinLimits(
  content: ReleaseContent,
  saved: ReleaseContent,
): { content: ReleaseContent; held: LimitProblem[] } {
  const held = checkFieldLimits(content);
  if (held.length === 0 && ReleaseContentSchema.safeParse(content).success) return { content, held };
  let next = content;
  const byField = issuesByField(content) ?? new Map<FieldPath, Set<number | undefined>>();
  for (const [path, indexes] of byField) {
    const spec = FIELDS[path];
    const value = getField(next, path);
    const before = getField(saved, path);
    if (indexes.has(undefined) || !Array.isArray(value)) {
      next = setField(next, path, before);
      continue;
    }
    const savedItems = Array.isArray(before) ? before : [];
    const kept: unknown[] = [];
    value.forEach((item: unknown, index) => {
      if (!indexes.has(index)) {
        kept.push(item);
        return;
      }
      const id = spec.item ? identity(item) : undefined;
      const previous = id === undefined ? undefined : savedItems.find((old) => identity(old) === id);
      if (previous !== undefined) kept.push(previous);
      // Never saved: left out of this save, kept in the form.
    });
    next = setField(next, path, kept);
  }
  // Whatever still fails (an item kept from the save that now clashes, say): the whole field as last saved.
  const still = issuesByField(next);
  if (still) for (const path of still.keys()) next = setField(next, path, getField(saved, path));
  if (!ReleaseContentSchema.safeParse(next).success) next = saved;
  return { content: next, held };
}

// --- the limit of one control ------------------------------------------------------------------------------------

/**
 * The schema's limit on the characters of the text at a form path (`headline`, `body.2.text`,
 * `quotes.0.speakerRole`; `quotes.0.paragraphs` gives each paragraph's), read from the zod schema itself, or
 * undefined when the value there is not a text with a limit. For the count under a control.
 */
export function maxCharactersAt(path: string): number | undefined {
  let schema: unknown = ReleaseContentSchema;
  for (const segment of path.split('.')) {
    schema = unwrap(schema);
    if (schema instanceof z.ZodObject) schema = (schema.shape as Record<string, unknown>)[segment];
    else if (schema instanceof z.ZodArray && /^\d+$/.test(segment)) schema = schema.element;
    else return undefined;
  }
  schema = unwrap(schema);
  if (schema instanceof z.ZodArray) schema = unwrap(schema.element);
  return schema instanceof z.ZodString && typeof schema.maxLength === 'number' ? schema.maxLength : undefined;
}

function unwrap(schema: unknown): unknown {
  let current = schema;
  while (current instanceof z.ZodOptional || current instanceof z.ZodNullable) current = current.unwrap();
  return current;
}
