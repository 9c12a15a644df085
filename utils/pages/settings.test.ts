import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATE } from '../core/format/template';
import { DEFAULT_SETTINGS, parseSettings } from './settings';

describe('parseSettings', () => {
  it('keeps what is valid and defaults the rest', () => {
    expect(parseSettings(null)).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings('not json')).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings(JSON.stringify({ preset: 'hugo', downloadImages: true, lastBackupAt: 5 }))).toEqual({
      preset: 'hugo',
      template: DEFAULT_TEMPLATE,
      downloadImages: true,
      previewImages: true,
      lastBackupAt: 5,
    });
    expect(parseSettings(JSON.stringify({ preset: 'toString' })).preset).toBe('archive');
    expect(parseSettings(JSON.stringify({ previewImages: false })).previewImages).toBe(false);
    expect(parseSettings(JSON.stringify({ template: { text: 'x', fileName: 'y.md', target: 'evil' } })).template).toEqual({ text: 'x', fileName: 'y.md' });
  });
});
