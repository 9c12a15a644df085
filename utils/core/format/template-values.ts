// The values a template works with, and the variables it can name.

/** A template value: text, a list (tags), an instant, a formatted date, or nothing (unknown). */
export type Value =
  | { kind: 'text'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'time'; ms: number }
  | { kind: 'date'; text: string }
  | { kind: 'none' };

export const NONE: Value = { kind: 'none' };
export const text = (s: string): Value => ({ kind: 'text', text: s });

/** How a value reads as text: lists joined with `, `, instants in ISO 8601 (UTC). */
export function toText(value: Value): string {
  switch (value.kind) {
    case 'text':
    case 'date':
      return value.text;
    case 'list':
      return value.items.join(', ');
    case 'time':
      return new Date(value.ms).toISOString();
    case 'none':
      return '';
  }
}

export function isEmpty(value: Value): boolean {
  if (value.kind === 'none') return true;
  if (value.kind === 'list') return value.items.length === 0;
  return value.kind !== 'time' && value.text === '';
}

export interface VariableInfo {
  name: string;
  kind: 'text' | 'list' | 'time';
  description: string;
}

/** Every variable a template may use, in the order the options page lists them. */
export const VARIABLES: readonly VariableInfo[] = [
  { name: 'title', kind: 'text', description: 'The headline (one line).' },
  { name: 'url', kind: 'text', description: "The article's URL (canonical when trustworthy)." },
  { name: 'page_url', kind: 'text', description: 'The address the page was clipped from.' },
  { name: 'site', kind: 'text', description: 'The site name (the host when the page names none).' },
  { name: 'author', kind: 'text', description: 'The byline, else the site name (as in the archive post).' },
  { name: 'byline', kind: 'text', description: 'The byline only; empty when the page names none.' },
  { name: 'source', kind: 'text', description: 'The outlet the page credits (e.g. a news agency); may be empty.' },
  { name: 'date', kind: 'time', description: 'The post date: published time when known, else the clip time.' },
  { name: 'published', kind: 'time', description: 'The published time; empty when unknown.' },
  { name: 'modified', kind: 'time', description: 'The last-modified time; empty when unknown.' },
  { name: 'clipped', kind: 'time', description: 'When the article was first clipped.' },
  { name: 'updated', kind: 'time', description: 'When it was last clipped again (else the clip time).' },
  { name: 'tags', kind: 'list', description: 'Your tags.' },
  { name: 'keywords', kind: 'list', description: "The page's own keywords." },
  { name: 'excerpt', kind: 'text', description: "The page's summary; may be empty." },
  { name: 'lang', kind: 'text', description: 'The language code (e.g. zh-CN); may be empty.' },
  { name: 'dir', kind: 'text', description: 'Text direction: ltr or rtl; may be empty.' },
  { name: 'lead_image', kind: 'text', description: 'The lead image URL; may be empty.' },
  { name: 'note', kind: 'text', description: 'Your note on the clip; may be empty.' },
  { name: 'id', kind: 'text', description: "The clip's id in the library." },
  { name: 'body', kind: 'text', description: 'The article as sanitized HTML (one line).' },
  { name: 'body_markdown', kind: 'text', description: 'The article as Markdown (tables, code, images, links).' },
];

export const VARIABLE_NAMES: ReadonlySet<string> = new Set(VARIABLES.map((v) => v.name));
