// `npm start`: build and open the desktop app on the default workspace. Where the Electron binary is missing, say
// so in one line and run the same app in the browser host on the default workspace instead, opening the system
// browser where there is one (the host prints the address either way).
import { spawnSync } from 'node:child_process';
import { NO_ELECTRON_LINE, installedElectronBinary } from './electron-binary.mjs';
import { runBrowserHost } from './web.mjs';

const binary = installedElectronBinary();
if (!binary) {
  console.error(NO_ELECTRON_LINE);
  // Arguments pass on to the host (`npm start -- --workspace DIR`); without them, the default workspace.
  runBrowserHost(['--open', ...process.argv.slice(2)]);
} else {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const run = (args) => spawnSync(npm, args, { stdio: 'inherit' }).status ?? 1;
  const built = run(['run', 'build']);
  if (built !== 0) process.exit(built);
  process.exit(
    spawnSync('npx', ['electron-vite', 'preview', '--skipBuild'], { stdio: 'inherit' }).status ?? 1,
  );
}
