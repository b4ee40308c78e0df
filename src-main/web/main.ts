import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createDispatcher, createWorkspaceHandlers } from '../services/api/dispatch';
import { defaultWorkspaceFolder, ensureWorkspaceFolder, userDataFolder } from '../services/default-workspace';
import { createChromiumPrinter } from '../services/export/chromium-printer';
import { createIdentityStore } from '../services/identity';
import { currentDisplayName } from '../services/workspace/presence';
import { openWorkspace } from '../services/workspace/store';
import { createWorkspaceServices } from '../services/workspace/services';
import { startBrowserHost } from './browser-host';
import { openInBrowser } from './open-browser';

const USAGE = 'Usage: npm run web -- [--workspace DIR] [--port N] [--name NAME] [--user-data DIR] [--open]';

async function main(): Promise<number> {
  let values: {
    workspace?: string | undefined;
    port?: string | undefined;
    name?: string | undefined;
    'user-data'?: string | undefined;
    open?: boolean | undefined;
    help?: boolean | undefined;
  };
  try {
    ({ values } = parseArgs({
      options: {
        workspace: { type: 'string' },
        port: { type: 'string' },
        // The name colleagues see when this person has a release open.
        name: { type: 'string' },
        // Where this person's identity (name and roles) is kept; the desktop app's user-data folder by default.
        'user-data': { type: 'string' },
        // Opens the address in the system's browser once the host answers (npm start without Electron).
        open: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a number between 0 and 65535.\n${USAGE}`);
    return 2;
  }
  const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const staticDir = join(projectRoot, 'out', 'renderer');
  if (!existsSync(join(staticDir, 'index.html'))) {
    console.error(
      'The renderer has not been built yet. Run `npm run build` first (npm run web does this for you).',
    );
    return 1;
  }

  const folder = resolve(values.workspace ?? defaultWorkspaceFolder());
  await ensureWorkspaceFolder(folder, values.workspace === undefined);
  const userData = resolve(values['user-data'] ?? userDataFolder());
  // This person's part of the workspace (unsaved-edit stashes) lives in their user-data folder, never in the
  // shared one.
  const store = await openWorkspace(folder, { userData });
  const identity = createIdentityStore(userData);
  // One Chromium for every PDF of this run (started on the first), closed when the host stops.
  const printer = createChromiumPrinter();
  const fallbackName = values.name?.trim() || currentDisplayName();
  const services = createWorkspaceServices(store, {
    displayName: async () => (await identity.get())?.name ?? fallbackName,
  });
  const host = await startBrowserHost({
    dispatch: createDispatcher(
      createWorkspaceHandlers(store, { ...services, identity, userData, printer: () => printer }),
    ),
    staticDir,
    port,
  });

  // Listen for the stop signals before announcing the address: whoever reads the address may stop us at once.
  const stopped = new Promise<void>((resolveStop) => {
    const stop = (signal: string) => {
      console.log(`Received ${signal}, stopping.`);
      resolveStop();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });

  console.log(`Pressroom browser host, workspace ${folder}`);
  console.log("Open this address in a browser (it carries this run's access token):");
  console.log(host.url);
  if (values.open) console.log(await openInBrowser(host.url));

  await stopped;
  await host.close();
  // After the host, so that no request can open a presence entry again once they are removed.
  await services.close();
  await printer.close().catch(() => undefined);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      `Pressroom browser host could not start: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  },
);
