// Whether an engine's metadata field agrees with the corpus's label (expected-metadata.json), for
// `bench/corpus.ts`. The same rules for every engine. Texts compare after NFKC, whitespace folded
// and case ignored; a title also agrees when one side is the other with a site name after or
// before a separator ("Story | Site" against "Story"), which engines keep or drop by design; a
// byline agrees without a leading "By"; a published time agrees within a minute, or on the day
// when the label gives only a day.

export type Field = 'title' | 'byline' | 'publishedTime' | 'siteName';
export const FIELDS: readonly Field[] = ['title', 'byline', 'publishedTime', 'siteName'];

const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
const SEPARATED = /^\s*(?:[-–—|｜·•:»_/]|::)\s*\S/u;

function sameTitle(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  if (!short) return false;
  if (long.startsWith(short) && SEPARATED.test(long.slice(short.length))) return true;
  return long.endsWith(short) && SEPARATED.test([...long.slice(0, long.length - short.length)].reverse().join(''));
}

const byline = (s: string) => s.replace(/^by\s+/, '').replace(/[\s,.;:]+$/, '');

const DAY_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function sameTime(value: string | number, label: string): boolean {
  const ms = typeof value === 'number' ? value : Date.parse(value);
  const expected = Date.parse(label);
  if (Number.isNaN(ms) || Number.isNaN(expected)) return false;
  if (DAY_ONLY.test(label.trim())) return new Date(ms).toISOString().slice(0, 10) === label.trim();
  return Math.abs(ms - expected) <= 60_000;
}

/**
 * Whether `value` agrees with `label` on `field`. Undefined when the page has no label for the
 * field (those pages are not counted).
 */
export function agrees(field: Field, value: string | number | null | undefined, label: string | null | undefined): boolean | undefined {
  if (label === null || label === undefined || !label.trim()) return undefined;
  if (value === null || value === undefined || value === '') return false;
  if (field === 'publishedTime') return sameTime(value, label);
  const [v, l] = [norm(String(value)), norm(label)];
  if (field === 'title') return sameTitle(v, l);
  if (field === 'byline') return byline(v) === byline(l);
  return v === l;
}
