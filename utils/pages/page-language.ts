import { browser } from 'wxt/browser';
import { loadDictionary, translator, type MessageKey, type Translate } from '../core/i18n';

/**
 * The locale the browser chose among the extension's `_locales` (each names itself in its
 * `locale` message), so the pages speak the language of the extension's name and menus.
 */
export function pageLanguage(): string {
  return browser.i18n.getMessage('locale') || browser.i18n.getUILanguage();
}

/** Sets up an extension page in that language: its `lang`, its title; answers the translator. */
export async function pageTranslator(doc: Document, titleKey: MessageKey): Promise<Translate> {
  const language = pageLanguage();
  const t = translator(await loadDictionary(language));
  doc.documentElement.lang = language.replace(/_/g, '-');
  doc.title = t(titleKey);
  return t;
}
