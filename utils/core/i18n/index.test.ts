import { describe, expect, it } from 'vitest';
import { en } from './en';
import { languageOf, loadDictionary } from './index';
import { zhCN } from './zh-cn';
import { zhTW } from './zh-tw';

describe('the page’s table', () => {
  it.each([
    ['en', 'en', en],
    ['fr-FR', 'en', en],
    ['zh', 'zh-cn', zhCN],
    ['zh_CN', 'zh-cn', zhCN],
    ['zh-Hans-SG', 'zh-cn', zhCN],
    ['zh_TW', 'zh-tw', zhTW],
    ['zh-HK', 'zh-tw', zhTW],
    ['zh-Hant', 'zh-tw', zhTW],
  ] as const)('%s reads %s, loaded only when asked for', async (tag, language, table) => {
    expect(languageOf(tag)).toBe(language);
    expect(await loadDictionary(tag)).toBe(table);
  });
});
