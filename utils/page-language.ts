import { browser } from 'wxt/browser';

/**
 * The locale the browser chose among the extension's `_locales` (each names itself in its
 * `locale` message), so the pages speak the language of the extension's name and menus.
 */
export function pageLanguage(): string {
  return browser.i18n.getMessage('locale') || browser.i18n.getUILanguage();
}
