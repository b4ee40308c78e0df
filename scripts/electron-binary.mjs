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

/** The executable's path when installed, otherwise null. Does not trigger a download (unlike require('electron')). */
export function installedElectronBinary() {
  const dir = electronPackageDir();
  if (!dir) return null;
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const executable = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(executable) ? executable : null;
}

export const HOW_TO_GET_ELECTRON = [
  'Fetch it on a machine that can reach the Electron download server with:',
  '    npx install-electron',
  '(set ELECTRON_MIRROR to use a mirror). Until then the same app runs in a browser:',
  '    npm run web',
  'and prints an address to open.',
].join('\n');
