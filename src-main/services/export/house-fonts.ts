import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { EmbeddedFontFace } from '../../../src-shared/render/render-release';
import { resourcesFolder } from '../default-workspace';

/**
 * The house font of an export (ARCHITECTURE §6: "fonts embedded, ship the font in resources/"): the faces listed
 * in resources/fonts/fonts.json, read once and kept as data: URLs, so that each export only concatenates strings.
 */

const FontListSchema = z.object({
  faces: z
    .array(
      z.object({
        role: z.enum(['serif', 'sans']),
        family: z.string().min(1).max(64),
        weight: z.number().int().min(1).max(1000),
        style: z.enum(['normal', 'italic']),
        // A bare file name: the list may not point outside its folder.
        file: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\.(?:woff2|woff|ttf|otf)$/),
        unicodeRange: z.string().max(2000).optional(),
      }),
    )
    .max(64),
});

const MEDIA_TYPES: Readonly<Record<string, string>> = {
  woff2: 'font/woff2',
  woff: 'font/woff',
  ttf: 'font/ttf',
  otf: 'font/otf',
};

export function houseFontsFolder(): string {
  return join(resourcesFolder(), 'fonts');
}

const loaded = new Map<string, Promise<EmbeddedFontFace[]>>();

/**
 * The faces of the house font as data: URLs. Throws when the list or a file cannot be read: an export without
 * its font would silently look different from every other, which is worth stopping for in a broken install.
 */
export function loadHouseFonts(folder = houseFontsFolder()): Promise<EmbeddedFontFace[]> {
  let faces = loaded.get(folder);
  if (!faces) {
    faces = readFonts(folder);
    // A failed read is not remembered: the next export tries again (a folder being synced, say).
    faces.catch(() => loaded.delete(folder));
    loaded.set(folder, faces);
  }
  return faces;
}

async function readFonts(folder: string): Promise<EmbeddedFontFace[]> {
  const list = FontListSchema.parse(JSON.parse(await readFile(join(folder, 'fonts.json'), 'utf8')));
  return Promise.all(
    list.faces.map(async (face): Promise<EmbeddedFontFace> => {
      const bytes = await readFile(join(folder, face.file));
      const extension = face.file.slice(face.file.lastIndexOf('.') + 1);
      return {
        role: face.role,
        family: face.family,
        weight: face.weight,
        style: face.style,
        dataUrl: `data:${MEDIA_TYPES[extension]};base64,${bytes.toString('base64')}`,
        ...(face.unicodeRange ? { unicodeRange: face.unicodeRange } : {}),
      };
    }),
  );
}
