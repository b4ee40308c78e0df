// `npm run web -- --workspace DIR [--port N]`: build the renderer when it is missing or older than its
// sources, then start the loopback browser host.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const builtIndex = join('out', 'renderer', 'index.html');

function newestSourceTime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceTime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const stale =
  !existsSync(builtIndex) ||
  Math.max(newestSourceTime('src-renderer'), newestSourceTime('src-shared')) > statSync(builtIndex).mtimeMs;
if (stale && !process.argv.includes('--no-build')) {
  const build = spawnSync('npx', ['electron-vite', 'build'], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const args = process.argv.slice(2).filter((arg) => arg !== '--no-build');
const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/web/main.ts', ...args], {
  stdio: 'inherit',
});
// Pass Ctrl-C and kill on to the host so that it can close cleanly.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
