// Reading the front matter of a post from any tool: Jekyll's rule for where it ends, and the
// `yaml` package to read it (YAML 1.1 syntax, as Jekyll's Psych reads it). Every scalar is read as
// text (the failsafe schema): the importer decides what is a date, and `title: 2024` or
// `author: yes` stay the words the file wrote.

import { parseDocument } from 'yaml';
import { reason, type Reason } from '../model/reasons';

export type FrontMatterRead =
  | { ok: true; data: Record<string, unknown>; body: string }
  /** `no-front-matter`: the file may still be a post of another shape; `broken-yaml`: it is not. */
  | { ok: false; kind: 'no-front-matter' | 'broken-yaml'; reason: Reason };

const OPEN = /^---[ \t]*\r?\n/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*$/;

export function readFrontMatter(text: string): FrontMatterRead {
  const open = OPEN.exec(text);
  if (!open) return { ok: false, kind: 'no-front-matter', reason: reason('import-no-front-matter') };
  const lines = text.slice(open[0].length).split('\n');
  const close = lines.findIndex((line) => CLOSE.test(line.replace(/\r$/, '')));
  if (close === -1) return { ok: false, kind: 'no-front-matter', reason: reason('import-front-matter-unclosed') };
  const source = lines.slice(0, close).join('\n');
  const doc = parseDocument(source, { version: '1.1', schema: 'failsafe', uniqueKeys: false, prettyErrors: true });
  const error = doc.errors[0];
  if (error) return { ok: false, kind: 'broken-yaml', reason: reason('import-broken-yaml', { detail: error.message.split('\n')[0] ?? '' }) };
  const data: unknown = doc.toJS({ maxAliasCount: 50 }) ?? {};
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, kind: 'broken-yaml', reason: reason('import-not-key-value') };
  }
  return { ok: true, data: data as Record<string, unknown>, body: lines.slice(close + 1).join('\n') };
}
