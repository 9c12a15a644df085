// Test helper: fast-check generators for the text fields of a clip, biased towards everything
// that breaks front matter (YAML indicators, quotes, escapes, line breaks of YAML 1.1, words YAML
// reads as booleans, numbers or dates, right-to-left text, emoji) and Liquid delimiters.
import fc from 'fast-check';

export const NASTY_PIECES = [
  '"', "'", '\\', '\\d+', ':', ': ', ' #', '#', '[', ']', '{', '}', ',', '&', '*', '!', '|', '>', '%', '@', '`',
  '-', '- ', '?', '? ', '\n', '\r\n', '\r', '\t', '\u2028', '\u2029', '\u0085', '\u00a0', '\ufeff', '\u0000',
  '\u0007', '\u001b', '\u007f', '\u0080', '\u009f', '\ufffe', '😀', '👨‍👩‍👧', 'שלום עולם', 'مرحبا', '\u200f', '\u202e',
  '中文标题', '“引号”', '【快讯】', 'yes', 'No', 'null', 'NULL', '~', 'true', 'off', 'y', '1:20', '2023-06-18',
  '2023-06-18T15:48:21Z', '0x1F', '0o17', '.inf', '-.5', '1e3', '1_000', '<<', '=', '{{', '}}', '{%', '%}',
  '{{ page.title }}', '{% raw %}', '{% endraw %}', '---', '...', ' ', '  ', '&amp;', '<b>', '$$', '*bold*', '_x_',
];

const piece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_PIECES) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);

/** A field value: a few nasty pieces, sometimes plain words. */
export const nastyText = fc.array(piece, { minLength: 0, maxLength: 7 }).map((parts) => parts.join(''));

/** A non-blank field value (titles and site names are never empty in a clip). */
export const nastyLine = nastyText.filter((s) => s.trim() !== '');

/** URLs: valid ones with awkward characters, and arbitrary strings (a damaged record still exports). */
export const nastyUrl = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  nastyText.map((s) => `https://example.com/${encodeURIComponent(s)}?q=${s}`),
  nastyText,
);

export const clipFields = fc.record({
  title: nastyLine,
  byline: fc.option(nastyText, { nil: undefined }),
  siteName: nastyText,
  url: nastyUrl,
  tags: fc.array(nastyText, { maxLength: 4 }),
});
