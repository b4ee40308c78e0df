// Where the Electron binary should be, and whether it is there. Shared by install-electron.mjs and start.mjs.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export function electronPackageDir() {
  try {
    return dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/**
 * The executable's path when installed, otherwise null. Does not trigger a download (unlike require('electron')).
 * ELECTRON_OVERRIDE_DIST_PATH, which electron's own index.js honours, names the folder that holds it instead of
 * node_modules/electron/dist (the start test points it at a folder that does not exist).
 */
export function installedElectronBinary(env = process.env) {
  const dir = electronPackageDir();
  if (!dir) return null;
  const pathFile = join(dir, 'path.txt');
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const executable = join(override, name || 'electron');
    return existsSync(executable) ? executable : null;
  }
  if (!name) return null;
  const executable = join(dir, 'dist', name);
  return existsSync(executable) ? executable : null;
}

/** What `npm start` says, on one line, where the binary is missing, before it opens the browser host instead. */
export const NO_ELECTRON_LINE =
  'Pressroom: the Electron binary is not installed (fetch it with `npx install-electron`), so Pressroom opens in your browser instead.';

export const HOW_TO_GET_ELECTRON = [
  'Fetch it on a machine that can reach the Electron download server with:',
  '    npx install-electron',
  '(set ELECTRON_MIRROR to use a mirror). Until then `npm start` runs the same app in your browser',
  '(or `npm run web`, which prints an address to open).',
].join('\n');
