import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// The e2e build (`wxt build --mode e2e`) is the only one with host access: headless tests
// cannot press the toolbar button, so `activeTab` is never granted there.
export default defineConfig({
  // Explicit imports everywhere: a reader sees where every name comes from.
  imports: false,
  manifest: ({ browser, mode }) => ({
    name: 'News Clipper',
    description: 'Clip news articles into a local library and export them as archive posts.',
    permissions: ['activeTab', 'scripting', 'storage', 'downloads', 'clipboardWrite'],
    ...(mode === 'e2e' ? { host_permissions: ['<all_urls>'] } : {}),
    commands: {
      'clip-page': {
        suggested_key: { default: 'Alt+Shift+K' },
        description: 'Clip the article in the current tab',
      },
    },
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'news-clipper@example.org', strict_min_version: '115.0' } } }
      : {}),
  }),
  vite: () => ({
    plugins: [preact()],
  }),
});
