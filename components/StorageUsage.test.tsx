// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { translator } from '@/utils/core/i18n';
import { dictionaryFor } from '../test/helpers/i18n';
import type { StorageState } from '@/utils/pages/persist-storage';
import { I18n } from './i18n-context';
import { StorageUsage } from './StorageUsage';

afterEach(cleanup);

const show = (state: StorageState | undefined | Error, language = 'en') => {
  const read = () => (state instanceof Error ? Promise.reject(state) : Promise.resolve(state));
  render(
    <I18n.Provider value={translator(dictionaryFor(language))}>
      <StorageUsage read={read} />
    </I18n.Provider>,
  );
};

const MB = 1024 * 1024;

describe('StorageUsage', () => {
  it('shows the room taken and the quota', async () => {
    show({ usage: 512 * 1024, quota: 10 * 1024 * MB, persistent: false });
    expect((await screen.findByText(/^The library takes/)).textContent).toBe('The library takes 512 KB of the 10 GB the browser allows it.');
  });

  it('says "persistent" instead of a quota when the browser keeps the library', async () => {
    show({ usage: 1.25 * 1024 * MB, quota: 100 * 1024 * MB, persistent: true });
    expect((await screen.findByText(/^The library takes/)).textContent).toBe(
      'The library takes 1.3 GB. The browser keeps it even when the disk runs low (persistent storage).',
    );
  });

  it('speaks the page’s language', async () => {
    show({ usage: 3 * MB, quota: 8 * 1024 * MB, persistent: false }, 'zh-TW');
    expect((await screen.findByText(/^剪藏庫/)).textContent).toBe('剪藏庫佔用 3 MB，瀏覽器最多允許 8 GB。');
  });

  it.each([
    ['gives no estimate', undefined],
    ['fails to answer', new Error('SecurityError')],
  ])('says so when the browser %s', async (_name, state) => {
    show(state);
    expect(await screen.findByText('This browser does not say how much room the library takes.')).toBeTruthy();
  });
});
