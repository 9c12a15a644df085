// Words users read outside the pages' own tables: the export formats (named on the options page)
// and the badge's tooltips (the shortcut's outcome, its refusals among them). Each must be in
// every table, and the Chinese tables must say it in Chinese, Simplified and Traditional apart.
import { describe, expect, it } from 'vitest';
import { PRESETS, type PresetId } from '../format/presets';
import { en } from './en';
import { translator } from './index';
import { presetAboutKey, presetNameKey } from './presets';
import { BADGE_KEYS } from './reasons';
import { zhCN } from './zh-cn';
import { zhTW } from './zh-tw';

const CJK = /[\u3400-\u9fff]/;
const CHINESE = { 'zh-CN': zhCN, 'zh-TW': zhTW } as const;
const PRESET_IDS = Object.keys(PRESETS) as PresetId[];
const PRESET_KEYS = PRESET_IDS.flatMap((id) => [presetNameKey(id), presetAboutKey(id)]);
// Entries that are nothing but parameters and punctuation (`{0}`, `{0}: {1}`): no word to translate.
const onlyParameters = (key: keyof typeof en) => !/\p{L}/u.test(en[key].replace(/\{\d\}/g, ''));
const VISIBLE = [...PRESET_KEYS, ...BADGE_KEYS.filter((key) => !onlyParameters(key))];

describe('user-visible words outside the pages', () => {
  it('covers every export format and the badge’s refusal when no article is found', () => {
    expect(PRESET_KEYS).toHaveLength(PRESET_IDS.length * 2);
    expect(VISIBLE).toEqual(expect.arrayContaining(['preset.archive.name', 'badgeClipped', 'badgeClippedFullPage', 'reason.no-article']));
  });

  it.each(Object.entries(CHINESE))('%s says each of them in Chinese, not in English', (_language, table) => {
    for (const key of VISIBLE) {
      const text = (table as Record<string, string | undefined>)[key];
      expect(text?.trim(), key).toBeTruthy();
      expect(text, key).toMatch(CJK);
      expect(text, key).not.toBe(en[key]);
      // The same placeholders as the English, so nothing the user should read goes missing.
      expect(text?.match(/\{\d\}/g)?.sort(), key).toEqual(en[key].match(/\{\d\}/g)?.sort());
    }
  });

  it('writes Simplified and Traditional Chinese apart', () => {
    for (const key of PRESET_KEYS) expect(zhTW[key], key).not.toBe(zhCN[key]);
  });

  it('names each format once per language', () => {
    for (const table of [en, zhCN, zhTW]) {
      const t = translator(table);
      const names = PRESET_IDS.map((id) => t(presetNameKey(id)));
      expect(new Set(names).size).toBe(names.length);
    }
  });
});
