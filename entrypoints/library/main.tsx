import { render } from 'preact';
import { I18n } from '@/components/i18n-context';
import { PopupApp } from '@/components/PopupApp';
import { FIRST_SCREEN } from '@/components/use-clip-list';
import { deferredClient, firstScreenCalls } from '@/utils/pages/deferred-client';
import { pageTranslator } from '@/utils/pages/page-language';
import '../popup/style.css';

// The same library as the popup, with the room of a whole tab.
const translation = pageTranslator(document, 'appTitle');

const early = firstScreenCalls(undefined);
// Asked before anything else, so the answer is on its way while the page loads and draws.
const firstScreen = early.listClips(FIRST_SCREEN);
// The export and preview code loads beside the first render, not before it. Only the tab exports
// into folders: the popup would close as soon as the folder picker opened.
const client = deferredClient(
  early,
  import('@/utils/pages/extension-client').then(({ extensionClient }) => extensionClient(window, undefined, { folders: true })),
  { folders: 'showDirectoryPicker' in window },
);

void translation.then((t) =>
  render(
    <I18n.Provider value={t}>
      <PopupApp client={client} firstScreen={firstScreen} asTab />
    </I18n.Provider>,
    document.getElementById('app')!,
  ),
);
