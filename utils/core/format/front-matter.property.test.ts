// Every preset's front matter, for thousands of generated titles, bylines, site names, tags and
// URLs, parses with the `yaml` package (YAML 1.1 as Jekyll reads it, and 1.2) to exactly the
// values the preset means to write.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { jekyllCategory, postTags } from './archive-post';
import { postFields } from './post-fields';
import { exportClip, obsidianTag, type PresetId } from './presets';
import { DEFAULT_TEMPLATE, type CustomTemplate } from './template';
import { clipFields } from '../../../test/helpers/arbitraries';
import { makeClip, NOW } from '../../../test/helpers/clips';
import { testParser } from '../../../test/helpers/parser';

const RUNS = 1500;

function readFrontMatter(text: string, version: '1.1' | '1.2'): Record<string, unknown> {
  // Jekyll's own rule for where front matter ends.
  const match = /^(---\s*\n[\s\S]*?\n?)^((?:---|\.\.\.)\s*$\n?)/m.exec(text);
  if (!match) throw new Error(`no front matter in:\n${text}`);
  const doc = parseDocument(match[1]!.replace(/^---\s*\n/, ''), { version, uniqueKeys: true });
  if (doc.errors.length > 0 || doc.warnings.length > 0) throw new Error(`${[...doc.errors, ...doc.warnings].join('\n')}\n${match[1]}`);
  return doc.toJS() as Record<string, unknown>;
}

const instant = (value: unknown) => new Date(value as string | Date).getTime();
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const asDay = (value: unknown) => (value instanceof Date ? value.toISOString().slice(0, 10) : value);

/** A custom template that wraps values every way a user might. */
const WRAPPING: CustomTemplate = {
  text: [
    '---',
    'bare: {{title}}',
    'double: "{{title}}"',
    "single: '{{title}}'",
    'mixed: Re: {{site}} – {{author}} #1',
    'url: {{url}}',
    'list: {{tags}}',
    'flow: [ clip, {{site}}, {{tags}} ]',
    'items:',
    '  - {{author}}',
    '  - {{tags}}',
    'day: {{date|date:"YYYY-MM-DD"}}',
    '---',
    '{{body_markdown}}',
  ].join('\n'),
  fileName: '{{title}}.md',
};

describe('front matter round trip (fast-check)', () => {
  const presets: Array<Exclude<PresetId, 'markdown' | 'custom'>> = ['archive', 'jekyll', 'hugo', 'obsidian'];

  it(`reads back every preset's values (${RUNS} clips, YAML 1.1 and 1.2)`, () => {
    fc.assert(
      fc.property(clipFields, (fields) => {
        const clip = makeClip({ ...fields, contentHtml: '<p>x</p>' });
        const f = postFields(clip, NOW);
        const files = Object.fromEntries(presets.map((p) => [p, exportClip(clip, p, { parser: testParser, now: NOW }).text]));
        for (const version of ['1.1', '1.2'] as const) {
          const archive = readFrontMatter(files.archive!, version);
          expect(archive).toEqual({
            layout: 'post',
            title: f.title,
            date: version === '1.1' ? new Date(f.date) : new Date(f.date).toISOString(),
            author: f.author,
            from: clip.url,
            tags: postTags(f.site, f.tags),
            comments: true,
            categories: postTags(jekyllCategory(f.site), []),
          });
          const jekyll = readFrontMatter(files.jekyll!, version);
          expect({ ...jekyll, date: instant(jekyll.date) }).toEqual({
            layout: 'post',
            title: f.title,
            date: f.date,
            author: f.author,
            from: clip.url,
            tags: postTags(f.site, f.tags),
            categories: postTags(jekyllCategory(f.site), []),
          });
          const hugo = readFrontMatter(files.hugo!, version);
          expect({ ...hugo, date: instant(hugo.date) }).toEqual({
            title: f.title,
            date: f.date,
            draft: false,
            author: f.author,
            source: clip.url,
            tags: f.tags,
            categories: [f.site],
          });
          const obsidian = readFrontMatter(files.obsidian!, version);
          expect({ ...obsidian, published: asDay(obsidian.published), created: asDay(obsidian.created) }).toEqual({
            title: f.title,
            source: clip.url,
            author: f.author,
            published: day(f.date),
            created: day(clip.clippedAt),
            site: f.site,
            tags: [...new Set(f.tags.map(obsidianTag).filter((t) => t !== ''))],
          });
        }
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  it(`reads back custom template values however the user wrapped them (${RUNS} clips)`, () => {
    fc.assert(
      fc.property(clipFields, (fields) => {
        const clip = makeClip({ ...fields, contentHtml: '<p>x</p>' });
        const f = postFields(clip, NOW);
        for (const template of [WRAPPING, DEFAULT_TEMPLATE]) {
          const { text } = exportClip(clip, 'custom', { parser: testParser, now: NOW, template });
          for (const version of ['1.1', '1.2'] as const) {
            const fm = readFrontMatter(text, version);
            if (template === DEFAULT_TEMPLATE) {
              expect({ ...fm, date: instant(fm.date) }).toEqual({ layout: 'post', title: f.title, date: f.date, author: f.author, source: clip.url, tags: f.tags });
              continue;
            }
            expect({ ...fm, day: asDay(fm.day) }).toEqual({
              bare: f.title,
              double: f.title,
              single: f.title,
              mixed: `Re: ${f.site} – ${f.author} #1`,
              url: clip.url,
              list: f.tags,
              flow: ['clip', ...(f.site === '' ? [] : [f.site]), ...f.tags],
              items: [f.author, ...f.tags],
              day: day(f.date),
            });
          }
        }
      }),
      { numRuns: RUNS },
    );
  }, 120_000);
});
