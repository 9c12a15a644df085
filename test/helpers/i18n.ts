import { languageOf, translator, type Dictionary, type Language, type Translate } from '../../utils/core/i18n';
import { en } from '../../utils/core/i18n/en';
import { zhCN } from '../../utils/core/i18n/zh-cn';
import { zhTW } from '../../utils/core/i18n/zh-tw';

// Every table at hand, for tests that render or check all three languages without waiting for
// the pages' lazy load.
export const DICTIONARIES: Record<Language, Dictionary> = { en, 'zh-cn': zhCN, 'zh-tw': zhTW };

export const dictionaryFor = (tag: string): Dictionary => DICTIONARIES[languageOf(tag)];
export const translatorFor = (tag: string): Translate => translator(dictionaryFor(tag));
