import type { DateField, LibraryFilters } from '@/utils/core/library/library-view';
import { useT } from './i18n-context';

interface FilterBarProps {
  /** The panel's id (its toggle's aria-controls). */
  id: string;
  /** Folded away (hidden) until its toggle opens it. */
  open: boolean;
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

/** How many of the filters narrow the list (the date field and the order do not). */
export const activeFilters = (filters: LibraryFilters): number =>
  [filters.site, filters.tag, filters.from, filters.to].filter((value) => value !== undefined).length;

export function FilterBar({ id, open, filters, sites, tags, onChange }: FilterBarProps) {
  const t = useT();
  const set = (patch: Partial<LibraryFilters>) => onChange({ ...filters, ...patch });
  /** A menu of the values present, with "All" (undefined) first. */
  const anyOf = (label: string, value: string | undefined, values: string[], choose: (value: string | undefined) => void) => (
    <label>
      {label}
      <select value={value ?? ''} onChange={(e) => choose((e.currentTarget as HTMLSelectElement).value || undefined)}>
        <option value="">{t('filterAny')}</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div class="filters" id={id} hidden={!open}>
      {anyOf(t('filterSite'), filters.site, sites, (site) => set({ site }))}
      {anyOf(t('filterTag'), filters.tag, tags, (tag) => set({ tag }))}
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
