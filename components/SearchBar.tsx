import type { Ref } from 'preact';
import { useT } from './i18n-context';

interface SearchBarProps {
  query: string;
  onQuery: (query: string) => void;
  inputRef: Ref<HTMLInputElement>;
  onKeyDown: (event: KeyboardEvent) => void;
}

export function SearchBar({ query, onQuery, inputRef, onKeyDown }: SearchBarProps) {
  const t = useT();
  return (
    <input
      ref={inputRef}
      type="search"
      class="search"
      value={query}
      aria-label={t('searchLabel')}
      placeholder={t('searchPlaceholder')}
      onInput={(e) => {
        const value = (e.currentTarget as HTMLInputElement).value;
        performance.mark('clipper:search-input', { detail: value });
        onQuery(value);
      }}
      onKeyDown={onKeyDown}
    />
  );
}
