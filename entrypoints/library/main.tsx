import { render } from 'preact';
import { I18n } from '@/components/i18n-context';
import { FIRST_SCREEN, PopupApp } from '@/components/PopupApp';
import { extensionClient } from '@/utils/extension-client';
import { pageTranslator } from '@/utils/page-language';
import '../popup/style.css';

// The same library as the popup, with the room of a whole tab.
const t = pageTranslator(document, 'appTitle');

// Only the tab exports into folders: the popup would close as soon as the folder picker opened.
const client = extensionClient(window, undefined, { folders: true });
// Asked before the first render, so the answer is on its way while the page draws.
const firstScreen = client.listClips(FIRST_SCREEN);

render(
  <I18n.Provider value={t}>
    <PopupApp client={client} firstScreen={firstScreen} asTab />
  </I18n.Provider>,
  document.getElementById('app')!,
);
