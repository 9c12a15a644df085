// Golden files per preset for real pages: test/fixtures/export/<page>/clip.json (a clip made by
// make-clips.ts) exported with each preset must give <page>/<preset>.md byte for byte, at the
// path recorded in <page>/paths.json. After a deliberate change, review the new output and
// rewrite the files with UPDATE_GOLDEN=1 npx vitest run utils/format/export-golden.test.ts.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Clip } from '../model/types';
import { exportClip, type PresetId } from './presets';
import { NOW } from '../../../test/helpers/clips';
import { plainParser, testParser } from '../../../test/helpers/parser';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/export');
const PRESETS: PresetId[] = ['archive', 'jekyll', 'hugo', 'obsidian', 'markdown'];
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const pages = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe('export golden files', () => {
  it('has real pages to check', () => {
    expect(pages.length).toBeGreaterThanOrEqual(4);
  });

  for (const page of pages) {
    it(`${page}: every preset gives its golden file`, () => {
      const clip = JSON.parse(readFileSync(join(FIXTURES, page, 'clip.json'), 'utf8')) as Clip;
      const files = Object.fromEntries(PRESETS.map((preset) => [preset, exportClip(clip, preset, { parser: testParser, now: NOW })]));
      const paths = Object.fromEntries(PRESETS.map((preset) => [preset, files[preset]!.path]));
      const pathsFile = join(FIXTURES, page, 'paths.json');
      if (UPDATE) writeFileSync(pathsFile, `${JSON.stringify(paths, null, 2)}\n`);
      expect(existsSync(pathsFile), `${pathsFile} is missing (UPDATE_GOLDEN=1 writes it)`).toBe(true);
      expect(paths).toEqual(JSON.parse(readFileSync(pathsFile, 'utf8')));
      for (const preset of PRESETS) {
        const golden = join(FIXTURES, page, `${preset}.md`);
        if (UPDATE) writeFileSync(golden, files[preset]!.text);
        expect(existsSync(golden), `${golden} is missing`).toBe(true);
        expect(files[preset]!.text, `${page}/${preset}.md`).toBe(readFileSync(golden, 'utf8'));
      }
    });

    // The tests' parser puts bodies in templates; the extension parses each into a document of
    // its own (HtmlParser.parseBody): both must give the same files.
    it(`${page}: a document per body (as in the extension) gives the same files`, () => {
      const clip = JSON.parse(readFileSync(join(FIXTURES, page, 'clip.json'), 'utf8')) as Clip;
      for (const preset of PRESETS) {
        const file = exportClip(clip, preset, { parser: plainParser, now: NOW });
        expect(file.text, `${page}/${preset}.md`).toBe(readFileSync(join(FIXTURES, page, `${preset}.md`), 'utf8'));
      }
    });
  }

  it('the golden page clip gives the archive golden post (FORMAT.md reference)', () => {
    const clip = JSON.parse(readFileSync(join(FIXTURES, 'epochtimes-n14018244/clip.json'), 'utf8')) as Clip;
    const reference = readFileSync(join(FIXTURES, '../golden/epochtimes-n14018244.md'), 'utf8');
    // The fixture clip carries a user tag; the reference post was written without one.
    expect(exportClip({ ...clip, tags: [] }, 'archive', { now: NOW }).text).toBe(reference);
  });
});
