import { render } from 'preact';
import { browser } from 'wxt/browser';
import { I18n } from '@/components/i18n-context';
import { OptionsApp } from '@/components/OptionsApp';
import { dictionaryFor, translator } from '@/utils/i18n';
import { optionsClient } from '@/utils/options-client';
import { SAMPLE_CLIP } from '@/utils/sample-clip';
import '../popup/style.css';

const t = translator(dictionaryFor(browser.i18n.getUILanguage()));
document.documentElement.lang = browser.i18n.getUILanguage();
document.title = t('optionsTitle');

render(
  <I18n.Provider value={t}>
    <OptionsApp client={optionsClient(window)} storage={localStorage} parser={new DOMParser()} sampleClip={SAMPLE_CLIP} />
  </I18n.Provider>,
  document.getElementById('app')!,
);
