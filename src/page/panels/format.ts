/** Text for numbers the panels show. */

/** Remaining time as "1 m 05 s", "12 s", or "–" when unknown. */
export function formatEta(remainingSteps: number, stepsPerSecond: number): string {
  if (remainingSteps <= 0) return '0 s';
  if (!(stepsPerSecond > 0)) return '–';
  const seconds = Math.ceil(remainingSteps / stepsPerSecond);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} m ${String(seconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} m`;
}

/** Steps per second with two or three significant digits, or "–". */
export function formatRate(stepsPerSecond: number): string {
  if (!(stepsPerSecond > 0)) return '–';
  // From 99.5 toPrecision(2) rounds to 100 and writes it as "1.0e+2".
  return stepsPerSecond >= 99.5 ? stepsPerSecond.toFixed(0) : stepsPerSecond.toPrecision(2);
}

/** A fraction as a percentage with one decimal, or "–". */
export function formatPercent(fraction: number | undefined): string {
  return fraction === undefined || !Number.isFinite(fraction)
    ? '–'
    : `${(fraction * 100).toFixed(1)}%`;
}

/** Bytes as "7.9 MB". */
export function formatBytes(bytes: number): string {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.round(bytes / 1e3)} kB`;
}
