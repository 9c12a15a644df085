// How long a field may be in a clip that comes from a file (an imported post): long enough for
// any real article, short enough that a hostile file cannot fill lists, indexes and exports with
// a megabyte of title. The importer cuts to these; the worker refuses anything longer.

export const FIELD_LIMITS = {
  /** UTF-16 code units, after whitespace is collapsed. */
  title: 1000,
  author: 200,
  site: 200,
  excerpt: 2000,
  /** Each of the user's tags and the page's keywords. */
  tag: 100,
  /** How many tags (and keywords) one clip keeps. */
  tags: 100,
  url: 2048,
  /** The longest BCP 47 tags in use are about 35 characters. */
  lang: 35,
} as const;

// The years the archive format writes (`date:` in four digits) and reads back; outside them
// `toISOString()` throws or writes a six-digit year that no reader takes.
const EARLIEST_TIME = Date.parse('0000-01-01T00:00:00.000Z');
const LATEST_TIME = Date.parse('9999-12-31T23:59:59.999Z');

/** An instant in years 0000 to 9999. */
export const isTimeInRange = (ms: number): boolean => Number.isFinite(ms) && ms >= EARLIEST_TIME && ms <= LATEST_TIME;

/** `text` cut to at most `max` UTF-16 code units, never between the halves of a surrogate pair. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}
