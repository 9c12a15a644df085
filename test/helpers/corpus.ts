// Test helper: the clips the round-trip tests push through exports: real pages (the golden
// fixtures) and clips made of the property tests' extremes, Liquid delimiters included.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type { Clip } from '../../utils/core/model/types';
import { clipFields, NASTY_PIECES } from './arbitraries';
import { makeClip } from './clips';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/export');

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function realClips(): Clip[] {
  return readdirSync(FIXTURES, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => JSON.parse(readFileSync(join(FIXTURES, d.name, 'clip.json'), 'utf8')) as Clip);
}

const DAY = 86_400_000;

/** Clips whose titles, bylines, sites, tags and bodies are the property tests' extremes. */
export function extremeClips(): Clip[] {
  const samples = fc.sample(fc.tuple(clipFields, fc.array(fc.constantFrom(...NASTY_PIECES), { minLength: 5, maxLength: 5 })), {
    numRuns: 60,
    seed: 20240501,
  });
  const liquid = [
    '{{ page.title }}',
    '{% raw %}',
    '{% endraw %}',
    '{{',
    '{%',
    '}} %}',
    '{{{ x }}}',
    '{%- if true -%}x{%- endif -%}',
    '{{ "{{" }}',
  ];
  const clips = samples.map(([fields, parts], i) => {
    const [a = '', b = '', c = '', d = '', e = ''] = parts;
    return makeClip({
      ...fields,
      id: `extreme-${i}`,
      title: fields.title,
      contentHtml: `<p>${esc(a + fields.title)}</p><pre><code>${esc(b)}\n${esc(c)}</code></pre><p>x <code>${esc(d)}</code> <a href="https://e.example/?q=${encodeURIComponent(e)}">${esc(e)}</a> <strong>${esc(c)}</strong></p>`,
    });
  });
  liquid.forEach((s, i) =>
    clips.push(
      makeClip({
        id: `liquid-${i}`,
        title: `Liquid ${s} in a title`,
        url: `https://news.example/liquid/${i}?x=${encodeURIComponent(s)}`,
        siteName: `Site ${s}`,
        byline: s,
        tags: [s],
        contentHtml: `<p>Text ${esc(s)} here</p><pre><code class="language-liquid">${esc(s)}\n{{ code }}</code></pre><p><a href="https://e.example/{{x}}">${esc(s)}</a> <img src="https://e.example/{%y%}.png" alt="${esc(s)}"></p>`,
      }),
    ),
  );
  clips.push(
    makeClip({
      id: 'link-targets',
      title: 'Links with parentheses, spaces and braces',
      url: 'https://news.example/links/(1)/page.html',
      contentHtml:
        '<p><a href="https://en.wikipedia.org/wiki/Foo_(bar)">Foo (bar)</a> <a href="../rel/path?q=a b&amp;c=(d)">relative</a> ' +
        '<a href="https://e.example/{{x}}/{%y%}">braces</a> <img src="https://e.example/img (1).png" alt="an (image)"> ' +
        '<a href="https://e.example/back\\slash">backslash</a></p>',
    }),
  );
  // Distinct dates: Jekyll builds a post's URL from its date and title slug, and different
  // titles can share a slug.
  return clips.map((clip, i) => ({ ...clip, publishedAt: Date.UTC(2020, 0, 1) + i * DAY }));
}

