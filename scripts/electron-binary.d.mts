export function electronPackageDir(): string | null;
export function installedElectronBinary(env?: NodeJS.ProcessEnv): string | null;
export const NO_ELECTRON_LINE: string;
export const HOW_TO_GET_ELECTRON: string;
