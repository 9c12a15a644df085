import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { readFrontMatter } from '../../utils/core/backup/front-matter-read';
import { brokenPosts, DEFAULT_SEED, generateArchive, writeArchiveZip, type GeneratedPost, type PostVariant } from './archive-generator';

const POSTS = 2000;
const posts: GeneratedPost[] = [...generateArchive({ posts: POSTS })];
const dir = mkdtempSync(join(tmpdir(), 'archive-generator-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const count = (variant: PostVariant) => posts.filter((p) => p.variants.includes(variant)).length;
const bodyBytes = posts.map((p) => Buffer.byteLength(p.body)).sort((a, b) => a - b);

describe('the generated archive', () => {
  it('is the same bytes for the same seed and count, and other bytes for another seed', () => {
    const a = writeArchiveZip(join(dir, 'a.zip'), { posts: 300, seed: 7 });
    writeArchiveZip(join(dir, 'b.zip'), { posts: 300, seed: 7 });
    const c = writeArchiveZip(join(dir, 'c.zip'), { posts: 300, seed: 8 });
    expect(a.posts).toBe(300);
    expect(readFileSync(join(dir, 'a.zip')).equals(readFileSync(join(dir, 'b.zip')))).toBe(true);
    expect(readFileSync(join(dir, 'a.zip')).equals(readFileSync(join(dir, 'c.zip')))).toBe(false);
    expect(c.bytes).toBeGreaterThan(0);
  });

  it('zips every post at its path with its text', () => {
    writeArchiveZip(join(dir, 'small.zip'), { posts: 200 });
    const entries = unzipSync(readFileSync(join(dir, 'small.zip')));
    const expected = [...generateArchive({ posts: 200 })];
    expect(Object.keys(entries).sort()).toEqual(expected.map((p) => p.path).sort());
    for (const post of expected) expect(new TextDecoder().decode(entries[post.path])).toBe(post.text);
  });

  it("lays the posts out as a Jekyll site's _posts, dated sub-folders included", () => {
    for (const post of posts) expect(post.path).toMatch(/^_posts\/(?:archived\/\d{4}-\d\d-\d\d\/)?\d{4}-\d\d-\d\d-[^/]+\.md$/);
    expect(new Set(posts.map((p) => p.path.toLowerCase())).size).toBe(POSTS);
    expect(count('archived-folder') / POSTS).toBeGreaterThan(0.15);
  });

  it('mixes the current format with every older variant of FORMAT.md', () => {
    const older: PostVariant[] = ['title-spacing', 'raw-utf8-from', 'double-slash', 'ms-differs', 'heading-cut', 'feed-attributes', 'iframe', 'ad-wrapper', 'weserv'];
    for (const variant of [...older, 'current', 'english', 'figure', 'table', 'entities'] as const) expect(count(variant), variant).toBeGreaterThan(10);
    expect(count('current') + count('older')).toBe(POSTS);
    expect(count('current') / POSTS).toBeGreaterThan(0.15);
    expect(count('older') / POSTS).toBeGreaterThan(0.5);
    for (const post of posts) {
      expect(post.text.includes('\ncomments: True\n'), post.path).toBe(post.variants.includes('current'));
      if (post.variants.includes('iframe')) expect(post.body).toContain('<iframe ');
      if (post.variants.includes('raw-utf8-from')) expect(post.from).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('writes current-format posts that read back as valid front matter', () => {
    for (const post of posts.filter((p) => p.variants.includes('current')).slice(0, 100)) {
      expect(post.text.split('\n')).toHaveLength(18);
      expect(readFrontMatter(post.text).ok, post.path).toBe(true);
    }
  });

  it('has bodies from 1 KB up, a median near 6 KB and a long tail', () => {
    const median = bodyBytes[Math.floor(POSTS / 2)]!;
    expect(median).toBeGreaterThan(5.5 * 1024);
    expect(median).toBeLessThan(6.5 * 1024);
    expect(bodyBytes[0]).toBeGreaterThanOrEqual(1024);
    expect(bodyBytes.at(-1)).toBeLessThanOrEqual(201 * 1024);
    expect(bodyBytes.at(-1)).toBeGreaterThan(30 * 1024);
  });

  it('repeats 3 % of the articles under another file', () => {
    const seen = new Set<string>();
    let repeated = 0;
    for (const post of posts) {
      if (seen.has(post.from)) repeated += 1;
      seen.add(post.from);
    }
    expect(repeated / POSTS).toBeCloseTo(0.03, 3);
    for (const post of posts.filter((p) => p.repeatOf !== undefined)) {
      const original = posts[post.repeatOf!]!;
      expect(post.from).toBe(original.from);
      expect(post.body).toBe(original.body);
      expect(post.path).not.toBe(original.path);
    }
  });

  it('breaks a few titles as the old generator did: a raw line break (in the file name too) or a backslash', () => {
    const broken = posts.filter((p) => p.variants.includes('broken-newline') || p.variants.includes('broken-backslash'));
    expect(broken.length).toBeGreaterThanOrEqual(2);
    for (const post of broken) expect(readFrontMatter(post.text).ok).toBe(false);
    const newline = broken.find((p) => p.variants.includes('broken-newline'))!;
    expect(newline.path).toContain('\n');
    expect(newline.text).toMatch(/^title: "[^"\n]*\n[^"\n]*"$/m);
    expect(broken.find((p) => p.variants.includes('broken-backslash'))!.text).toMatch(/^title: "[^"\n]*\\[^"\n]*"$/m);
    // About 9 in 65,000, as in the real archive.
    expect(brokenPosts(DEFAULT_SEED, 65_000).size).toBe(9);
  });

  it('writes Chinese and English text', () => {
    const chinese = posts.filter((p) => (p.body.match(/[\u4e00-\u9fff]/g)?.length ?? 0) > 200).length;
    expect(chinese / POSTS).toBeGreaterThan(0.6);
    expect(count('english') / POSTS).toBeGreaterThan(0.1);
    expect(posts.some((p) => p.body.includes('习近平'))).toBe(true);
  });
});
