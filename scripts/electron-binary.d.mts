export function electronPackageDir(): string | null;
export function installedElectronBinary(): string | null;
export const HOW_TO_GET_ELECTRON: string;
