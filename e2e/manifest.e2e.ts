import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../cli/headless';
import { FIREFOX_E2E_BUILD_DIR, FIREFOX_PATH } from '../test/harness/firefox';

// The shipped manifests (`npm run build`, `build:firefox`) ask for no host access at install. Web
// hosts are optional: an export with images asks for its image hosts then. Storage is asked for
// at install (`unlimitedStorage` cannot be optional in Chrome).

interface Manifest {
  manifest_version: number;
  permissions?: string[];
  host_permissions?: string[];
  optional_permissions?: string[];
  optional_host_permissions?: string[];
  browser_specific_settings?: { gecko?: { strict_min_version?: string } };
  content_scripts?: unknown[];
  commands?: Record<string, { suggested_key?: { default?: string } }>;
  content_security_policy?: string | { extension_pages?: string };
}

const read = (build: string): Manifest =>
  JSON.parse(readFileSync(join(PROJECT_ROOT, '.output', build, 'manifest.json'), 'utf8')) as Manifest;
const isHostPattern = (p: string) => /[:/*<]/.test(p);

describe.each(['chrome-mv3', 'firefox-mv3'])('the shipped %s manifest', (build) => {
  const manifest = read(build);

  it('asks for exactly the API permissions the features use, and no host access', () => {
    // `unlimitedStorage`, not `navigator.storage.persist()` alone, keeps the library (docs/DESIGN.md, "Storage").
    // `contextMenus`: its link and "all tabs" items ask for the optional web hosts when first used.
    // `alarms` and `downloads`: the scheduled backup's timer and the zip it writes with nobody there.
    expect(manifest.permissions?.slice().sort()).toEqual(['activeTab', 'alarms', 'clipboardWrite', 'contextMenus', 'downloads', 'scripting', 'storage', 'unlimitedStorage']);
    expect(manifest.host_permissions ?? []).toEqual([]);
    expect((manifest.permissions ?? []).filter(isHostPattern)).toEqual([]);
    expect(manifest.content_scripts ?? []).toEqual([]);
  });

  it('offers web hosts only as optional permissions (asked for by an export with images, a link or all tabs), and nothing else optional', () => {
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.optional_host_permissions).toEqual(['http://*/*', 'https://*/*']);
    expect(manifest.optional_permissions ?? []).toEqual([]);
  });

  it('gives extension pages a strict CSP: own scripts only, no plugins, no <base>, no form posts, not framed by others', () => {
    const csp = manifest.content_security_policy;
    const policy = typeof csp === 'string' ? csp : csp?.extension_pages;
    expect(policy?.split(';').map((d) => d.trim())).toEqual([
      "script-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'self'",
    ]);
  });

  it('binds the clip shortcut to Alt+Shift+K', () => {
    expect(manifest.commands?.['clip-page']?.suggested_key?.default).toBe('Alt+Shift+K');
  });
});

it('only the test builds can read pages without a toolbar click', () => {
  expect(read('chrome-mv3-e2e').host_permissions).toEqual(['<all_urls>']);
  expect(read('firefox-mv3-e2e').host_permissions).toEqual(['<all_urls>']);
});

describe('the Firefox manifest', () => {
  // Debian 12 (bookworm) ships Firefox as `firefox-esr`, now 153 ESR (153.8.0esr when this was
  // written): the Firefox that CI installs and the oldest one the suite runs the extension in.
  const DEBIAN_FIREFOX_ESR = 153;
  const minVersion = read('firefox-mv3').browser_specific_settings?.gecko?.strict_min_version ?? '';
  const major = (version: string) => Number(/^(\d+)\./.exec(version)?.[1]);

  it("installs in the Firefox ESR that Debian ships", () => {
    expect(major(minVersion)).toBeGreaterThan(0);
    expect(major(minVersion)).toBeLessThanOrEqual(DEBIAN_FIREFOX_ESR);
  });

  const installed = spawnSync(FIREFOX_PATH, ['--version'], { encoding: 'utf8' });
  it.skipIf(installed.status !== 0 && process.env.CI !== 'true')('installs in the Firefox the tests run', () => {
    const version = /Firefox (\d+\.\d+)/.exec(installed.stdout ?? '')?.[1];
    expect(version, `${FIREFOX_PATH} --version: ${installed.stdout}${installed.stderr}`).toBeDefined();
    expect(major(minVersion)).toBeLessThanOrEqual(major(version!));
  });

  it('is the one the Firefox tests run: the test build adds only host access and `tabs`', () => {
    const tested = JSON.parse(readFileSync(join(FIREFOX_E2E_BUILD_DIR, 'manifest.json'), 'utf8')) as Manifest;
    const { host_permissions, permissions, ...rest } = tested;
    const { permissions: shippedPermissions, ...shippedRest } = read('firefox-mv3');
    expect(rest).toEqual(shippedRest);
    expect(permissions).toEqual([...(shippedPermissions ?? []), 'tabs']);
    expect(host_permissions).toEqual(['<all_urls>']);
  });
});
