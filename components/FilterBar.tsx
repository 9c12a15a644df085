import type { DateField, LibraryFilters } from '@/utils/library-view';
import { useT } from './i18n-context';

interface FilterBarProps {
  filters: LibraryFilters;
  sites: string[];
  tags: string[];
  onChange: (filters: LibraryFilters) => void;
}

/** `<input type=date>` values are local calendar days; bounds cover the whole day. */
function dayBound(value: string, end: boolean): number | undefined {
  if (!value) return undefined;
  const [y, m, d] = value.split('-').map(Number);
  return end ? new Date(y!, m! - 1, d!, 23, 59, 59, 999).getTime() : new Date(y!, m! - 1, d!).getTime();
}

function dayValue(ms: number | undefined): string {
  if (ms === undefined) return '';
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function FilterBar({ filters, sites, tags, onChange }: FilterBarProps) {
  const t = useT();
  const set = (patch: Partial<LibraryFilters>) => onChange({ ...filters, ...patch });
  const pick = (value: string) => (value === '' ? undefined : value);
  return (
    <div class="filters">
      <label>
        {t('filterSite')}
        <select value={filters.site ?? ''} onChange={(e) => set({ site: pick((e.currentTarget as HTMLSelectElement).value) })}>
          <option value="">{t('filterAny')}</option>
          {sites.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('filterTag')}
        <select value={filters.tag ?? ''} onChange={(e) => set({ tag: pick((e.currentTarget as HTMLSelectElement).value) })}>
          <option value="">{t('filterAny')}</option>
          {tags.map((tag) => (
            <option key={tag} value={tag}>
              {tag}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('filterDateField')}
        <select value={filters.dateField} onChange={(e) => set({ dateField: (e.currentTarget as HTMLSelectElement).value as DateField })}>
          <option value="clipped">{t('dateClipped')}</option>
          <option value="published">{t('datePublished')}</option>
        </select>
      </label>
      <label>
        {t('filterFrom')}
        <input type="date" value={dayValue(filters.from)} onChange={(e) => set({ from: dayBound((e.currentTarget as HTMLInputElement).value, false) })} />
      </label>
      <label>
        {t('filterTo')}
        <input type="date" value={dayValue(filters.to)} onChange={(e) => set({ to: dayBound((e.currentTarget as HTMLInputElement).value, true) })} />
      </label>
      <label>
        {t('sortLabel')}
        <select value={filters.sort} onChange={(e) => set({ sort: (e.currentTarget as HTMLSelectElement).value as DateField })}>
          <option value="clipped">{t('sortClipped')}</option>
          <option value="published">{t('sortPublished')}</option>
        </select>
      </label>
    </div>
  );
}
