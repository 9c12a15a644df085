import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { en } from '@/utils/core/i18n/en';
import { translator, type Translate } from '@/utils/core/i18n';

/** The interface language, provided once by the page and read by every component. */
export const I18n = createContext<Translate>(translator(en));
export const useT = (): Translate => useContext(I18n);
