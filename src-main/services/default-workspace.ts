import { existsSync } from 'node:fs';
import { cp, mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isWorkspaceFolder } from './workspace/workspace-settings';

export const APP_NAME = 'Pressroom';

/**
 * The folder Electron's `app.getPath('userData')` gives on each platform, computed without Electron so that the
 * browser host and the CLI open the same default workspace as the desktop app.
 */
export function userDataFolder(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), APP_NAME);
}

export function defaultWorkspaceFolder(userData = userDataFolder()): string {
  return join(userData, 'workspace');
}

/** resources/ of the source tree or of the packaged app (electron-builder copies it next to the app). */
export function resourcesFolder(): string {
  const candidates = [
    process.env.PRESSROOM_RESOURCES,
    // Packaged Electron app: extraResources land in process.resourcesPath.
    (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath
      ? join((process as NodeJS.Process & { resourcesPath?: string }).resourcesPath!, 'resources')
      : undefined,
    resolve(dirname(fileURLToPath(import.meta.url)), '../../resources'),
    resolve(dirname(fileURLToPath(import.meta.url)), '../../../resources'),
    resolve(process.cwd(), 'resources'),
  ];
  for (const candidate of candidates) {
    if (candidate && existsSync(join(candidate, 'default-workspace'))) return candidate;
  }
  return resolve(process.cwd(), 'resources');
}

/**
 * A first start gets the embedded sample workspace (an organisation profile and an example release) so the
 * library is not a blank page; an existing folder is never touched.
 */
export async function ensureWorkspaceFolder(folder: string, seedFromDefault: boolean): Promise<void> {
  if (isWorkspaceFolder(folder)) return;
  await mkdir(folder, { recursive: true });
  const seed = join(resourcesFolder(), 'default-workspace');
  if (seedFromDefault && existsSync(seed)) {
    await cp(seed, folder, { recursive: true, errorOnExist: false, force: false });
  }
}
