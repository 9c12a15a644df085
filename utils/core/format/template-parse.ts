// Parsing the template language: literal text and `{{ value | filter:arg,arg }}` expressions, with
// every error reported at its line and column.

import { FILTERS, type FilterArg } from './template-filters';
import { VARIABLE_NAMES } from './template-values';

/** Which part of a custom template an error is in. */
export type TemplatePart = 'text' | 'fileName';

export class TemplateError extends Error {
  constructor(
    message: string,
    readonly part: TemplatePart,
    /** Offset in the part's source. */
    readonly index: number,
    /** 1-based. */
    readonly line: number,
    /** 1-based, in UTF-16 code units. */
    readonly column: number,
  ) {
    super(`${part === 'fileName' ? 'File name' : 'Template'}, line ${line}, column ${column}: ${message}`);
    this.name = 'TemplateError';
  }
}

export interface Source {
  text: string;
  part: TemplatePart;
}

export function errorAt(source: Source, index: number, message: string): TemplateError {
  const before = source.text.slice(0, index);
  const line = before.split('\n').length;
  const column = index - (before.lastIndexOf('\n') + 1) + 1;
  return new TemplateError(message, source.part, index, line, column);
}

export interface FilterCall {
  name: string;
  args: FilterArg[];
  index: number;
}

export interface Expression {
  kind: 'expression';
  /** A variable name, or a string literal's value. */
  head: { variable: string } | { literal: string };
  filters: FilterCall[];
  /** Offsets of `{{` and just after `}}`. */
  start: number;
  end: number;
}

export interface Literal {
  kind: 'literal';
  text: string;
  start: number;
}

export type Segment = Literal | Expression;

const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /-?\d+/y;
const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', '\\': '\\', '"': '"', "'": "'" };

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    let diagonal = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const above = row[j] ?? 0;
      row[j] = Math.min(above + 1, (row[j - 1] ?? 0) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length] ?? 0;
}

function suggestion(name: string, known: Iterable<string>): string {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const d = distance(name.toLowerCase(), candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best === undefined ? '' : ` (did you mean "${best}"?)`;
}

/** Reads one expression starting just after `{{` at `open`. */
class ExpressionReader {
  private i: number;

  constructor(
    private readonly source: Source,
    private readonly open: number,
  ) {
    this.i = open + 2;
  }

  private get s(): string {
    return this.source.text;
  }

  private skipSpace(): void {
    while (this.i < this.s.length && /[ \t\r\n]/.test(this.s[this.i] ?? '')) this.i += 1;
  }

  private fail(message: string, at = this.i): never {
    throw errorAt(this.source, at, message);
  }

  private ident(): string | undefined {
    IDENT.lastIndex = this.i;
    const match = IDENT.exec(this.s);
    if (!match) return undefined;
    this.i += match[0].length;
    return match[0];
  }

  private string(): string | undefined {
    const quote = this.s[this.i];
    if (quote !== '"' && quote !== "'") return undefined;
    const start = this.i;
    let out = '';
    this.i += 1;
    while (this.i < this.s.length) {
      const ch = this.s[this.i] ?? '';
      if (ch === quote) {
        this.i += 1;
        return out;
      }
      if (ch === '\\') {
        const next = this.s[this.i + 1] ?? '';
        out += ESCAPES[next] ?? `\\${next}`;
        this.i += 2;
      } else {
        out += ch;
        this.i += 1;
      }
    }
    return this.fail('this text has no closing quote', start);
  }

  private argument(): FilterArg {
    const s = this.string();
    if (s !== undefined) return s;
    NUMBER.lastIndex = this.i;
    const match = NUMBER.exec(this.s);
    if (match) {
      this.i += match[0].length;
      return Number(match[0]);
    }
    return this.fail('expected a "quoted text" or a number as the filter argument');
  }

  read(): Expression {
    this.skipSpace();
    let head: Expression['head'];
    const headAt = this.i;
    const literal = this.string();
    if (literal !== undefined) {
      head = { literal };
    } else {
      const name = this.ident();
      if (name === undefined) this.fail(this.s.startsWith('}}', this.i) ? 'empty {{ }}' : 'expected a variable name');
      if (!VARIABLE_NAMES.has(name)) this.fail(`unknown variable "${name}"${suggestion(name, VARIABLE_NAMES)}`, headAt);
      head = { variable: name };
    }
    const filters: FilterCall[] = [];
    for (;;) {
      this.skipSpace();
      if (this.s.startsWith('}}', this.i)) {
        this.i += 2;
        return { kind: 'expression', head, filters, start: this.open, end: this.i };
      }
      if (this.i >= this.s.length) this.fail('this {{ is never closed with }}', this.open);
      if (this.s[this.i] !== '|') this.fail('expected | or }}');
      this.i += 1;
      this.skipSpace();
      const at = this.i;
      const name = this.ident();
      if (name === undefined) this.fail('expected a filter name after |');
      const filter = FILTERS.get(name);
      if (!filter) this.fail(`unknown filter "${name}"${suggestion(name, FILTERS.keys())}`, at);
      const args: FilterArg[] = [];
      this.skipSpace();
      if (this.s[this.i] === ':') {
        this.i += 1;
        for (;;) {
          this.skipSpace();
          args.push(this.argument());
          this.skipSpace();
          if (this.s[this.i] !== ',') break;
          this.i += 1;
        }
      }
      if (args.length < filter.minArgs || args.length > filter.maxArgs) {
        const expected = filter.minArgs === filter.maxArgs ? `${filter.minArgs}` : `${filter.minArgs} to ${filter.maxArgs}`;
        const plural = filter.minArgs === 1 && filter.maxArgs === 1 ? '' : 's';
        this.fail(`filter "${name}" takes ${expected} argument${plural} (${filter.usage})`, at);
      }
      filters.push({ name, args, index: at });
    }
  }
}

/**
 * Splits `source.text[from, to)` into literal text and expressions. Offsets stay those of the
 * whole source, so errors point into what the user wrote.
 */
export function parseSegments(source: Source, from = 0, to = source.text.length): Segment[] {
  const segments: Segment[] = [];
  let i = from;
  while (i < to) {
    const open = source.text.indexOf('{{', i);
    if (open === -1 || open >= to) {
      segments.push({ kind: 'literal', text: source.text.slice(i, to), start: i });
      break;
    }
    if (open > i) segments.push({ kind: 'literal', text: source.text.slice(i, open), start: i });
    const expression = new ExpressionReader(source, open).read();
    if (expression.end > to) throw errorAt(source, open, 'an expression cannot span lines here');
    segments.push(expression);
    i = expression.end;
  }
  return segments;
}
