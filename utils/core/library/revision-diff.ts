import { htmlToText } from '../search/search-text';

// A short summary of what changed between two versions of an article: paragraphs added and
// removed, compared as text so that markup-only changes do not count.

const BLOCK_END = /<\/(?:p|h[1-6]|li|blockquote|pre|figcaption|td|th|div)>/gi;

export function paragraphsOf(html: string): string[] {
  return html
    .split(BLOCK_END)
    .map(htmlToText)
    .filter((text) => text.length > 0);
}

export function paragraphChanges(before: string, after: string): { added: number; removed: number } {
  const remaining = new Map<string, number>();
  for (const p of paragraphsOf(before)) remaining.set(p, (remaining.get(p) ?? 0) + 1);
  let added = 0;
  for (const p of paragraphsOf(after)) {
    const left = remaining.get(p) ?? 0;
    if (left > 0) remaining.set(p, left - 1);
    else added++;
  }
  const removed = [...remaining.values()].reduce((sum, n) => sum + n, 0);
  return { added, removed };
}
