// `npm start`: build and open the desktop app on the default workspace, or explain plainly why it cannot.
import { spawnSync } from 'node:child_process';
import { HOW_TO_GET_ELECTRON, installedElectronBinary } from './electron-binary.mjs';

const binary = installedElectronBinary();
if (!binary) {
  console.error(
    [
      'Pressroom cannot start the desktop app: the Electron binary is not installed',
      '(node_modules/electron/dist is missing; `npm install` could not download it).',
      HOW_TO_GET_ELECTRON,
    ].join('\n'),
  );
  process.exit(1);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = (args) => spawnSync(npm, args, { stdio: 'inherit' }).status ?? 1;
const built = run(['run', 'build']);
if (built !== 0) process.exit(built);
process.exit(spawnSync('npx', ['electron-vite', 'preview', '--skipBuild'], { stdio: 'inherit' }).status ?? 1);
