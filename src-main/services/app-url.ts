/**
 * True only for the app's own page: the built index.html (any query or hash) or, in `electron-vite dev`, a page
 * of the dev server. The Electron shell uses it for navigation and for the sender of every IPC call; it lives
 * here, free of Electron, so that it is tested directly.
 */
export function isAppUrl(url: string, appIndexUrl: string, devServerUrl: string | undefined): boolean {
  if (devServerUrl) {
    const origin = new URL(devServerUrl).origin;
    try {
      return new URL(url).origin === origin;
    } catch {
      return false;
    }
  }
  return url.split(/[?#]/)[0] === appIndexUrl;
}
