// Runs after `npm install`. Electron >= 42 no longer downloads its binary in a postinstall of its own, so the
// project asks for it here. Without network access the download fails: that must not fail the install,
// because the tests, the browser host and the CLI need no Electron binary.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { electronPackageDir, HOW_TO_GET_ELECTRON, installedElectronBinary } from './electron-binary.mjs';

const dir = electronPackageDir();
if (!dir) {
  // A production install without devDependencies: nothing to fetch.
  process.exit(0);
}
if (installedElectronBinary()) process.exit(0);
if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.log('Pressroom: ELECTRON_SKIP_BINARY_DOWNLOAD is set, so the Electron binary was not fetched.');
  process.exit(0);
}

console.log('Pressroom: fetching the Electron binary for the desktop app…');
const result = spawnSync(process.execPath, [join(dir, 'install.js')], {
  encoding: 'utf8',
  timeout: 10 * 60 * 1000,
  env: process.env,
});
if (result.status === 0 && installedElectronBinary()) {
  console.log('Pressroom: Electron is ready. `npm start` opens the app.');
  process.exit(0);
}
const firstLine =
  `${result.stderr ?? ''}${result.stdout ?? ''}`.split('\n').find((line) => line.trim()) ?? 'no answer';
console.warn(
  [
    '',
    'Pressroom: the Electron binary could not be downloaded, so `npm start` opens Pressroom in your browser instead.',
    `  Reason: ${firstLine.trim()}`,
    HOW_TO_GET_ELECTRON,
    'Everything else (npm test, npm run web, the pressroom CLI) works without it.',
    '',
  ].join('\n'),
);
process.exit(0);
