import { en, type Dictionary, type MessageKey } from './en';
import { zhCN } from './zh-cn';
import { zhTW } from './zh-tw';

export type { MessageKey };
export type Translate = (key: MessageKey, ...values: (string | number)[]) => string;

/**
 * English, Simplified or Traditional Chinese, from a language tag: BCP 47 (`zh-TW`) or the
 * browser's chosen extension locale (`zh_TW`, from `i18n.getMessage('@@ui_locale')`).
 */
export function dictionaryFor(language: string): Dictionary {
  const tag = language.toLowerCase().replace(/_/g, '-');
  if (!tag.startsWith('zh')) return en;
  return /^zh-(tw|hk|mo|hant)/.test(tag) ? zhTW : zhCN;
}

export function translator(dictionary: Dictionary): Translate {
  return (key, ...values) => dictionary[key].replace(/\{(\d)\}/g, (whole, i: string) => String(values[Number(i)] ?? whole));
}
