import { render } from 'preact';
import { browser } from 'wxt/browser';
import { I18n } from '@/components/i18n-context';
import { FIRST_SCREEN, PopupApp } from '@/components/PopupApp';
import { extensionClient } from '@/utils/extension-client';
import { dictionaryFor, translator } from '@/utils/i18n';
import '../popup/style.css';

// The same library as the popup, with the room of a whole tab.
const t = translator(dictionaryFor(browser.i18n.getUILanguage()));
document.documentElement.lang = browser.i18n.getUILanguage();
document.title = t('appTitle');

const client = extensionClient(window, undefined);
// Asked before the first render, so the answer is on its way while the page draws.
const firstScreen = client.listClips(FIRST_SCREEN);

render(
  <I18n.Provider value={t}>
    <PopupApp client={client} firstScreen={firstScreen} asTab />
  </I18n.Provider>,
  document.getElementById('app')!,
);
