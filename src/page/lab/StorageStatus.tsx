/** Whether runs survive a reload, and how much of the browser's storage the site uses. */
import { useLabShallow } from '../store/LabContext';

/** Bytes as people read them: 980 kB, 3.4 MB, 1.2 GB. */
function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

export function StorageStatus() {
  const { storage, usage, quota } = useLabShallow((s) => ({
    storage: s.storage,
    usage: s.storageUsage,
    quota: s.storageQuota,
  }));
  const text =
    storage === 'starting'
      ? 'Reading saved runs…'
      : storage === 'off'
        ? 'Runs are not saved in this browser (its storage is unavailable).'
        : usage === null
          ? 'Runs are saved in this browser.'
          : `Runs are saved in this browser: ${formatBytes(usage)} used${
              quota ? ` of ${formatBytes(quota)}` : ''
            } (saved runs and the app's offline copy). Deleting runs frees theirs.`;
  return (
    <span className="field-help" data-testid="storage-status" data-storage={storage}>
      {text}
    </span>
  );
}
