/** Saving a blob or text as a file: an <a download> on a blob URL, revoked once the click is done. */

/** How long the blob URL outlives the click, ms (some browsers read it after the click returns). */
const REVOKE_DELAY_MS = 10_000;

/** Offer `blob` to the user as a download named `fileName`. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_DELAY_MS);
  }
}

/** Offer `text` as a download of MIME type `type` (UTF-8). */
export function downloadText(text: string, type: string, fileName: string): void {
  downloadBlob(new Blob([text], { type: `${type};charset=utf-8` }), fileName);
}
