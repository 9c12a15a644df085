import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

const EXTENSION_PAGES_CSP = "script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

// The e2e build (`wxt build --mode e2e`) is the only one with host access: headless tests
// cannot press the toolbar button, so `activeTab` is never granted there.

// Storing an export's images in the zip needs access to the hosts that serve them. It is asked
// for only then, host by host, from the export's own button; clipping a link or every tab of a
// window (context menu) asks for all web hosts at once, the first time. Nothing is granted at install.
const OPTIONAL_HOSTS = ['http://*/*', 'https://*/*'];
export default defineConfig({
  // Explicit imports everywhere: a reader sees where every name comes from.
  imports: false,
  // Firefox too ships MV3 (WXT would default it to MV2): one manifest version, one set of APIs
  // (`action`, optional host permissions, a background that may stop) for both browsers. See docs/DESIGN.md.
  manifestVersion: 3,
  manifest: ({ browser, mode }) => ({
    // Translated in public/_locales; the browser's language picks one (and the pages follow it).
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // Only what features use: the clicked tab, injecting the clipper into it, copying a post,
    // keeping a library of hundreds of megabytes (docs/DESIGN.md, "Storage"), the settings in
    // `storage.local`, which the worker reads too (`storage`), the context menu (whose links
    // and "all tabs" ask for the optional web hosts when first used), and the scheduled backup's
    // timer (`alarms`) and the zip it writes into the downloads folder with nobody there (`downloads`).
    // `tabs` lets tests find browser pages (chrome://) by address; the shipped build needs neither.
    permissions: ['activeTab', 'alarms', 'scripting', 'clipboardWrite', 'contextMenus', 'downloads', 'storage', 'unlimitedStorage', ...(mode === 'e2e' ? ['tabs'] : [])],
    ...(mode === 'e2e' ? { host_permissions: ['<all_urls>'] } : {}),
    optional_host_permissions: OPTIONAL_HOSTS,
    // Extension pages run only their own scripts; no plugins, no <base>, no form posts, never framed
    // by others. Images stay allowed (no img-src): the preview shows the article's own images. The
    // preview's srcdoc frame inherits this policy and adds its own stricter one.
    content_security_policy: { extension_pages: EXTENSION_PAGES_CSP },
    commands: {
      'clip-page': {
        suggested_key: { default: 'Alt+Shift+K' },
        description: '__MSG_clipCommand__',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            // Clips never leave the browser: nothing is collected or sent anywhere.
            gecko: { id: 'news-clipper@example.org', strict_min_version: '142.0', data_collection_permissions: { required: ['none'] } },
          },
        }
      : {}),
  }),
  vite: () => ({
    plugins: [preact()],
  }),
});
