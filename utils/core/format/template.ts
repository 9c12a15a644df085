// The custom template: the user's own file layout in a small variable language (documented in
// template-help.ts). In the front matter block every value is written as YAML by the engine,
// whatever the user typed around it, so no title can break the file.

import { cleanTitle } from './archive-post';
import { safePath } from './file-names';
import { flowList } from './front-matter';
import type { HtmlParser } from './html-parser';
import { flavorOf, htmlToMarkdown, type MarkdownTarget } from './markdown';
import { postFields, type ExportClip } from './post-fields';
import { protectFromHugo, protectFromLiquid } from './site-generators';
import { FILTERS, type FilterContext } from './template-filters';
import { errorAt, parseSegments, TemplateError, type Expression, type Segment, type Source } from './template-parse';
import { NONE, text, toText, type Value } from './template-values';
import { yamlScalar } from './yaml';

export { TemplateError } from './template-parse';
export { TEMPLATE_HELP } from './template-help';

export interface CustomTemplate {
  /** The file: an optional front matter block between `---` lines, then the body. */
  text: string;
  /** The file's path, e.g. `_posts/{{date|date:"YYYY-MM-DD"}}-{{title|slug}}.md`. */
  fileName: string;
  /**
   * Who reads the file: sets the Markdown escaping of `body_markdown` and protects every inserted
   * value from Jekyll's Liquid (`jekyll`) or Hugo's shortcodes (`hugo`). Default `gfm`.
   */
  target?: MarkdownTarget;
}

export interface RenderOptions {
  /** Needed when the template uses `body_markdown`. */
  parser?: HtmlParser;
  now?: number;
  /** See ExportOptions.urlsResolved. */
  urlsResolved?: boolean;
}

/** A Jekyll post with a Markdown body: where the options page starts. */
export const DEFAULT_TEMPLATE: CustomTemplate = {
  text: [
    '---',
    'layout: post',
    'title: {{title}}',
    'date: {{date}}',
    'author: {{author}}',
    'source: {{url}}',
    'tags: {{tags}}',
    '---',
    '',
    '{{body_markdown}}',
    '',
  ].join('\n'),
  fileName: '_posts/{{date|date:"YYYY-MM-DD"}}-{{title|truncate:50}}.md',
  target: 'jekyll',
};

type Lookup = (name: string) => Value;

function lookupFor(clip: ExportClip, template: CustomTemplate, options: RenderOptions & { dryRun?: boolean }): Lookup {
  const now = options.now ?? Date.now();
  const f = postFields(clip, now);
  const optional = (s: string | undefined) => (s === undefined || s === '' ? NONE : text(s));
  const time = (ms: number | undefined) => (ms === undefined || !Number.isFinite(ms) ? NONE : ({ kind: 'time', ms }) as const);
  let markdown: string | undefined;
  const bodyMarkdown = (): Value => {
    if (options.dryRun) return text('');
    if (!options.parser) throw new Error('body_markdown needs an HTML parser (new DOMParser()).');
    markdown ??= htmlToMarkdown(clip.contentHtml, {
      parser: options.parser,
      baseUrl: options.urlsResolved ? undefined : clip.url,
      pageUrls: [clip.url, clip.pageUrl],
      target: template.target ?? 'gfm',
      // The engine protects each inserted value itself.
      protectDelimiters: false,
    });
    return text(markdown);
  };
  const values: Record<string, () => Value> = {
    title: () => text(f.title),
    url: () => text(clip.url),
    page_url: () => text(clip.pageUrl ?? clip.url),
    site: () => text(f.site),
    author: () => text(f.author),
    byline: () => optional(cleanTitle(clip.byline ?? '')),
    source: () => optional(clip.source),
    date: () => time(f.date),
    published: () => time(f.published),
    modified: () => time(f.modified),
    clipped: () => time(clip.clippedAt),
    updated: () => time(clip.updatedAt ?? clip.clippedAt),
    tags: () => ({ kind: 'list', items: f.tags }),
    keywords: () => ({ kind: 'list', items: clip.keywords ?? [] }),
    excerpt: () => optional(clip.excerpt),
    lang: () => optional(clip.lang),
    dir: () => optional(clip.dir),
    lead_image: () => optional(clip.leadImage),
    note: () => optional(clip.note),
    id: () => optional(clip.id),
    body: () => text(clip.contentHtml),
    body_markdown: bodyMarkdown,
  };
  return (name) => values[name]?.() ?? NONE;
}

interface Renderer {
  source: Source;
  lookup: Lookup;
  context: FilterContext;
}

function evaluate(r: Renderer, expression: Expression): Value {
  let value: Value;
  if ('literal' in expression.head) value = text(expression.head.literal);
  else {
    try {
      value = r.lookup(expression.head.variable);
    } catch (error) {
      throw errorAt(r.source, expression.start, (error as Error).message);
    }
  }
  for (const call of expression.filters) {
    const filter = FILTERS.get(call.name);
    if (!filter) throw errorAt(r.source, call.index, `unknown filter "${call.name}"`);
    try {
      value = filter.apply(value, call.args, r.context);
    } catch (error) {
      throw errorAt(r.source, call.index, (error as Error).message);
    }
  }
  return value;
}

// What YAML 1.1 and 1.2 both read as a timestamp: written plain, the generators read a date.
const TIMESTAMP = /^\d{4}-\d\d-\d\d(?:[Tt ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:[Zz]|[+-]\d\d:\d\d)?)?$/;

const isBlank = (s: Segment) => s.kind === 'literal' && s.text.trim() === '';

/** The segments without blank literal text at either end, and without one pair of user quotes. */
function unwrap(segments: Segment[]): Segment[] {
  const out = [...segments];
  while (out.length > 0 && isBlank(out[0]!)) out.shift();
  while (out.length > 0 && isBlank(out[out.length - 1]!)) out.pop();
  const first = out[0];
  const last = out[out.length - 1];
  if (out.length >= 2 && first?.kind === 'literal' && last?.kind === 'literal') {
    const a = first.text.trimStart();
    const b = last.text.trimEnd();
    const quote = a[0];
    if ((quote === '"' || quote === "'") && b.endsWith(quote)) {
      out[0] = { ...first, text: a.slice(1) };
      out[out.length - 1] = { ...last, text: b.slice(0, -1) };
      return out.filter((s) => !(s.kind === 'literal' && s.text === ''));
    }
  }
  return out;
}

const joinText = (r: Renderer, segments: Segment[]) =>
  segments.map((s) => (s.kind === 'literal' ? s.text : toText(evaluate(r, s)))).join('');

/** `[ a, {{tags}}, "b" ]`: each item is a string; a list value adds all its items. */
function flowValue(r: Renderer, segments: Segment[]): string {
  const items: string[] = [];
  let current: Segment[] = [];
  const flush = () => {
    const item = unwrap(current);
    current = [];
    const only = item.length === 1 ? item[0] : undefined;
    if (only?.kind === 'expression') {
      const value = evaluate(r, only);
      if (value.kind === 'list') items.push(...value.items);
      else if (toText(value) !== '') items.push(toText(value));
    } else {
      const s = joinText(r, item).trim();
      if (s !== '') items.push(s);
    }
  };
  for (const segment of segments) {
    if (segment.kind === 'expression') {
      current.push(segment);
      continue;
    }
    const parts = segment.text.split(',');
    parts.forEach((part, i) => {
      if (i > 0) flush();
      current.push({ kind: 'literal', text: part, start: segment.start });
    });
  }
  flush();
  return flowList(items);
}

/** One front matter value: a YAML scalar, a flow list, or (for `- {{list}}`) several items. */
function scalarValue(r: Renderer, segments: Segment[]): { yaml: string } | { items: string[] } {
  const value = unwrap(segments);
  const only = value.length === 1 ? value[0] : undefined;
  if (only?.kind === 'expression') {
    const v = evaluate(r, only);
    if (v.kind === 'list') return { items: v.items };
    if (v.kind === 'time') return { yaml: new Date(v.ms).toISOString() };
    if (v.kind === 'date' && TIMESTAMP.test(v.text)) return { yaml: v.text };
    return { yaml: v.kind === 'none' ? '""' : yamlScalar(toText(v)) };
  }
  const s = joinText(r, value);
  return { yaml: s === '' ? '""' : yamlScalar(s) };
}

const ITEM = /^([ \t]*)-[ \t]+/;
const KEY = /^([ \t]*)([^\s#:'"{-][^#:{]*?|-[^\s#:{][^#:{]*?)[ \t]*:[ \t]+/;

function frontMatterLine(r: Renderer, line: string, offset: number): string[] {
  const exprAt = line.indexOf('{{');
  if (exprAt === -1) return [line];
  const item = ITEM.exec(line);
  const key = item ? null : KEY.exec(line);
  const prefix = item?.[0] ?? key?.[0];
  if (prefix === undefined || prefix.length > exprAt) {
    throw errorAt(r.source, offset + exprAt, 'in front matter, {{ }} can only be a value: `key: {{…}}` or `- {{…}}`');
  }
  const segments = parseSegments(r.source, offset + prefix.length, offset + line.length);
  const trimmed = unwrap(segments);
  const firstText = trimmed[0]?.kind === 'literal' ? trimmed[0].text.trimStart() : '';
  const last = trimmed[trimmed.length - 1];
  const lastText = last?.kind === 'literal' ? last.text.trimEnd() : '';
  const head = prefix.trimEnd();
  if (key && firstText.startsWith('[') && lastText.endsWith(']')) {
    const inner = trimmed.map((s, i) => {
      if (s.kind !== 'literal') return s;
      let t = i === 0 ? s.text.trimStart().slice(1) : s.text;
      if (i === trimmed.length - 1) t = t.trimEnd().slice(0, -1);
      return { ...s, text: t };
    });
    return [`${head} ${flowValue(r, inner)}`];
  }
  const value = scalarValue(r, segments);
  if ('yaml' in value) return [`${head} ${value.yaml}`];
  if (key) return [`${head} ${flowList(value.items)}`];
  return value.items.map((entry) => `${head} ${yamlScalar(entry)}`);
}

/** Offsets of the front matter lines and of the body, when the text opens with `---`. */
function splitFrontMatter(source: Source): { lines: Array<{ text: string; offset: number }>; close: string; bodyFrom: number } | undefined {
  const open = /^---[ \t]*\n/.exec(source.text);
  if (!open) return undefined;
  const lines: Array<{ text: string; offset: number }> = [];
  let offset = open[0].length;
  while (offset <= source.text.length) {
    const end = source.text.indexOf('\n', offset);
    const lineEnd = end === -1 ? source.text.length : end;
    const line = source.text.slice(offset, lineEnd);
    if (/^(?:---|\.\.\.)[ \t]*$/.test(line)) return { lines, close: line, bodyFrom: end === -1 ? lineEnd : end + 1 };
    lines.push({ text: line, offset });
    if (end === -1) break;
    offset = end + 1;
  }
  throw errorAt(source, 0, 'the front matter opened by --- on the first line is never closed by a --- line');
}

function renderText(template: CustomTemplate, lookup: Lookup): string {
  const source: Source = { text: template.text.replace(/\r\n?/g, '\n'), part: 'text' };
  const target = template.target ?? 'gfm';
  const context: FilterContext = { inFrontMatter: false, flavor: flavorOf(target) };
  const r: Renderer = { source, lookup, context };
  const split = splitFrontMatter(source);
  let out = '';
  if (split) {
    const fmRenderer: Renderer = { ...r, context: { ...context, inFrontMatter: true } };
    const lines = split.lines.flatMap(({ text: line, offset }) => frontMatterLine(fmRenderer, line, offset));
    out = `---\n${lines.map((l) => `${l}\n`).join('')}${split.close}\n`;
  }
  const protect = target === 'jekyll' ? protectFromLiquid : target === 'hugo' ? protectFromHugo : (s: string) => s;
  for (const segment of parseSegments(source, split?.bodyFrom ?? 0)) {
    if (segment.kind === 'literal') out += segment.text;
    // A quoted text is the user's own template text (e.g. a shortcode they mean), not clip data.
    else if ('literal' in segment.head) out += toText(evaluate(r, segment));
    else out += protect(toText(evaluate(r, segment)));
  }
  return out;
}

function renderFileName(template: CustomTemplate, lookup: Lookup): string {
  const source: Source = { text: template.fileName, part: 'fileName' };
  const r: Renderer = { source, lookup, context: { inFrontMatter: false, flavor: flavorOf(template.target ?? 'gfm') } };
  const raw = parseSegments(source)
    .map((segment) => {
      if (segment.kind === 'literal') return segment.text;
      const value = evaluate(r, segment);
      // A date format may make folders (`YYYY/MM`); a slash in a title never does.
      return value.kind === 'date' ? value.text : toText(value).replace(/\//g, '--');
    })
    .join('');
  const path = safePath(raw);
  if (path === '') throw errorAt(source, 0, 'the file name is empty for this clip');
  return path;
}

/** Only the path the template gives a clip (cheap: the body is not converted). */
export function renderTemplatePath(template: CustomTemplate, clip: ExportClip, options: RenderOptions = {}): string {
  return renderFileName(template, lookupFor(clip, template, options));
}

/** The file the template makes of one clip. Throws a TemplateError (with its position) on a mistake. */
export function renderTemplate(template: CustomTemplate, clip: ExportClip, options: RenderOptions = {}): { path: string; text: string } {
  const lookup = lookupFor(clip, template, options);
  return { path: renderFileName(template, lookup), text: renderText(template, lookup) };
}

/** A clip with every field set, for checking a template before any real clip is at hand. */
const CHECK_CLIP: ExportClip = {
  id: 'check',
  url: 'https://news.example/2024/05/01/story.html',
  pageUrl: 'https://news.example/2024/05/01/story.html',
  title: 'A "checked": title',
  byline: 'A. Writer',
  source: 'Agency',
  siteName: 'Example News',
  lang: 'en',
  dir: 'ltr',
  excerpt: 'Summary.',
  leadImage: 'https://news.example/lead.jpg',
  publishedAt: Date.UTC(2024, 4, 1, 8),
  modifiedAt: Date.UTC(2024, 4, 1, 9),
  clippedAt: Date.UTC(2024, 4, 2),
  updatedAt: Date.UTC(2024, 4, 2),
  keywords: ['k'],
  tags: ['t'],
  note: 'n',
  contentHtml: '<p>Body.</p>',
};

/** Every mistake in a template (at most one per part), for the options page to show as the user types. */
export function checkTemplate(template: CustomTemplate): TemplateError[] {
  const lookup = lookupFor(CHECK_CLIP, template, { now: Date.UTC(2024, 4, 3), dryRun: true });
  const errors: TemplateError[] = [];
  for (const render of [renderText, renderFileName]) {
    try {
      render(template, lookup);
    } catch (error) {
      if (error instanceof TemplateError) errors.push(error);
      else throw error;
    }
  }
  return errors;
}
