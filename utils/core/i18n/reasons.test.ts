import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { translator } from './index';
import { dictionaryFor } from '../../../test/helpers/i18n';
import { en } from './en';
import { BADGE_KEYS, errorMessage, localeMessageName, reasonKey, reasonText } from './reasons';
import { REASON_CODES, REASONS, ReasonError, reason, type Reason } from '../model/reasons';

const LANGUAGES = ['en', 'zh-CN', 'zh-TW'] as const;
const CJK = /[\u4e00-\u9fff]/;

/** Every code with a recognisable value for each of its parameters. */
const samples = REASON_CODES.map((code) => ({
  code,
  params: Object.fromEntries(REASONS[code].map((name) => [name, `«${name}»`])),
})) as Reason[];

/** What the user would read when the text is only what the browser said (nothing to translate). */
const onlyParameters = (code: keyof typeof REASONS) => /^(\{\d\}\s*)+$/.test(en[reasonKey(code)]);

describe('every reason reads in every language', () => {
  it.each(LANGUAGES.flatMap((language) => samples.map((r) => [language, r.code, r] as const)))('%s: %s', (language, code, r) => {
    const text = reasonText(r, translator(dictionaryFor(language)));
    expect(text.trim()).not.toBe('');
    expect(text).not.toMatch(/\{\d\}/);
    for (const name of REASONS[code]) expect(text).toContain(`«${name}»`);
    if (language !== 'en' && !onlyParameters(code)) {
      expect(text).toMatch(CJK);
      expect(text).not.toBe(reasonText(r, translator(en)));
    }
  });

  it('Simplified and Traditional Chinese are written apart', () => {
    for (const r of samples.filter((s) => !onlyParameters(s.code)))
      expect(reasonText(r, translator(dictionaryFor('zh-TW'))), r.code).not.toBe(reasonText(r, translator(dictionaryFor('zh-CN'))));
  });

  it('the tables hold no reason that the worker cannot give', () => {
    expect(Object.keys(en).filter((key) => key.startsWith('reason.'))).toEqual(REASON_CODES.map(reasonKey));
  });

  it('words what was thrown: a reason in the language, anything else as it said', () => {
    const zh = translator(dictionaryFor('zh-CN'));
    expect(errorMessage(new ReasonError(reason('no-answer')), zh)).toBe('本扩展没有响应。请重新载入扩展后再试。');
    expect(errorMessage(new Error('QuotaExceededError'), zh)).toBe('QuotaExceededError');
  });
});

describe('the badge’s words in _locales', () => {
  // The browser picks one of these folders; the pages pick their table from its name the same way.
  it.each(['en', 'zh_CN', 'zh_TW'])('_locales/%s holds the tables’ words for the badge', (folder) => {
    const messages = JSON.parse(readFileSync(`public/_locales/${folder}/messages.json`, 'utf8')) as Record<string, { message: string }>;
    const table = dictionaryFor(folder);
    for (const key of BADGE_KEYS) {
      const numbered = table[key].replace(/\{(\d)\}/g, (_whole, i: string) => `$${Number(i) + 1}`);
      expect(messages[localeMessageName(key)]?.message, key).toBe(numbered);
    }
  });
});
