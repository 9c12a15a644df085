// Zips of posts with Chinese (and other non-ASCII) names unpack under their own names with Info-ZIP
// `unzip` (Debian's), and every entry says what the other unzippers need: UTF-8 names (general
// purpose bit 11) made on Unix. Without `unzip` the unpacking test says it is skipped (in CI,
// where `CI=true`, it fails instead).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createBackup } from '../backup/backup';
import { makeClip, NOW } from '../../../test/helpers/clips';
import { testParser } from '../../../test/helpers/parser';
import { zipBytes } from '../../../test/helpers/zip-bytes';
import { exportClip } from './presets';
import { exportZip } from './zip';

const HAVE_UNZIP = spawnSync('unzip', ['-v'], { encoding: 'utf8' }).status === 0;
if (!HAVE_UNZIP) {
  if (process.env.CI) throw new Error('unzip is not installed, and CI must unpack the exported zips with it (apt-get install unzip).');
  console.warn('Skipping the Info-ZIP unzip test: `unzip` is not installed (Debian: apt-get install unzip).');
}

const CLIPS = [
  makeClip({ id: 'a', title: '布林肯和秦刚会面5个半小时 双方分歧未解', url: 'https://n.example/1' }),
  makeClip({ id: 'b', title: '臺灣選舉：投票率創新高', url: 'https://n.example/2' }),
  makeClip({ id: 'c', title: '日本語の記事と絵文字😀👍🏽', url: 'https://n.example/3' }),
  makeClip({ id: 'd', title: 'Plain ASCII title', url: 'https://n.example/4' }),
  makeClip({ id: 'e', title: '香港/深圳 “双城” 记', url: 'https://n.example/5' }),
];

interface CentralEntry {
  name: string;
  madeBy: number;
  flag: number;
  mode: number;
  localFlag: number;
}

/** The central directory's entries, with the general purpose flag of each local header. */
function centralDirectory(zip: Uint8Array): CentralEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end -= 1;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries: CentralEntry[] = [];
  for (let i = 0; i < count; i += 1) {
    expect(view.getUint32(at, true)).toBe(0x02014b50);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    entries.push({
      name: new TextDecoder('utf-8', { fatal: true }).decode(zip.subarray(at + 46, at + 46 + nameLength)),
      madeBy: view.getUint8(at + 5),
      flag: view.getUint16(at + 8, true),
      mode: view.getUint32(at + 38, true) >>> 16,
      localFlag: view.getUint16(local + 6, true),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

const UTF8_NAMES = 1 << 11;

function expectUnixUtf8(zip: Uint8Array): void {
  for (const entry of centralDirectory(zip)) {
    expect(entry.madeBy, entry.name).toBe(3);
    expect(entry.mode, entry.name).toBe(0o100644);
    // eslint-disable-next-line no-control-regex -- ASCII is U+0000 to U+007F
    const utf8 = /[^\u0000-\u007f]/.test(entry.name);
    expect(Boolean(entry.flag & UTF8_NAMES), entry.name).toBe(utf8);
    expect(Boolean(entry.localFlag & UTF8_NAMES), entry.name).toBe(utf8);
  }
}

function filesUnder(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(root, path));
    }
  };
  walk(root);
  return out.sort();
}

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

describe('zip file names', () => {
  it('marks every entry made on Unix (a regular rw-r--r-- file), and non-ASCII names as UTF-8, in both headers', async () => {
    const zip = await zipBytes((write) => exportZip(CLIPS, { preset: 'jekyll', parser: testParser, now: NOW, write }));
    expect(centralDirectory(zip)).toHaveLength(CLIPS.length);
    expectUnixUtf8(zip);
  });

  it('marks the backup zip (its archive posts are named in Chinese too) the same way', async () => {
    const zip = await zipBytes((write) => createBackup(CLIPS, { write, now: NOW }));
    expect(centralDirectory(zip).filter((e) => e.name.includes('臺灣選舉'))).toHaveLength(1);
    expectUnixUtf8(zip);
  });

  it.skipIf(!HAVE_UNZIP)("unpacks with Debian's unzip under exactly the names and bytes written", async () => {
    for (const preset of ['archive', 'jekyll', 'hugo', 'obsidian'] as const) {
      const chunks: Uint8Array[] = [];
      const result = await exportZip(CLIPS, { preset, parser: testParser, now: NOW, write: (c) => void chunks.push(c) });
      const root = mkdtempSync(join(tmpdir(), `unzip-${preset}-`));
      roots.push(root);
      const zipPath = join(root, 'export.zip');
      writeFileSync(zipPath, Buffer.concat(chunks));
      const out = join(root, 'out');
      const run = spawnSync('unzip', ['-q', zipPath, '-d', out], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C.UTF-8' } });
      expect(run.stderr, preset).toBe('');
      expect(run.status, preset).toBe(0);
      const expected = result.files.map((f) => f.path);
      expect(expected.some((p) => p.includes('布林肯和秦刚会面5个半小时 双方分歧未解'))).toBe(true);
      expect(filesUnder(out), preset).toEqual([...expected].sort());
      for (const [i, clip] of CLIPS.entries()) {
        const path = result.files[i]!.path;
        expect(readFileSync(join(out, path), 'utf8'), path).toBe(exportClip(clip, preset, { parser: testParser, now: NOW }).text);
        expect(statSync(join(out, path)).mode & 0o777, path).toBe(0o644);
      }
    }
  });
});
