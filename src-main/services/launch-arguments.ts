import { isAbsolute, resolve } from 'node:path';

/**
 * What the desktop app was started with (its own argv, or a second launch's, passed on to the running one).
 * Plain functions, tested: Electron's argv carries the executable, Chromium switches and, when the app is not
 * packaged, the script path, so only what is clearly ours is taken.
 */

/** `--workspace DIR` or `--workspace=DIR` opens any folder as the workspace. */
export function workspaceArgument(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--workspace=')) return arg.slice('--workspace='.length) || undefined;
    if (arg === '--workspace' && argv[i + 1]) return argv[i + 1];
  }
  return undefined;
}

/**
 * A `.pressrelease` file named on the command line (a double click in the file manager, "Open with", a file
 * dropped on the app's icon), made absolute against the launching process's folder. The last one wins.
 */
export function releaseFileArgument(argv: readonly string[], workingDirectory: string): string | null {
  let found: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('-')) continue;
    if (i > 0 && argv[i - 1] === '--workspace') continue;
    if (/\.pressrelease$/i.test(arg)) found = isAbsolute(arg) ? arg : resolve(workingDirectory, arg);
  }
  return found;
}
