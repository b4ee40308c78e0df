import { callApi } from '../../api';
import { downloadBlob } from '../export/download';

/** Saves the release with its history, comments and audit trail as one `.pressrelease` file. */
export async function saveReleaseFile(id: string): Promise<string | null> {
  const result = await callApi('releaseFile.save', { id });
  if (!result.ok) return result.error.message;
  downloadBlob(
    result.value.fileName,
    new Blob([result.value.text], { type: 'application/x-pressrelease+json' }),
  );
  return null;
}
