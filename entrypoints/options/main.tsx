import { render } from 'preact';
import { I18n } from '@/components/i18n-context';
import { OptionsApp } from '@/components/OptionsApp';
import { pageTranslator } from '@/utils/pages/page-language';
import { optionsClient } from '@/utils/pages/options-client';
import { settingsClient } from '@/utils/pages/settings';
import { SAMPLE_CLIP } from '@/utils/core/model/sample-clip';
import '../popup/style.css';

const translation = pageTranslator(document, 'optionsTitle');

void translation.then((t) =>
  render(
    <I18n.Provider value={t}>
      <OptionsApp client={optionsClient(window)} settings={settingsClient(window)} parser={new DOMParser()} sampleClip={SAMPLE_CLIP} />
    </I18n.Provider>,
    document.getElementById('app')!,
  ),
);
