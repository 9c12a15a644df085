import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { exportClip, PRESETS, type PresetId } from './presets';
import { makeClip, NOW } from '../../../test/helpers/clips';
import { testParser } from '../../../test/helpers/parser';

const options = { parser: testParser, now: NOW };

/** The front matter of `text` read by the `yaml` package, with no error or warning. */
function frontMatterOf(text: string, version: '1.1' | '1.2'): Record<string, unknown> {
  const match = /^---\n([\s\S]*?\n)---\n/.exec(text);
  expect(match).not.toBeNull();
  const doc = parseDocument(match?.[1] ?? '', { version });
  expect(doc.errors).toEqual([]);
  expect(doc.warnings).toEqual([]);
  return doc.toJS() as Record<string, unknown>;
}

describe('exportClip: layouts', () => {
  const clip = makeClip({ title: 'Budget: a "plan" / 2024' });
  const expected: Record<Exclude<PresetId, 'custom'>, string> = {
    archive: '_posts/2024-05-01-Budget_ a _plan_ -- 2024.md',
    jekyll: '_posts/2024-05-01-Budget_ a _plan_ -- 2024.md',
    hugo: 'content/posts/2024-05-01-Budget_ a _plan_ -- 2024.md',
    obsidian: 'Clippings/Budget_ a _plan_ -- 2024.md',
    markdown: '2024-05-01-Budget_ a _plan_ -- 2024.md',
  };
  for (const [preset, path] of Object.entries(expected)) {
    it(`puts the ${preset} file at ${path}`, () => {
      expect(exportClip(clip, preset as PresetId, options).path).toBe(path);
    });
  }

  it('lists every preset', () => {
    expect(Object.keys(PRESETS).sort()).toEqual(['archive', 'custom', 'hugo', 'jekyll', 'markdown', 'obsidian']);
  });
});

describe('exportClip: the archive preset', () => {
  it('is the archive post writer, byte for byte (the golden post)', () => {
    const golden = readFileSync(new URL('../../../test/fixtures/golden/epochtimes-n14018244.md', import.meta.url), 'utf8');
    const clip = makeClip({
      title: '布林肯和秦刚会面5个半小时 双方分歧未解',
      url: 'https://www.epochtimes.com/gb/23/6/18/n14018244.htm',
      siteName: '大纪元',
      byline: undefined,
      publishedAt: Date.parse('2023-06-18T11:48:21-04:00'),
      tags: [],
      contentHtml: golden.split('\n')[15] ?? '',
    });
    const file = exportClip(clip, 'archive', { now: NOW });
    expect(file.text).toBe(golden);
    expect(file.path).toBe('_posts/2023-06-18-布林肯和秦刚会面5个半小时 双方分歧未解.md');
  });

  it('needs no HTML parser', () => {
    expect(() => exportClip(makeClip(), 'archive', { now: NOW })).not.toThrow();
  });
});

describe('exportClip: front matter of each preset', () => {
  const clip = makeClip({
    title: 'Regex \\d+: "yes" #1',
    byline: 'null',
    siteName: 'Ex: News',
    url: 'https://news.example.com/a?b=1&c=%7B',
    tags: ['yes', 'a b', '#hash', 'a b'],
    modifiedAt: Date.UTC(2024, 4, 1, 10),
  });

  for (const version of ['1.1', '1.2'] as const) {
    it(`Jekyll (YAML ${version})`, () => {
      const fm = frontMatterOf(exportClip(clip, 'jekyll', options).text, version);
      expect(fm).toMatchObject({
        layout: 'post',
        title: 'Regex \\d+: "yes" #1',
        author: 'null',
        from: 'https://news.example.com/a?b=1&c=%7B',
        tags: ['Ex: News', 'yes', 'a b', '#hash'],
        // Jekyll crashes on a category like `Ex: News` (see jekyllCategory).
        categories: ['Ex - News'],
      });
      expect(new Date(fm.date as string | Date).getTime()).toBe(clip.publishedAt);
    });

    it(`Hugo (YAML ${version})`, () => {
      const fm = frontMatterOf(exportClip(clip, 'hugo', options).text, version);
      expect(fm).toMatchObject({ title: clip.title, draft: false, author: 'null', source: clip.url, tags: ['yes', 'a b', '#hash'], categories: ['Ex: News'] });
      expect(new Date(fm.lastmod as string | Date).getTime()).toBe(clip.modifiedAt);
    });

    it(`Obsidian (YAML ${version})`, () => {
      const fm = frontMatterOf(exportClip(clip, 'obsidian', options).text, version);
      expect(fm).toMatchObject({ title: clip.title, source: clip.url, author: 'null', site: 'Ex: News', tags: ['yes', 'a-b', 'hash'] });
      expect(new Date(fm.published as string | Date).toISOString().slice(0, 10)).toBe('2024-05-01');
      expect(new Date(fm.created as string | Date).toISOString().slice(0, 10)).toBe('2024-05-02');
    });
  }

  it('leaves out what the clip does not know', () => {
    const unknown = makeClip({ publishedAt: undefined, modifiedAt: undefined, byline: undefined, tags: [] });
    const obsidian = exportClip(unknown, 'obsidian', options).text;
    expect(obsidian).not.toContain('published:');
    expect(obsidian).toContain('author: Example News\n');
    expect(obsidian).toContain('tags: []\n');
    expect(exportClip(unknown, 'hugo', options).text).not.toContain('lastmod:');
  });
});

describe('exportClip: bodies', () => {
  const clip = makeClip({ contentHtml: '<p>Say {{ hi }} and {% x %}</p><pre><code class="language-js">a {{ b }}</code></pre><p><img src="/i.png" alt="i"></p>' });

  it('writes Markdown with Liquid protected for Jekyll', () => {
    const text = exportClip(clip, 'jekyll', options).text;
    expect(text.split('---\n')[2]).toBe('\nSay {{ "{{" }} hi }} and {{ "{%" }} x %}\n\n```js\na {{ "{{" }} b }}\n```\n\n![i](https://news.example.com/i.png)\n');
  });

  it('writes plain Markdown with a title and a source line', () => {
    expect(exportClip(clip, 'markdown', options).text).toBe(
      '# A story\n\n[Example News](https://news.example.com/2024/05/01/story.html) · Jane Writer · 2024-05-01\n\nSay {{ hi }} and {% x %}\n\n```js\na {{ b }}\n```\n\n![i](https://news.example.com/i.png)\n',
    );
  });

  it('asks for an HTML parser where the body is Markdown', () => {
    for (const preset of ['jekyll', 'hugo', 'obsidian', 'markdown'] as const) {
      expect(() => exportClip(clip, preset, { now: NOW })).toThrow(/HTML parser/);
    }
  });

  it('uses the custom template', () => {
    const file = exportClip(clip, 'custom', { ...options, template: { text: '{{title|upper}}\n', fileName: 'notes/{{title}}.txt' } });
    expect(file).toEqual({ path: 'notes/A story.txt', text: 'A STORY\n' });
    expect(() => exportClip(clip, 'custom', options)).toThrow(/template/);
  });
});

describe('exportClip: the user’s note', () => {
  const note = '第一行：要核实的数字 #1\n  "quoted" line: yes\n';
  const withNote = makeClip({ note });
  const without = makeClip({ note: undefined });

  it.each(['jekyll', 'hugo', 'obsidian'] as const)('%s writes it as the last front matter property, read back as written', (preset) => {
    const text = exportClip(withNote, preset, options).text;
    for (const version of ['1.1', '1.2'] as const) expect(frontMatterOf(text, version).note).toBe(note.trim());
    const lines = /^---\n([\s\S]*?)\n---\n/.exec(text)?.[1]?.split('\n') ?? [];
    expect(lines.at(-1)).toMatch(/^note: "/);
    // Everything else is the file without a note.
    expect(text.replace(/\nnote: .*\n---\n/, '\n---\n')).toBe(exportClip(without, preset, options).text);
  });

  it('writes a one-line note plain where YAML reads it back the same', () => {
    expect(exportClip(makeClip({ note: 'Check the figures' }), 'hugo', options).text).toContain('\nnote: Check the figures\n---\n');
  });

  it.each(['jekyll', 'hugo', 'obsidian'] as const)('%s writes no note line for an empty or blank note', (preset) => {
    expect(exportClip(makeClip({ note: ' \n ' }), preset, options).text).toBe(exportClip(without, preset, options).text);
    expect(exportClip(without, preset, options).text).not.toMatch(/^note:/m);
  });

  it('keeps the archive post exactly as FORMAT.md says (it has no place for a note), and the plain Markdown file too', () => {
    for (const preset of ['archive', 'markdown'] as const) {
      expect(exportClip(withNote, preset, options).text, preset).toBe(exportClip(without, preset, options).text);
    }
    const golden = readFileSync('test/fixtures/golden/epochtimes-n14018244.md', 'utf8');
    const clip = JSON.parse(readFileSync('test/fixtures/export/epochtimes-n14018244/clip.json', 'utf8'));
    expect(exportClip({ ...clip, tags: [], note }, 'archive', { now: NOW }).text).toBe(golden);
  });
});
