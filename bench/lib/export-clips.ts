import type { Clip } from '../../utils/core/model/types';

// The export benchmark's library, shared by the Node run and the bundle it loads into Chromium.

/** Clip `i`: a fixture page's body with its own title, URL and date, so every file is distinct. */
export function benchClip(templates: readonly Clip[], i: number): Clip {
  const base = templates[i % templates.length]!;
  return {
    ...base,
    id: `bench-${i}`,
    seq: i + 1,
    title: `${base.title} ${i}`,
    url: `${base.url.replace(/[?#].*$/, '')}?n=${i}`,
    publishedAt: Date.UTC(2020, 0, 1) + i * 3_600_000,
    // A marker per clip so the deflate window cannot just repeat the previous file.
    contentHtml: `<p>Clip ${i}: ${'标记'.repeat(i % 7)}</p>${base.contentHtml}`,
  };
}

/** `count` clips, made one at a time as the export asks for them (as the worker hands them out). */
export async function* benchLibrary(templates: readonly Clip[], count: number): AsyncGenerator<Clip> {
  for (let i = 0; i < count; i += 1) yield benchClip(templates, i);
}
