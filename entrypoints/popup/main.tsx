import { render } from 'preact';
import { I18n } from '@/components/i18n-context';
import { PopupApp } from '@/components/PopupApp';
import { FIRST_SCREEN } from '@/components/use-clip-list';
import { deferredClient, firstScreenCalls, targetTabId } from '@/utils/pages/deferred-client';
import { pageTranslator } from '@/utils/pages/page-language';
import { requestPersistentStorage } from '@/utils/pages/persist-storage';
import './style.css';

const translation = pageTranslator(document, 'appTitle');
const tabId = targetTabId(location.search);
const early = firstScreenCalls(tabId);
// Asked before anything else, so the answer is on its way while the page loads and draws.
const firstScreen = early.listClips(FIRST_SCREEN);
// The export and preview code loads beside the first render, not before it.
const client = deferredClient(
  early,
  import('@/utils/pages/extension-client').then(({ extensionClient }) => extensionClient(window, tabId)),
);

// Browsers may evict a site's data when the disk runs low: ask for the library to be kept.
void requestPersistentStorage();

void translation.then((t) =>
  render(
    <I18n.Provider value={t}>
      <PopupApp client={client} firstScreen={firstScreen} />
    </I18n.Provider>,
    document.getElementById('app')!,
  ),
);
