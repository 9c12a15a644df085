import { en, type Dictionary, type MessageKey } from './en';

export type { Dictionary, MessageKey };
export type Translate = (key: MessageKey, ...values: (string | number)[]) => string;

export type Language = 'en' | 'zh-cn' | 'zh-tw';

/**
 * English, Simplified or Traditional Chinese, from a language tag: BCP 47 (`zh-TW`) or the
 * browser's chosen extension locale (`zh_TW`, from `i18n.getMessage('@@ui_locale')`).
 */
export function languageOf(tag: string): Language {
  const lower = tag.toLowerCase().replace(/_/g, '-');
  if (!lower.startsWith('zh')) return 'en';
  return /^zh-(tw|hk|mo|hant)/.test(lower) ? 'zh-tw' : 'zh-cn';
}

// A page reads one language: the Chinese tables load only where they are spoken, so the
// English pages do not carry them (and each Chinese page carries one).
const CHINESE: Record<Exclude<Language, 'en'>, () => Promise<Dictionary>> = {
  'zh-cn': () => import('./zh-cn').then((m) => m.zhCN),
  'zh-tw': () => import('./zh-tw').then((m) => m.zhTW),
};

export function loadDictionary(tag: string): Promise<Dictionary> {
  const language = languageOf(tag);
  return language === 'en' ? Promise.resolve(en) : CHINESE[language]();
}

export function translator(dictionary: Dictionary): Translate {
  return (key, ...values) => dictionary[key].replace(/\{(\d)\}/g, (whole, i: string) => String(values[Number(i)] ?? whole));
}
