import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * Opens the browser host's address in the system's browser (`npm start` where the Electron binary is missing,
 * `npm run web -- --open`). Where there is none to open (no desktop session, BROWSER=none), the host says so and
 * the address it has printed is what to open.
 */

export interface BrowserCommand {
  command: string;
  args: string[];
}

/**
 * The command that opens `url` here, or the reason there is none. BROWSER=none (the convention of Vite and
 * create-react-app) turns opening off; on Linux and the BSDs a desktop session (DISPLAY or WAYLAND_DISPLAY) and
 * xdg-open are needed.
 */
export function browserCommand(
  url: string,
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  onPath: (command: string) => boolean = (command) => isOnPath(command, env),
): BrowserCommand | { none: string } {
  if (env.BROWSER?.trim().toLowerCase() === 'none') return { none: 'BROWSER=none is set' };
  if (platform === 'darwin') return { command: 'open', args: [url] };
  // explorer.exe hands a URL to the default browser; through `start` the token would pass a shell.
  if (platform === 'win32') return { command: 'explorer.exe', args: [url] };
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return { none: 'there is no desktop session here' };
  if (!onPath('xdg-open')) return { none: 'xdg-open is not installed' };
  return { command: 'xdg-open', args: [url] };
}

function isOnPath(command: string, env: NodeJS.ProcessEnv): boolean {
  for (const folder of (env.PATH ?? '').split(delimiter)) {
    if (!folder) continue;
    try {
      accessSync(join(folder, command), constants.X_OK);
      return true;
    } catch {
      // Not in this folder.
    }
  }
  return false;
}

/**
 * Opens `url` and answers the line to print: that it opened, or why not (the address is printed above either
 * way). The opener runs detached: the host does not wait for the browser.
 */
export async function openInBrowser(url: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const chosen = browserCommand(url, process.platform, env);
  if ('none' in chosen) return `No browser opened (${chosen.none}): open the address above.`;
  return new Promise((resolve) => {
    const child = spawn(chosen.command, chosen.args, { detached: true, stdio: 'ignore', env });
    child.once('error', (error) =>
      resolve(`No browser opened (${chosen.command}: ${error.message}): open the address above.`),
    );
    child.once('spawn', () => {
      child.unref();
      resolve('Opened in your browser.');
    });
  });
}
