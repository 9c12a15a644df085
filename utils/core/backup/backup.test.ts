import fc from 'fast-check';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { exportClip } from '../format/presets';
import { clipFields } from '../../../test/helpers/arbitraries';
import { makeClip, NOW } from '../../../test/helpers/clips';
import type { Clip } from '../model/types';
import { createBackup } from './backup';
import { BACKUP_VERSION } from './manifest';
import { BackupError, isBackupZip, restoreBackup } from './restore';

async function backupOf(clips: Iterable<Clip> | AsyncIterable<Clip>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  await createBackup(clips, { write: (c) => void chunks.push(c), now: NOW });
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  chunks.reduce((at, c) => (out.set(c, at), at + c.length), 0);
  return out;
}

/** Clips using every field a clip can have, edits and revisions included. */
function library(): Clip[] {
  return [
    makeClip({
      id: 'a1',
      seq: 7,
      title: 'Edited title “引号” \\d+',
      byline: 'Reporter',
      source: '新华社',
      lang: 'zh-CN',
      dir: 'ltr',
      leadImage: 'https://n.example/lead.jpg',
      modifiedAt: Date.UTC(2024, 4, 1, 9),
      keywords: ['k1', 'k2'],
      tags: ['存档', 'a b', 'null'],
      note: 'My note\nwith two lines',
      edited: true,
      original: { title: 'Original title', byline: 'Orig', contentHtml: '<p>original</p>' },
      selection: true,
      pageCount: 2,
      missingPages: ['https://n.example/p3'],
      revisionCount: 2,
      revisions: [
        { clippedAt: Date.UTC(2024, 3, 1), title: 'v1', contentHtml: '<p>one</p>', textLength: 3, byline: 'B', publishedAt: 1, modifiedAt: 2 },
        { clippedAt: Date.UTC(2024, 3, 2), title: 'v2', contentHtml: '<p>two</p>', textLength: 3 },
      ],
    }),
    makeClip({ id: 'b2', seq: 8, url: 'https://n.example/b', title: 'Second', publishedAt: undefined, byline: undefined, tags: [], fullPage: true }),
    // Another clip of the same article: its post is written once, its clip kept.
    makeClip({ id: 'c3', seq: 9, url: 'https://n.example/b', title: 'Second', publishedAt: undefined, byline: undefined }),
  ];
}

describe('createBackup and restoreBackup', () => {
  it('restores every clip equal to what was backed up, field for field', async () => {
    const clips = library();
    const restored = restoreBackup(await backupOf(clips));
    expect(restored.errors).toEqual([]);
    expect(restored.createdAt).toBe(NOW);
    expect(restored.clips).toHaveLength(clips.length);
    // JSON has no `undefined`: a field set to undefined comes back absent, which reads the same.
    clips.forEach((clip, i) => expect(restored.clips[i]).toEqual(clip));
    expect(Object.keys(restored.clips[0]!).sort()).toEqual(Object.keys(clips[0]!).sort());
  });

  it('holds the clips, a readable archive post per article and a manifest', async () => {
    const clips = library();
    const files = unzipSync(await backupOf(clips));
    expect(Object.keys(files).sort()).toEqual([
      '_posts/2024-05-01-Edited title “引号” _d+.md',
      '_posts/2024-05-02-Second.md',
      'clips/000001.json',
      'clips/000002.json',
      'clips/000003.json',
      'manifest.json',
    ]);
    expect(strFromU8(files['_posts/2024-05-02-Second.md']!)).toBe(exportClip(clips[1]!, 'archive', { now: NOW }).text);
    const manifest = JSON.parse(strFromU8(files['manifest.json']!));
    expect(manifest).toEqual({
      format: 'news-clipper-backup',
      version: BACKUP_VERSION,
      createdAt: NOW,
      clipCount: 3,
      clips: [
        { id: 'a1', file: 'clips/000001.json', post: '_posts/2024-05-01-Edited title “引号” _d+.md' },
        { id: 'b2', file: 'clips/000002.json', post: '_posts/2024-05-02-Second.md' },
        { id: 'c3', file: 'clips/000003.json' },
      ],
    });
  });

  it('round-trips clips made of the property-test extremes', async () => {
    const samples = fc.sample(clipFields, { numRuns: 200, seed: 7 });
    const clips = samples.map((fields, i) => makeClip({ ...fields, id: `x${i}`, seq: i, note: fields.title, contentHtml: `<p>${fields.title}</p>` }));
    async function* stream() {
      yield* clips;
    }
    const restored = restoreBackup(await backupOf(stream()));
    expect(restored.errors).toEqual([]);
    expect(restored.clips).toEqual(clips);
  });

  it('reports damaged entries and restores the rest', async () => {
    const files = unzipSync(await backupOf(library()));
    files['clips/000002.json'] = strToU8('{"id": "b2", "title": ');
    const wrongId = JSON.parse(strFromU8(files['clips/000003.json']!));
    files['clips/000003.json'] = strToU8(JSON.stringify({ ...wrongId, id: 'zz' }));
    const restored = restoreBackup(zipSync(files));
    expect(restored.clips.map((c) => c.id)).toEqual(['a1']);
    expect(restored.errors).toEqual(['clips/000002.json: missing or not valid JSON.', 'clips/000003.json: holds clip zz, the manifest says c3.']);
    const incomplete = unzipSync(await backupOf(library()));
    incomplete['clips/000001.json'] = strToU8(JSON.stringify({ id: 'a1', title: 'no body' }));
    expect(restoreBackup(zipSync(incomplete)).errors).toEqual(['clips/000001.json: not a complete clip.']);
  });

  it('refuses what is not a backup it can read, with a clear message', async () => {
    expect(() => restoreBackup(strToU8('# just markdown'))).toThrow(new BackupError('This file is not a zip, or the zip is damaged.'));
    expect(() => restoreBackup(zipSync({ 'a.md': strToU8('x') }))).toThrow(/not a News Clipper backup/);
    const files = unzipSync(await backupOf(library()));
    const manifest = JSON.parse(strFromU8(files['manifest.json']!));
    files['manifest.json'] = strToU8(JSON.stringify({ ...manifest, version: BACKUP_VERSION + 1 }));
    expect(() => restoreBackup(zipSync(files))).toThrow(/newer version of the extension/);
    expect(isBackupZip(zipSync(files))).toBe(true);
    expect(isBackupZip(zipSync({ 'a.md': strToU8('x') }))).toBe(false);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(createBackup(library(), { write: () => undefined, signal: controller.signal })).rejects.toThrow('stop');
  });
});
