import { describe, it, expect } from 'vitest';
import { parseDocument } from 'yaml';
import { readDoubleQuoted, yamlDoubleQuoted, yamlFlowItem, yamlScalar } from './yaml';

const VERSIONS = ['1.2', '1.1'] as const;

/** Parses strictly: a warning (e.g. an unknown escape) fails the test like an error. */
function parseStrict(text: string, version: '1.1' | '1.2'): unknown {
  const doc = parseDocument(text, { version });
  expect(doc.errors, `errors parsing ${JSON.stringify(text)} as YAML ${version}`).toEqual([]);
  expect(doc.warnings, `warnings parsing ${JSON.stringify(text)} as YAML ${version}`).toEqual([]);
  return doc.toJS();
}

/** Strings that YAML would read as something else, or not at all, if written plain. */
const TRICKY = [
  '"',
  'say "hi"',
  '\\',
  'a\\b',
  ':',
  ': ',
  'a: b',
  'Example: News',
  'a:',
  ':sym',
  '#',
  '#x',
  'a #b',
  ' #',
  '{{ page.title }}',
  '{% raw %}',
  'yes',
  'Yes',
  'No',
  'ON',
  'off',
  'y',
  'N',
  'TRUE',
  'false',
  'null',
  'NULL',
  '~',
  '1:20',
  '190:20:30.15',
  '2023-06-18',
  '2023-6-8',
  '2001-12-14t21:59:43.10-05:00',
  '2001-12-14 21:59:43.10 -5',
  '0x1F',
  '0o17',
  '0b101',
  '017',
  '1_000',
  '1,000',
  '1e3',
  '1E+3',
  '3.14',
  '.5',
  '.',
  '+.',
  '.inf',
  '-.Inf',
  '.NaN',
  '42',
  '-7',
  '<<',
  '=',
  '-',
  '- x',
  '-x',
  '?',
  '? x',
  '[a]',
  'x]',
  '{a}',
  'a, b',
  'a,b',
  '@x',
  '`x',
  '%x',
  '!tag',
  '&anchor',
  '*alias',
  '|',
  '>',
  "'q'",
  '😀',
  'a😀b',
  'line\u2028sep',
  'para\u2029sep',
  'next\u0085line',
  'bom\ufeff',
  'tab\there',
  'new\nline',
  'cr\rlf\r\n',
  'nul\u0000',
  'esc\u001b',
  'del\u007f',
  'c1\u0090',
  'nbsp\u00a0inside',
  '\u00a0edge',
  ' leading space',
  'trailing space ',
  '',
  '大纪元',
  '布林肯和秦刚会面5个半小时 双方分歧未解',
  'https://www.epochtimes.com/gb/23/6/18/n14018244.htm',
  'https://example.com/a?b=c#frag',
  'Café',
  'AP',
  'BBC News',
];

describe('yamlDoubleQuoted', () => {
  it('escapes only what needs it, with the short escapes', () => {
    expect(yamlDoubleQuoted('say "hi" \\ 大纪元 😀')).toBe('"say \\"hi\\" \\\\ 大纪元 😀"');
    expect(yamlDoubleQuoted('\u0000\u0007\b\t\n\v\f\r\u001b')).toBe('"\\0\\a\\b\\t\\n\\v\\f\\r\\e"');
    expect(yamlDoubleQuoted('\u0001\u007f\u0090')).toBe('"\\x01\\x7F\\x90"');
    expect(yamlDoubleQuoted('\u0085\u2028\u2029')).toBe('"\\N\\L\\P"');
    expect(yamlDoubleQuoted('\ufeff\ufffe\uffff')).toBe('"\\uFEFF\\uFFFE\\uFFFF"');
  });

  it('writes a lone surrogate, which has no UTF-8 form, as U+FFFD', () => {
    expect(yamlDoubleQuoted('a\ud800b\udc00')).toBe('"a\\uFFFDb\\uFFFD"');
  });

  it.each(VERSIONS)('reads back as the same string under YAML %s', (version) => {
    for (const s of TRICKY) {
      expect(parseStrict(`v: ${yamlDoubleQuoted(s)}\n`, version)).toEqual({ v: s });
    }
  });

  it('is read back by readDoubleQuoted', () => {
    for (const s of TRICKY) expect(readDoubleQuoted(yamlDoubleQuoted(s))).toBe(s);
    expect(readDoubleQuoted('"\\u00e9\\U0001F600\\_\\/"')).toBe('é😀\u00a0/');
    expect(readDoubleQuoted('"unterminated')).toBeUndefined();
    expect(readDoubleQuoted('"bad \\q escape"')).toBeUndefined();
    expect(readDoubleQuoted('plain')).toBeUndefined();
  });
});

describe('yamlScalar', () => {
  it.each(VERSIONS)('reads back as the same string under YAML %s', (version) => {
    for (const s of TRICKY) {
      expect(parseStrict(`v: ${yamlScalar(s)}\n`, version)).toEqual({ v: s });
    }
  });

  it('writes ordinary values plain, as the archives do', () => {
    const plain = ['大纪元', 'https://www.epochtimes.com/gb/23/6/18/n14018244.htm', 'BBC News', 'a:b', 'a#b'];
    plain.push('Café', '😀', '2023年');
    for (const s of plain) expect(yamlScalar(s)).toBe(s);
  });

  it('quotes what YAML 1.1 or 1.2 would read as another type or another string', () => {
    const quoted = ['Example: News', 'yes', 'No', 'null', '~', '1:20', '2023-06-18', '0x1F', '1e3', '.inf', '<<', '='];
    quoted.push('', ' x', 'x ', 'a #b', 'a:', '-', '@x', 'tab\there', 'line\u2028sep');
    for (const s of quoted) expect(yamlScalar(s)).toBe(yamlDoubleQuoted(s));
  });
});

describe('yamlFlowItem', () => {
  it.each(VERSIONS)('reads back as the same one-item list under YAML %s', (version) => {
    for (const s of TRICKY) {
      expect(parseStrict(`v: [ ${yamlFlowItem(s)} ]\n`, version)).toEqual({ v: [s] });
    }
  });

  it('reads back inside a list of several items', () => {
    const items = TRICKY.filter((s) => s !== '');
    const text = `v: [ ${items.map(yamlFlowItem).join(', ')} ]\n`;
    for (const version of VERSIONS) expect(parseStrict(text, version)).toEqual({ v: items });
  });

  it('quotes flow indicators and colons that a block value may keep plain', () => {
    for (const s of ['a,b', 'x]', 'a{b}', 'a:b', 'https://example.com/']) {
      expect(yamlScalar(s)).toBe(s);
      expect(yamlFlowItem(s)).toBe(yamlDoubleQuoted(s));
    }
    expect(yamlFlowItem('大纪元')).toBe('大纪元');
  });
});
