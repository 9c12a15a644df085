// GFM tables for Turndown. Every plain table becomes a GFM table, one without a header row too,
// with `|` and line breaks in cells escaped (they would split or end the table); only tables
// Markdown cannot express are kept as HTML.

import type TurndownService from 'turndown';
import { isElement, someDescendant } from './html-parser';

// Separators between cells and rows while Turndown assembles a table's content; control
// characters never survive in cell text (markdown-escape removes them).
const CELL = '\u001f';
const ROW = '\u001e';
const CAPTION = '\u001d';

/** The attribute that marks a table to keep as HTML; set before conversion, removed on output. */
export const KEEP_AS_HTML = 'data-markdown-keep';

// Block content a GFM cell (one line of inline Markdown) cannot hold.
const BLOCK_CONTENT = new Set([
  'TABLE', 'UL', 'OL', 'PRE', 'BLOCKQUOTE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'FIGURE', 'HR', 'DL', 'ADDRESS', 'ARTICLE',
  'ASIDE', 'DETAILS', 'FIELDSET', 'FOOTER', 'HEADER', 'MAIN', 'NAV', 'SECTION',
]);

const spans = (cell: Element) => Number(cell.getAttribute('rowspan') ?? '1') > 1 || Number(cell.getAttribute('colspan') ?? '1') > 1;

/** A table a GFM table can hold: no merged cells, no lists, code blocks or tables inside. */
export function isPlainTable(table: Element): boolean {
  return !someDescendant(table, (el) => BLOCK_CONTENT.has(el.nodeName) || ((el.nodeName === 'TD' || el.nodeName === 'TH') && spans(el)));
}

/** The table's first row (in a section or directly in the table). */
function firstRow(table: Element): Element | undefined {
  for (const child of table.children) {
    if (child.nodeName === 'TR') return child;
    if (['THEAD', 'TBODY', 'TFOOT'].includes(child.nodeName)) {
      const row = [...child.children].find((r) => r.nodeName === 'TR');
      if (row) return row;
    }
  }
  return undefined;
}

function isHeaderRow(row: Element): boolean {
  if (row.parentElement?.nodeName === 'THEAD') return true;
  const cells = [...row.children];
  return cells.length > 0 && cells.every((c) => c.nodeName === 'TH');
}

// Unescaped pipes end a cell even inside code spans and link targets; text pipes arrive escaped.
function escapePipes(content: string): string {
  return content.replace(/(\\*)\|/g, (match, slashes: string) => (slashes.length % 2 === 1 ? match : `${slashes}\\|`));
}

function cellText(content: string): string {
  const oneLine = content.trim().replace(/\s*\n+\s*/g, '<br>');
  return escapePipes(oneLine) || ' ';
}

const ALIGN: Readonly<Record<string, string>> = { left: ':---', right: '---:', center: ':---:' };

function buildTable(content: string, firstRowIsHeader: boolean, alignments: string[]): string {
  let caption = '';
  const rows: string[][] = [];
  for (const part of content.split(ROW)) {
    if (part.startsWith(CAPTION)) caption = part.slice(CAPTION.length).trim();
    else if (part.includes(CELL)) rows.push(part.split(CELL).slice(1));
  }
  if (rows.length === 0) return caption ? `\n\n${caption}\n\n` : '';
  const width = Math.max(...rows.map((r) => r.length));
  const line = (cells: string[]) =>
    `| ${Array.from({ length: width }, (_, i) => cells[i] ?? ' ').join(' | ')} |`;
  // GFM needs a header row; a table without one gets an empty header rather than promoting data.
  const header = firstRowIsHeader ? (rows.shift() ?? []) : [];
  const delimiter = `| ${Array.from({ length: width }, (_, i) => ALIGN[alignments[i] ?? ''] ?? '---').join(' | ')} |`;
  const lines = [line(header), delimiter, ...rows.map(line)];
  return `\n\n${caption ? `${caption}\n\n` : ''}${lines.join('\n')}\n\n`;
}

export function tableRules(service: TurndownService): void {
  service.addRule('tableCellPlain', {
    filter: ['th', 'td'],
    replacement: (content) => CELL + cellText(content),
  });
  service.addRule('tableRowPlain', {
    filter: 'tr',
    replacement: (content) => ROW + content.replace(/^\n+|\n+$/g, ''),
  });
  service.addRule('tableSectionPlain', {
    filter: ['thead', 'tbody', 'tfoot'],
    replacement: (content) => content,
  });
  service.addRule('tableCaption', {
    filter: 'caption',
    replacement: (content) => ROW + CAPTION + content.replace(/\s*\n+\s*/g, ' '),
  });
  service.addRule('tablePlain', {
    filter: 'table',
    replacement: (content, node) => {
      const table = node as HTMLTableElement;
      if (table.hasAttribute(KEEP_AS_HTML)) {
        table.removeAttribute(KEEP_AS_HTML);
        // One line: a blank line would end the HTML block in CommonMark.
        return `\n\n${table.outerHTML.replace(/\r?\n/g, '&#10;')}\n\n`;
      }
      const first = firstRow(table);
      const alignments = first ? [...first.children].filter(isElement).map((c) => (c.getAttribute('align') ?? '').toLowerCase()) : [];
      return buildTable(content, first !== undefined && isHeaderRow(first), alignments);
    },
  });
}
