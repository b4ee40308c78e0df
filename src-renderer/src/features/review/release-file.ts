import { callApi } from '../../api';

/** Offers text as a file download: the browser host's way, and Electron's (which asks where to save it). */
export function downloadText(fileName: string, text: string, type = 'application/x-pressrelease+json') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // After the click has been handled: revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Saves the release with its history, comments and audit trail as one `.pressrelease` file. */
export async function saveReleaseFile(id: string): Promise<string | null> {
  const result = await callApi('releaseFile.save', { id });
  if (!result.ok) return result.error.message;
  downloadText(result.value.fileName, result.value.text);
  return null;
}
