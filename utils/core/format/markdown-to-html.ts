// Markdown to HTML for imported posts: the library stores articles as HTML, so a Markdown body is
// read back into HTML (then sanitized and normalised by the importer like a clipped page). marked
// reads CommonMark with GitHub's extensions: tables, task lists, strikethrough and autolinks.

import { Marked } from 'marked';

const markdown = new Marked({
  async: false,
  gfm: true,
  tokenizer: {
    // GFM's extended autolinks (a bare `www.…`, `https://…` or address) stay text: the exporter
    // writes a page's unlinked URL text as it is, and reading it back as a link would change the
    // article on every export and import. `<https://…>` autolinks are read.
    url: () => undefined,
  },
  renderer: {
    // A stored body holds no form controls (the sanitizer drops `<input>`), so a task's box is
    // kept as the text it was written as.
    checkbox: ({ checked }) => (checked ? '[x] ' : '[ ] '),
  },
});

/** HTML for a Markdown document (not sanitized: the caller sanitizes). */
export function markdownToHtml(source: string): string {
  return markdown.parse(source, { async: false });
}
