// Reading the front matter of a post from any tool: Jekyll's rule for where it ends, and the
// `yaml` package to read it (YAML 1.1 syntax, as Jekyll's Psych reads it). Every scalar is read as
// text (the failsafe schema): the importer decides what is a date, and `title: 2024` or
// `author: yes` stay the words the file wrote.
//
// A file may be hostile: aliases that expand to gigabytes, thousands of keys, nesting that
// exhausts the stack. Each is refused with its reason before it costs more than a few
// milliseconds, and nothing here throws for any text.

import { parseDocument } from 'yaml';
import { reason, type Reason } from '../model/reasons';

/** How the front matter was mended so it could be read (the old generator's known faults). */
export type FrontMatterRepair = 'title-line-break' | 'title-backslash';

export type FrontMatterRead =
  | { ok: true; data: Record<string, unknown>; body: string; repairs: FrontMatterRepair[] }
  /** `no-front-matter`: the file may still be a post of another shape; `broken-yaml`: it is not. */
  | { ok: false; kind: 'no-front-matter' | 'broken-yaml'; reason: Reason };

export const FRONT_MATTER_LIMITS = {
  /** Keys and list items in all maps and lists together; real posts have a few dozen. */
  entries: 1000,
  /** Levels of maps and lists inside one another. */
  depth: 20,
} as const;

// Brackets may stand in plain text (`author: a [b`), so before parsing only this many count as
// too deep: past it the parser spends seconds before it gives up on its stack.
const BRACKETS_BEFORE_PARSING = 500;
const MAX_ALIASES = 50;

const OPEN = /^---[ \t]*\r?\n/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*$/;
// One character class after another that never overlap, so a long line cannot make it backtrack.
const KEY_LINE = /^\s*(?:-\s+)?[^\s#:[\]{},-][^:]*:(?:\s|$)/;

const tooDeep = (): FrontMatterRead => ({
  ok: false,
  kind: 'broken-yaml',
  reason: reason('import-too-deep', { limit: FRONT_MATTER_LIMITS.depth }),
});
const tooManyKeys = (): FrontMatterRead => ({
  ok: false,
  kind: 'broken-yaml',
  reason: reason('import-too-many-keys', { limit: FRONT_MATTER_LIMITS.entries }),
});

// `- - - x` is a list in a list in a list: the parser takes seconds for a line of them.
const LEADING_DASHES = /^(?:[ \t]*-(?=[ \t]|$))*/;

/**
 * Upper bounds on nesting and entries, found in one pass without parsing: brackets and commas
 * outside quotes, a line's leading dashes, and lines that look like `key:`.
 */
function measure(source: string, lines: string[]): { brackets: number; dashes: number; entries: number } {
  let depth = 0;
  let brackets = 0;
  let entries = 0;
  let quote = '';
  for (let i = 0; i < source.length; i += 1) {
    const c = source[i];
    if (quote) {
      if (c === '\\' && quote === '"') i += 1;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') brackets = Math.max(brackets, ++depth);
    else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth > 0) entries += 1;
  }
  let dashes = 0;
  for (const line of lines) {
    const leading = (LEADING_DASHES.exec(line)?.[0].match(/-/g) ?? []).length;
    dashes = Math.max(dashes, leading);
    entries += leading + (KEY_LINE.test(line) ? 1 : 0);
  }
  return { brackets, dashes, entries };
}

/** Which limit the data passes, walking it without recursion (aliases may make it cyclic). */
function overLimit(data: unknown): 'entries' | 'depth' | undefined {
  let entries = 0;
  const stack: [unknown, number][] = [[data, 0]];
  while (stack.length > 0) {
    const [value, level] = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (level > FRONT_MATTER_LIMITS.depth) return 'depth';
    const children = Array.isArray(value) ? (value as unknown[]) : Object.values(value);
    entries += children.length;
    if (entries > FRONT_MATTER_LIMITS.entries) return 'entries';
    for (const child of children) stack.push([child, level + 1]);
  }
  return undefined;
}

const TITLE_OPEN = /^title:[ \t]*"/;
const TOP_LEVEL_KEY = /^[A-Za-z_][\w-]*:(?:[ \t]|$)/;
const CLOSING_QUOTE = /"[ \t]*$/;

interface GeneratorTitle {
  /** The lines the title spans. */
  start: number;
  end: number;
  title: string;
  repairs: FrontMatterRepair[];
}

/**
 * The title as the archive's old generator wrote it: `"`, the title with only `"` escaped (as
 * `\"`), `"`. A line break or a backslash in the title went in raw, which YAML reads as a broken
 * string or a bad escape; reading it back only undoes the `\"`. The title ends at the first
 * closing quote that a top-level key (or the end of the front matter) follows.
 */
function generatorTitle(lines: string[]): GeneratorTitle | undefined {
  const start = lines.findIndex((line) => TITLE_OPEN.test(line));
  if (start === -1) return undefined;
  for (let end = start; end < lines.length; end += 1) {
    const line = lines[end]!;
    const closes = CLOSING_QUOTE.test(line) && (end > start || line.indexOf('"') < line.lastIndexOf('"'));
    const next = lines[end + 1];
    if (!closes || (next !== undefined && !TOP_LEVEL_KEY.test(next))) continue;
    const text = lines.slice(start, end + 1).join('\n');
    const written = text.slice(text.indexOf('"') + 1, text.lastIndexOf('"'));
    const repairs: FrontMatterRepair[] = [];
    if (end > start) repairs.push('title-line-break');
    if (/\\(?!")|\\$/.test(written)) repairs.push('title-backslash');
    return { start, end, title: written.replace(/\\"/g, '"'), repairs };
  }
  return undefined;
}

// ——— the usual front matter, read without the parser ———
// Nearly every post an archive holds has front matter of one-line `key: value` entries: a quoted
// title, plain dates and addresses, `[ a, b ]` lists. Those are read here in a few microseconds
// (the parser takes about half a millisecond a post, a tenth of an import's time on the page).
// Anything else, or anything in doubt, is left to the parser: the test holds this reading to
// the parser's on every line it accepts (front-matter-read.property.test.ts).

const SIMPLE_KEY = /^([A-Za-z_][\w-]*):(?:[ \t]+(.*))?$/;
const DOUBLE_QUOTED = /^"((?:[^"\\]|\\["\\])*)"[ \t]*$/;
const SINGLE_QUOTED = /^'((?:[^']|'')*)'[ \t]*$/;
const FLOW_LIST = /^\[([^[\]{}]*)\][ \t]*$/;
// Control characters (but the tab), which YAML does not allow as they are, the characters YAML 1.1
// reads as line breaks (NEL, LS, PS), and the byte-order mark.
// eslint-disable-next-line no-control-regex -- finding them is the point
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;
// A plain value: no indicator first, no tab, no `: ` or ` #` inside, not ending with `:`.
const PLAIN = /^[^\s\-?:,[\]{}#&*!|>'"%@`](?:[^:#\t]|:(?=\S)|(?<=\S)#)*$/;
const PLAIN_ITEM = /^[^\s\-?:,[\]{}#&*!|>'"%@`][^,:#\t[\]{}"']*$/;

/** A value written on its line as one of the usual shapes: its text (or list), else undefined. */
function simpleValue(written: string | undefined): string | string[] | undefined {
  if (written === undefined) return '';
  const value = written.replace(/[ \t]+$/, '');
  if (value === '') return '';
  if (CONTROL.test(value)) return undefined;
  if (value[0] === '"') return DOUBLE_QUOTED.exec(value)?.[1]!.replace(/\\(["\\])/g, '$1');
  if (value[0] === "'") return SINGLE_QUOTED.exec(value)?.[1]!.replace(/''/g, "'");
  if (value[0] === '[') {
    const inner = FLOW_LIST.exec(value)?.[1];
    if (inner === undefined) return undefined;
    if (inner.trim() === '') return [];
    const items = inner.split(',').map((item) => item.trim());
    return items.every((item) => PLAIN_ITEM.test(item)) ? items : undefined;
  }
  return PLAIN.test(value) ? value : undefined;
}

/** Front matter made only of the usual one-line entries, read; undefined for anything else. */
export function simpleFrontMatter(lines: readonly string[]): Record<string, unknown> | undefined {
  const data: Record<string, unknown> = {};
  for (const line of lines) {
    const entry = SIMPLE_KEY.exec(line);
    if (!entry) return undefined;
    const key = entry[1]!;
    const value = simpleValue(entry[2]);
    if (value === undefined || key === '__proto__') return undefined;
    data[key] = value;
  }
  return data;
}

type Parsed = ReturnType<typeof parseDocument>;
const parse = (source: string): Parsed => parseDocument(source, { version: '1.1', schema: 'failsafe', uniqueKeys: false, prettyErrors: true });

export function readFrontMatter(text: string): FrontMatterRead {
  const open = OPEN.exec(text);
  if (!open) return { ok: false, kind: 'no-front-matter', reason: reason('import-no-front-matter') };
  const lines = text.slice(open[0].length).split('\n');
  const close = lines.findIndex((line) => CLOSE.test(line.replace(/\r$/, '')));
  if (close === -1) return { ok: false, kind: 'no-front-matter', reason: reason('import-front-matter-unclosed') };
  // Without their CR, or the last line's value would keep it.
  const fmLines = lines.slice(0, close).map((line) => line.replace(/\r$/, ''));
  const source = fmLines.join('\n');
  // Measured before parsing, which costs about 30 µs an entry and far more a level.
  const measured = measure(source, fmLines);
  if (measured.entries > FRONT_MATTER_LIMITS.entries) return tooManyKeys();
  if (measured.brackets > BRACKETS_BEFORE_PARSING || measured.dashes > FRONT_MATTER_LIMITS.depth) return tooDeep();
  const simple = simpleFrontMatter(fmLines);
  if (simple) {
    if (overLimit(simple) === 'entries') return tooManyKeys();
    return { ok: true, data: simple, body: lines.slice(close + 1).join('\n'), repairs: [] };
  }

  let doc = parse(source);
  let repaired: GeneratorTitle | undefined;
  if (doc.errors.some((e) => e.code === 'RESOURCE_EXHAUSTION')) return tooDeep();
  const error = doc.errors[0];
  if (error) {
    // Mended only in the old generator's known ways: a title that parses in their place proves it.
    repaired = generatorTitle(fmLines);
    const mended =
      repaired && repaired.repairs.length > 0
        ? parse([...fmLines.slice(0, repaired.start), 'title: ""', ...fmLines.slice(repaired.end + 1)].join('\n'))
        : undefined;
    if (!mended || mended.errors.length > 0) {
      return { ok: false, kind: 'broken-yaml', reason: reason('import-broken-yaml', { detail: error.message.split('\n')[0] ?? '' }) };
    }
    doc = mended;
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES }) ?? {};
  } catch (thrown) {
    // The `yaml` package's guard against "billion laughs": an alias expanding past the count.
    if (!(thrown instanceof Error) || !/alias/i.test(thrown.message)) throw thrown;
    return {
      ok: false,
      kind: 'broken-yaml',
      reason: reason('import-yaml-aliases'),
    };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, kind: 'broken-yaml', reason: reason('import-not-key-value') };
  }
  const over = overLimit(data);
  if (over === 'depth') return tooDeep();
  if (over === 'entries') return tooManyKeys();
  const record = data as Record<string, unknown>;
  if (repaired) record.title = repaired.title;
  return { ok: true, data: record, body: lines.slice(close + 1).join('\n'), repairs: repaired?.repairs ?? [] };
}
