/**
 * The process that document-store.test.ts kills: it writes one large document through openDocument over and over
 * (each generation's every item names the generation, so a torn mix of two would not validate) until killed. Not a
 * test itself.
 *
 *   node --import tsx document-store-writer.ts <file>
 *
 * Prints "ready" once its first write is whole, so that the kills land among writes rather than before the first.
 */
import { z } from 'zod';
import { openDocument } from '../../../src-main/services/storage/document-store';

export const BIG_ITEMS = 400;

export const BigDocumentSchema = z
  .object({
    schemaVersion: z.literal(1),
    generation: z.number().int().nonnegative(),
    items: z.array(z.string()).length(BIG_ITEMS),
  })
  .refine(
    (doc) => doc.items.every((item) => item.startsWith(`${doc.generation}|`)),
    'items of another generation',
  );
export type BigDocument = z.infer<typeof BigDocumentSchema>;

export function bigDocument(generation: number): BigDocument {
  return {
    schemaVersion: 1,
    generation,
    items: Array.from({ length: BIG_ITEMS }, () => `${generation}|${'x'.repeat(2500)}`),
  };
}

export function openBigDocument(path: string) {
  return openDocument({ path, schema: BigDocumentSchema, version: 1, defaults: () => bigDocument(0) });
}

async function main(): Promise<void> {
  const [file] = process.argv.slice(2);
  if (!file) throw new Error('usage: document-store-writer.ts <file>');
  const document = openBigDocument(file);
  for (let generation = 1; ; generation++) {
    // Every third write goes through update (read, change, check, write), the others replace the document.
    if (generation % 3 === 0) await document.update(() => bigDocument(generation));
    else await document.write(bigDocument(generation));
    if (generation === 1) process.stdout.write('ready\n');
  }
}

// Imported by the test for the schema; run as a script, it writes.
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!)) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
