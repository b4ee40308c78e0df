/**
 * The names of the API methods, without their schemas, so that the sandboxed preload can expose them without
 * bundling zod. contract.ts checks at compile time that this list and the table have the same keys.
 */
export const API_METHOD_NAMES = [
  'workspace.describe',
  'releases.list',
  'releases.listTrash',
  'releases.create',
  'releases.get',
  'releases.versions',
  'releases.resolveFork',
  'releases.save',
  'releases.delete',
  'releases.restore',
  'releases.search',
  'releases.duplicate',
  'workspace.updateProfile',
  'workspace.setLogo',
  'workspace.removeLogo',
  'recovery.stash',
  'recovery.list',
  'recovery.discard',
  'workspace.changes',
  'presence.open',
  'presence.close',
  'presence.list',
  'session.whoami',
  'session.identify',
  'workspace.updateSettings',
  'releases.act',
  'history.list',
  'history.get',
  'history.revisions',
  'history.revision',
  'history.keep',
  'history.restore',
  'audit.read',
  'export.release',
  'export.toFolder',
  'export.folder',
  'preview.extras',
  'dialogs.chooseFolder',
  'releaseFile.save',
  'releaseFile.open',
  'comments.list',
  'comments.add',
  'comments.reply',
  'comments.setResolved',
  'checks.workspace',
  'privacy.decide',
  'newsroom.export',
  'newsroom.settings',
] as const;

export type ApiMethodName = (typeof API_METHOD_NAMES)[number];

/** The IPC channel of a method; the preload and the main side both derive it from here. */
export const ipcChannel = (method: ApiMethodName): string => `pressroom:${method}`;
