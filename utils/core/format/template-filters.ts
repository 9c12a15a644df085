// The filters of the template language: `{{ value | filter:arg,arg }}`.

import { formatDate } from './dates';
import { escapeHtml } from './html-text';
import { escapeMarkdownText, type MarkdownFlavor } from './markdown-escape';
import { isEmpty, NONE, text, toText, type Value } from './template-values';
import { yamlScalar } from './yaml';

export type FilterArg = string | number;

export interface FilterInfo {
  name: string;
  /** How it is written, for the help table. */
  usage: string;
  description: string;
  minArgs: number;
  maxArgs: number;
}

export interface FilterContext {
  /** True while rendering front matter, where the engine quotes every value itself. */
  inFrontMatter: boolean;
  /** The Markdown that reads the file (for the `markdown` filter). */
  flavor: MarkdownFlavor;
}

/** Applies `fn` to text, or to each item of a list. */
function eachText(value: Value, fn: (s: string) => string): Value {
  if (value.kind === 'list') return { kind: 'list', items: value.items.map(fn) };
  if (value.kind === 'none') return NONE;
  return text(fn(toText(value)));
}

/** Unicode letters and digits kept (a Chinese title keeps its characters), every other run a `-`. */
export function slugify(s: string): string {
  const slug = s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return Array.from(slug).slice(0, 80).join('').replace(/-+$/, '');
}

function truncate(s: string, length: number, suffix: string): string {
  const chars = Array.from(s);
  return chars.length <= length ? s : `${chars.slice(0, Math.max(0, length)).join('')}${suffix}`;
}

type Apply = (value: Value, args: FilterArg[], context: FilterContext) => Value;
interface FilterDef extends FilterInfo {
  apply: Apply;
}

const str = (arg: FilterArg | undefined, fallback: string) => (arg === undefined ? fallback : String(arg));

const DEFINITIONS: FilterDef[] = [
  {
    name: 'date',
    usage: 'date:"YYYY-MM-DD"',
    description: 'Formats a time in UTC (YYYY MM DD HH mm ss SSS, Z, [literal]); without a pattern, ISO 8601.',
    minArgs: 0,
    maxArgs: 1,
    apply: (value, [pattern]) => {
      if (value.kind === 'none') return NONE;
      if (value.kind !== 'time') throw new Error('date needs a time (date, published, modified, clipped, updated)');
      return { kind: 'date', text: formatDate(value.ms, str(pattern, 'iso')) };
    },
  },
  {
    name: 'default',
    usage: 'default:"text"',
    description: 'The given text when the value is empty or unknown.',
    minArgs: 1,
    maxArgs: 1,
    apply: (value, [fallback]) => (isEmpty(value) ? text(str(fallback, '')) : value),
  },
  { name: 'lower', usage: 'lower', description: 'Lower case.', minArgs: 0, maxArgs: 0, apply: (v) => eachText(v, (s) => s.toLowerCase()) },
  { name: 'upper', usage: 'upper', description: 'Upper case.', minArgs: 0, maxArgs: 0, apply: (v) => eachText(v, (s) => s.toUpperCase()) },
  { name: 'trim', usage: 'trim', description: 'Without surrounding spaces.', minArgs: 0, maxArgs: 0, apply: (v) => eachText(v, (s) => s.trim()) },
  {
    name: 'slug',
    usage: 'slug',
    description: 'Lower case, letters and digits of any script kept, other runs turned into `-` (at most 80 characters).',
    minArgs: 0,
    maxArgs: 0,
    apply: (v) => eachText(v, slugify),
  },
  {
    name: 'truncate',
    usage: 'truncate:50,"…"',
    description: 'At most that many characters, then the optional suffix.',
    minArgs: 1,
    maxArgs: 2,
    apply: (v, [length, suffix]) => eachText(v, (s) => truncate(s, Number(length), str(suffix, ''))),
  },
  {
    name: 'replace',
    usage: 'replace:"from","to"',
    description: 'Replaces every occurrence of a text.',
    minArgs: 2,
    maxArgs: 2,
    apply: (v, [from, to]) => eachText(v, (s) => s.split(str(from, '')).join(str(to, ''))),
  },
  {
    name: 'join',
    usage: 'join:", "',
    description: 'A list as one text, items separated by the given text (default `, `).',
    minArgs: 0,
    maxArgs: 1,
    apply: (v, [separator]) => (v.kind === 'list' ? text(v.items.join(str(separator, ', '))) : v),
  },
  { name: 'first', usage: 'first', description: 'The first item of a list.', minArgs: 0, maxArgs: 0, apply: (v) => (v.kind === 'list' ? (v.items[0] === undefined ? NONE : text(v.items[0])) : v) },
  { name: 'last', usage: 'last', description: 'The last item of a list.', minArgs: 0, maxArgs: 0, apply: (v) => (v.kind === 'list' ? (v.items.at(-1) === undefined ? NONE : text(v.items.at(-1) ?? '')) : v) },
  {
    name: 'yaml',
    usage: 'yaml',
    description: 'As a YAML value (quoted when needed). Front matter values get this automatically.',
    minArgs: 0,
    maxArgs: 0,
    apply: (v, _args, context) => (context.inFrontMatter ? v : text(yamlScalar(toText(v)))),
  },
  {
    name: 'markdown',
    usage: 'markdown',
    description: 'Escaped as Markdown text, so `*`, `[`, `#`… show as written (e.g. `# {{title|markdown}}`).',
    minArgs: 0,
    maxArgs: 0,
    apply: (v, _args, context) =>
      eachText(v, (s) => escapeMarkdownText(s.replace(/\s+/g, ' '), { flavor: context.flavor, lineStart: true })),
  },
  {
    name: 'html',
    usage: 'html',
    description: 'Escaped for HTML (& < > " \').',
    minArgs: 0,
    maxArgs: 0,
    apply: (v) => eachText(v, escapeHtml),
  },
  {
    name: 'json',
    usage: 'json',
    description: 'As a JSON value (a string, or an array for lists).',
    minArgs: 0,
    maxArgs: 0,
    apply: (v) => text(v.kind === 'list' ? JSON.stringify(v.items) : JSON.stringify(toText(v))),
  },
];

export const FILTERS: ReadonlyMap<string, FilterDef> = new Map(DEFINITIONS.map((f) => [f.name, f]));
export const FILTER_INFO: readonly FilterInfo[] = DEFINITIONS.map(({ apply: _apply, ...info }) => info);
