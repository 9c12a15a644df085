// Reading the front matter of a post from any tool: Jekyll's rule for where it ends, and the
// `yaml` package to read it (YAML 1.1 syntax, as Jekyll's Psych reads it). Every scalar is read as
// text (the failsafe schema): the importer decides what is a date, and `title: 2024` or
// `author: yes` stay the words the file wrote.

import { parseDocument } from 'yaml';

export type FrontMatterRead =
  | { ok: true; data: Record<string, unknown>; body: string }
  | { ok: false; reason: 'no-front-matter' | 'broken-yaml'; message: string };

const OPEN = /^---[ \t]*\r?\n/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*$/;

export function readFrontMatter(text: string): FrontMatterRead {
  const open = OPEN.exec(text);
  if (!open) return { ok: false, reason: 'no-front-matter', message: 'The file has no front matter (it does not start with a --- line).' };
  const lines = text.slice(open[0].length).split('\n');
  const close = lines.findIndex((line) => CLOSE.test(line.replace(/\r$/, '')));
  if (close === -1) return { ok: false, reason: 'no-front-matter', message: 'The front matter is never closed by a --- line.' };
  // CRLF lines end in `\r` once split: a lone `\r` after the last line's `]` or `"` breaks the YAML.
  const source = lines.slice(0, close).map((line) => line.replace(/\r$/, '')).join('\n');
  const doc = parseDocument(source, { version: '1.1', schema: 'failsafe', uniqueKeys: false, prettyErrors: true });
  const error = doc.errors[0];
  if (error) return { ok: false, reason: 'broken-yaml', message: `The front matter is not valid YAML: ${error.message.split('\n')[0]}` };
  const data: unknown = doc.toJS({ maxAliasCount: 50 }) ?? {};
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, reason: 'broken-yaml', message: 'The front matter is not a list of `key: value` lines.' };
  }
  return { ok: true, data: data as Record<string, unknown>, body: lines.slice(close + 1).join('\n') };
}
