import { render } from 'preact';
import { I18n } from '@/components/i18n-context';
import { FIRST_SCREEN, PopupApp } from '@/components/PopupApp';
import { extensionClient, targetTabId } from '@/utils/extension-client';
import { pageTranslator } from '@/utils/page-language';
import { requestPersistentStorage } from '@/utils/persist-storage';
import './style.css';

const t = pageTranslator(document, 'appTitle');

// Browsers may evict a site's data when the disk runs low: ask for the library to be kept.
void requestPersistentStorage();

const client = extensionClient(window, targetTabId(location.search));
// Asked before the first render, so the answer is on its way while the page draws.
const firstScreen = client.listClips(FIRST_SCREEN);

render(
  <I18n.Provider value={t}>
    <PopupApp client={client} firstScreen={firstScreen} />
  </I18n.Provider>,
  document.getElementById('app')!,
);
