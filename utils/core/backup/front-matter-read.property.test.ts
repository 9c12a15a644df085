// The front matter read without the parser (`simpleFrontMatter`) must read exactly what the parser
// reads, on every input it accepts: lines made of the usual shapes and of everything that comes
// close to them (quotes, escapes, colons, hashes, brackets, tabs, indicators, control characters).
// And it must accept the usual posts, or it saves nothing.
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED, generateArchive } from '../../../test/harness/archive-generator';
import { readFrontMatter, simpleFrontMatter } from './front-matter-read';

/** What the parser reads, as readFrontMatter asks it; undefined where it reports an error. */
function parsed(lines: string[]): unknown {
  const doc = parseDocument(lines.join('\n'), { version: '1.1', schema: 'failsafe', uniqueKeys: false });
  return doc.errors.length > 0 ? undefined : (doc.toJS() ?? {});
}

const piece = fc.constantFrom(
  ...['a', 'Z', '香港', '习近平', ' ', '  ', '\t', ':', ': ', ' :', '#', ' #', '# ', '"', "'", "''", '\\', '\\"', '\\\\', '\\n', '\\u4e00'],
  ...['[', ']', '{', '}', ',', ', ', '-', '- ', '?', '&', '*', '!', '|', '>', '%', '@', '`', '~', 'null', 'True', 'yes', '2023-06-18T15:48:21.000Z'],
  ...['https://a.example/x?b=c#d', '\u0000', '\u0007', '\u0085', '\u2028', '\ufeff', '😀', '\r', '<<', '0x1F', '1e3', '.inf'],
);
const text = fc.array(piece, { maxLength: 8 }).map((parts) => parts.join(''));
const key = fc.oneof(fc.constantFrom('title', 'date', 'from', 'tags', 'layout', 'a-b', '_x', 'comments', '__proto__', 'y', 'on'), text);
const value = fc.oneof(
  text,
  text.map((t) => `"${t}"`),
  text.map((t) => `'${t}'`),
  fc.array(text, { maxLength: 4 }).map((items) => `[${items.join(',')}]`),
  fc.array(text, { maxLength: 4 }).map((items) => `[ ${items.join(', ')} ]`),
);
const line = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(key, fc.constantFrom(':', ': ', ':  ', ':\t', ' : '), value).map(([k, sep, v]) => `${k}${sep}${v}`) },
  { weight: 1, arbitrary: text },
);

describe('simpleFrontMatter', () => {
  it('reads what the parser reads, on every front matter it accepts', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.array(line, { maxLength: 6 }), (lines) => {
        const simple = simpleFrontMatter(lines);
        if (simple === undefined) return;
        accepted++;
        expect(simple).toEqual(parsed(lines));
      }),
      { numRuns: 20_000 },
    );
    // Enough of the near misses are accepted for the comparison to mean something.
    expect(accepted).toBeGreaterThan(1000);
  });

  it('accepts the usual shapes, read as the parser reads them', () => {
    const usual = [
      ['layout: post', 'title: "布林肯和秦刚会面5个半小时 双方分歧未解"', 'date: 2023-06-18T15:48:21.000Z', 'author: 大纪元', 'from: https://www.epochtimes.com/gb/23/6/18/n14018244.htm', 'tags: [ 大纪元 ]', 'comments: True', 'categories: [ 大纪元 ]'],
      ['title: "  two  spaces  and \\"quotes\\" "', "note: 'it''s'", 'empty:', 'list: []', 'tags: [a, b c, 中文]', 'when: 2020-06-18 15:48:21 +0800'],
      [],
    ];
    for (const lines of usual) {
      expect(simpleFrontMatter(lines)).toBeDefined();
      expect(simpleFrontMatter(lines)).toEqual(parsed(lines));
    }
  });

  it('leaves to the parser what it does not read for certain', () => {
    for (const lines of [['title: "a\\nb"'], ['title: folded', '  more'], ['# a comment'], ['x: &a b'], ['x: a: b'], ['x: [a, [b]]'], ['x: - a'], ['']]) {
      expect(simpleFrontMatter(lines)).toBeUndefined();
    }
  });

  it('reads every post of a generated archive as the parser does, nearly all of them without it', () => {
    let simple = 0;
    let posts = 0;
    for (const post of generateArchive({ posts: 2000, seed: DEFAULT_SEED })) {
      posts++;
      const read = readFrontMatter(post.text);
      const lines = post.text.split('\n');
      const fm = lines.slice(1, lines.indexOf('---', 1)).map((l) => l.replace(/\r$/, ''));
      const fast = simpleFrontMatter(fm);
      if (fast) {
        simple++;
        expect(read).toMatchObject({ ok: true, data: parsed(fm) });
      }
    }
    expect(simple / posts).toBeGreaterThan(0.9);
  });
});
