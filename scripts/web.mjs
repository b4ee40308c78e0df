// `npm run web -- --workspace DIR [--port N] [--open]`: build the renderer when it is missing or older than its
// sources, then start the loopback browser host. start.mjs runs the same where the Electron binary is missing.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const builtIndex = join(root, 'out', 'renderer', 'index.html');

function newestSourceTime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceTime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds when needed (unless --no-build), runs the host with `argv`, and exits with its exit code. */
export function runBrowserHost(argv) {
  const stale =
    !existsSync(builtIndex) ||
    Math.max(newestSourceTime(join(root, 'src-renderer')), newestSourceTime(join(root, 'src-shared'))) >
      statSync(builtIndex).mtimeMs;
  if (stale && !argv.includes('--no-build')) {
    const build = spawnSync('npx', ['electron-vite', 'build'], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }

  const args = argv.filter((arg) => arg !== '--no-build');
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/web/main.ts', ...args], {
    cwd: root,
    stdio: 'inherit',
  });
  // Pass Ctrl-C and kill on to the host so that it can close cleanly.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runBrowserHost(process.argv.slice(2));
}
