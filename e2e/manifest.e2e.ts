import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../cli/headless';

// The shipped manifests (`npm run build`, `build:firefox`, `build:firefox-mv3`) ask for no host
// access at install. Web hosts are optional: an export with images asks for its image hosts then.

interface Manifest {
  manifest_version: number;
  permissions?: string[];
  host_permissions?: string[];
  optional_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: unknown[];
  commands?: Record<string, { suggested_key?: { default?: string } }>;
  content_security_policy?: string | { extension_pages?: string };
}

const read = (build: string): Manifest =>
  JSON.parse(readFileSync(join(PROJECT_ROOT, '.output', build, 'manifest.json'), 'utf8')) as Manifest;
const isHostPattern = (p: string) => /[:/*<]/.test(p);

describe.each(['chrome-mv3', 'firefox-mv2', 'firefox-mv3'])('the shipped %s manifest', (build) => {
  const manifest = read(build);

  it('asks for exactly the API permissions the features use, and no host access', () => {
    expect(manifest.permissions?.slice().sort()).toEqual(['activeTab', 'clipboardWrite', 'scripting']);
    expect(manifest.host_permissions ?? []).toEqual([]);
    expect((manifest.permissions ?? []).filter(isHostPattern)).toEqual([]);
    expect(manifest.content_scripts ?? []).toEqual([]);
  });

  it('offers web hosts only as optional permissions (asked for by an export with images), and nothing else optional', () => {
    const optional = manifest.manifest_version === 3 ? manifest.optional_host_permissions : manifest.optional_permissions;
    expect(optional).toEqual(['http://*/*', 'https://*/*']);
    if (manifest.manifest_version === 3) expect(manifest.optional_permissions ?? []).toEqual([]);
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

it('only the test build can read pages without a toolbar click', () => {
  expect(read('chrome-mv3-e2e').host_permissions).toEqual(['<all_urls>']);
});
