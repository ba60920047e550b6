/** Full screen for presentation mode; browsers allow it only from a key press or click. */

function isFullscreen(): boolean {
  return document.fullscreenElement !== null;
}

/** Enter full screen when the browser lets us; a refusal (no gesture, a kiosk) changes nothing. */
export function enterFullscreen(): void {
  if (isFullscreen() || !document.documentElement.requestFullscreen) return;
  document.documentElement.requestFullscreen().catch(() => undefined);
}

export function exitFullscreen(): void {
  if (isFullscreen()) document.exitFullscreen().catch(() => undefined);
}

export function toggleFullscreen(): void {
  if (isFullscreen()) exitFullscreen();
  else enterFullscreen();
}
