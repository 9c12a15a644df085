import { useEffect, useState } from 'preact/hooks';
import type { Translate } from '@/utils/core/i18n';
import type { StorageState } from '@/utils/pages/persist-storage';
import { useT } from './i18n-context';

interface StorageUsageProps {
  /** Reads the browser's estimate (readStorageState in the page). */
  read: () => Promise<StorageState | undefined>;
  /** A new value reads again (after an import or a restore). */
  refresh?: number;
}

const KB = 1024;
const UNITS = [
  [KB ** 3, 'sizeGB'],
  [KB ** 2, 'sizeMB'],
] as const;

function size(bytes: number, t: Translate): string {
  const [unit, key] = UNITS.find(([u]) => bytes >= u) ?? [KB, 'sizeKB'];
  return t(key, new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }).format(bytes / unit));
}

/** The room the library takes, and the quota, or that the browser keeps it (persistent storage). */
export function StorageUsage({ read, refresh }: StorageUsageProps) {
  const t = useT();
  // Undefined while reading, null when the browser gives no estimate.
  const [state, setState] = useState<StorageState | null>();

  useEffect(() => {
    let live = true;
    read().then(
      (s) => live && setState(s ?? null),
      () => live && setState(null),
    );
    return () => {
      live = false;
    };
  }, [read, refresh]);

  if (state === undefined) return null;
  return (
    <p class="storage-usage">
      {state === null
        ? t('storageUnknown')
        : state.persistent
          ? t('storagePersistent', size(state.usage, t))
          : t('storageUsed', size(state.usage, t), size(state.quota, t))}
    </p>
  );
}
