import { z } from 'zod';
import { ReleaseContentSchema, ReleaseSchema, type ReleaseContent } from './schema';

/**
 * What the recovery stash takes: a release as the person typed it, which may break the schema's limits (a headline
 * over 1,000 characters, a 6-digit year) because the form keeps such text and the stash must too (issue 14, item 5).
 * The release's own identity and workflow fields stay exactly as strict as the store's (the id names the stash
 * file); only the content is loosened, and it is derived from ReleaseContentSchema, never listed by hand.
 *
 * Loosened, still bounded: every text at most LOOSE_TEXT_MAX characters, every list at most LOOSE_ITEMS_MAX items,
 * and the whole release at most MAX_STASH_CHARS when written out, so that a hostile 100 MB body is refused here
 * as at the store. A stash never reaches the store: restoring one puts it in the form, and the form's save holds
 * back whatever breaks a limit (field-limits.ts).
 */

/** Past the largest limit of any text (200,000 characters), with room for a paste over it. */
export const LOOSE_TEXT_MAX = 1_000_000;
/** Past the largest limit of any list (500 paragraphs). */
export const LOOSE_ITEMS_MAX = 1_000;
/** The whole stash, written out as JSON: below the browser host's 16 MB body limit. */
export const MAX_STASH_CHARS = 8_000_000;

/** The same shape with the limits lifted: texts lose their length, pattern and refinements; enums stay. */
function loosen(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodObject) {
    const shape = schema.shape as Record<string, z.ZodType>;
    return z.object(Object.fromEntries(Object.entries(shape).map(([key, part]) => [key, loosen(part)])));
  }
  if (schema instanceof z.ZodArray) return z.array(loosen(schema.element as z.ZodType)).max(LOOSE_ITEMS_MAX);
  if (schema instanceof z.ZodOptional) return loosen(schema.unwrap() as z.ZodType).optional();
  if (schema instanceof z.ZodNullable) return loosen(schema.unwrap() as z.ZodType).nullable();
  if (schema instanceof z.ZodString) return z.string().max(LOOSE_TEXT_MAX);
  // Enums, literals, numbers: a form control cannot type anything else into them.
  return schema;
}

const looseContent = loosen(ReleaseContentSchema) as z.ZodObject;

/**
 * Some sections of a release as typed, for a stash that must be small: the last edits sent as the page closes, when
 * the whole release is over the 64 KB a browser lets a page send then. Bounded as the whole stash is.
 */
export const StashedChangesSchema = looseContent.partial().check((context) => {
  if (JSON.stringify(context.value).length > MAX_STASH_CHARS) {
    context.issues.push({
      code: 'custom',
      input: context.value,
      message: 'Too large to keep as unsaved edits',
    });
  }
}) as unknown as z.ZodType<Partial<ReleaseContent>>;

/**
 * A release as typed, for the stash. Typed as a Release (the shape is the same; only the limits differ), so that
 * the form can take it back as it takes a saved one.
 */
export const StashedReleaseSchema = ReleaseSchema.extend(looseContent.shape).check((context) => {
  if (JSON.stringify(context.value).length > MAX_STASH_CHARS) {
    context.issues.push({
      code: 'custom',
      input: context.value,
      message: `Too large to keep as unsaved edits (over ${(MAX_STASH_CHARS / 1_000_000).toLocaleString('en-GB')} million characters)`,
    });
  }
}) as unknown as typeof ReleaseSchema;
